import { z } from 'zod';
import { adminCodeSchema } from './admin.ts';
import { latSchema, lonSchema } from './village.ts';

export const SERVICE_TYPES = [
  'station',
  'health',
  'school',
  'disability',
  'welfare',
  'police',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const serviceTypeSchema = z.enum(SERVICE_TYPES);

export const SERVICE_TYPE_NAMES: Record<ServiceType, { en: string; zh: string }> = {
  station: { en: 'Township child-protection station', zh: '乡镇未成年人保护工作站' },
  health: { en: 'Township health centre', zh: '乡镇卫生院' },
  school: { en: 'School', zh: '学校' },
  disability: { en: 'Disability day-care / rehabilitation centre', zh: '残疾儿童康复托养机构' },
  welfare: { en: 'County child welfare institution', zh: '县级儿童福利机构' },
  police: { en: 'Police station', zh: '派出所' },
};

/**
 * Default service standards: the great-circle distance within which a village counts as served
 * by a service of that type. Chosen from common planning norms for rural China (a township
 * service within a 15 km ride, a primary school within walking or bus distance, county-level
 * institutions within about an hour); each deployment sets its own.
 */
export const DEFAULT_SERVICE_STANDARDS_KM: Record<ServiceType, number> = {
  station: 15,
  health: 15,
  school: 5,
  disability: 40,
  welfare: 60,
  police: 20,
};

export const serviceStandardsSchema = z.object(
  Object.fromEntries(SERVICE_TYPES.map((t) => [t, z.number().positive().max(1000)])) as Record<
    ServiceType,
    z.ZodNumber
  >,
);
export type ServiceStandards = z.infer<typeof serviceStandardsSchema>;

export const servicePointSchema = z.object({
  id: z.string().min(1).max(64),
  type: serviceTypeSchema,
  name: z.string().min(1),
  lon: lonSchema,
  lat: latSchema,
  /** children the service can take on */
  capacity: z.number().int().positive(),
  /** the administrative unit it belongs to (township for township services, county for county ones) */
  adminCode: adminCodeSchema,
});
export type ServicePoint = z.infer<typeof servicePointSchema>;

import { z } from 'zod';
import { villageCodeSchema } from './admin.ts';

export const lonSchema = z.number().min(-180).max(180);
export const latSchema = z.number().min(-90).max(90);

const count = z.number().int().nonnegative();

/** Categories of vulnerable children the programme counts per village. A child may be in several. */
export const CHILD_CATEGORIES = ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const;
export type ChildCategory = (typeof CHILD_CATEGORIES)[number];
export const childCategorySchema = z.enum(CHILD_CATEGORIES);

export const villageSchema = z.object({
  code: villageCodeSchema,
  name: z.string().min(1),
  /** WGS84 */
  lon: lonSchema,
  lat: latSchema,
  population: count,
  /** children aged 0-17 */
  children: count,
  /** left-behind: both parents migrated for work, or one migrated and the other unable to care */
  leftBehind: count,
  disabled: count,
  /** orphaned or de facto unattended (事实无人抚养) */
  orphaned: count,
  /** in poverty or other difficult circumstances (困境儿童) */
  difficult: count,
  /** year the programme first placed a worker in the village; null when not covered */
  coveredSince: z.number().int().min(2000).max(2100).nullable(),
});
export type Village = z.infer<typeof villageSchema>;

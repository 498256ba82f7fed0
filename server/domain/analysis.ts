import { z } from 'zod';
import { CHILD_CATEGORIES, childCategorySchema, type ChildCategory } from './village.ts';
import { DEFAULT_SERVICE_STANDARDS_KM, SERVICE_TYPES, serviceTypeSchema, type ServiceType } from './service.ts';

/** A village's status in the worker network. */
export const VILLAGE_STATUSES = ['served', 'overCapacity', 'notCovered'] as const;
export type VillageStatus = (typeof VILLAGE_STATUSES)[number];

export const DEFAULT_WORKER_REACH_KM = 5;
/**
 * Default weights of vulnerable children in the need score: children without parental care and
 * disabled children count more, as they depend most on a worker's visits.
 */
export const DEFAULT_CATEGORY_WEIGHTS: Record<ChildCategory, number> = {
  leftBehind: 1,
  disabled: 2,
  orphaned: 3,
  difficult: 1.5,
};

const km = z.number().positive('a distance must be positive').max(2000, 'at most 2,000 km');

/** Parameters of an analysis request; anything left out takes its default. */
export const analysisParamsSchema = z
  .object({
    standardsKm: z
      .object(Object.fromEntries(SERVICE_TYPES.map((t) => [t, km.optional()])) as Record<ServiceType, z.ZodOptional<typeof km>>)
      .strict()
      .default({}),
    /** how far a worker reaches villages not on any roster; 0: only roster villages are served */
    workerReachKm: z.number().min(0, 'reach cannot be negative').max(200).default(DEFAULT_WORKER_REACH_KM),
    /** whether caseload capacity limits who a worker serves */
    enforceCapacity: z.boolean().default(true),
    /** one caseload capacity for every worker instead of each worker's own */
    capacityOverride: z.number().int().positive().nullable().default(null),
    weights: z
      .object(Object.fromEntries(CHILD_CATEGORIES.map((c) => [c, z.number().min(0).max(100).optional()])) as Record<ChildCategory, z.ZodOptional<z.ZodNumber>>)
      .strict()
      .default({}),
  })
  .strict()
  .prefault({});
export type AnalysisParamsInput = NonNullable<z.input<typeof analysisParamsSchema>>;

/** Parameters with every default filled in: what the engine takes. */
export interface AnalysisParams {
  standardsKm: Record<ServiceType, number>;
  workerReachKm: number;
  enforceCapacity: boolean;
  capacityOverride: number | null;
  weights: Record<ChildCategory, number>;
}

export function resolveParams(input: z.output<typeof analysisParamsSchema>): AnalysisParams {
  return {
    standardsKm: { ...DEFAULT_SERVICE_STANDARDS_KM, ...stripUndefined(input.standardsKm) },
    workerReachKm: input.workerReachKm,
    enforceCapacity: input.enforceCapacity,
    capacityOverride: input.capacityOverride,
    weights: { ...DEFAULT_CATEGORY_WEIGHTS, ...stripUndefined(input.weights) },
  };
}

function stripUndefined<T extends Record<string, number | undefined>>(o: T): Record<string, number> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, number>;
}

export const gapFilterSchema = z.object({
  category: childCategorySchema.optional(),
  serviceType: serviceTypeSchema.optional(),
});
export type GapFilter = z.infer<typeof gapFilterSchema>;

/** Figures the analysis reports for one unit; distances in km, null where undefined (no service of a type). */
export interface DistanceFigures {
  meanKm: number | null;
  medianKm: number | null;
  p90Km: number | null;
  /** villages within the standard */
  meetingVillages: number;
  standardKm: number;
}

export interface CoverageSummary {
  code: string | null;
  name: string;
  level: string;
  villages: number;
  coveredVillages: number;
  served: number;
  overCapacity: number;
  notCovered: number;
  /** villages not served by a worker or missing a service standard: the gap villages analysis.gaps ranks */
  gapVillages: number;
  workers: number;
  overloadedWorkers: number;
  reached: Record<ChildCategory | 'children', number>;
  notReached: Record<ChildCategory | 'children', number>;
  distance: Record<ServiceType, DistanceFigures>;
}

export interface GapRow {
  rank: number;
  code: string;
  name: string;
  /** names of the township, county, prefecture and province */
  path: string[];
  status: VillageStatus;
  need: number;
  missed: ServiceType[];
  workerKm: number | null;
  distanceKm: Record<ServiceType, number | null>;
  children: number;
  leftBehind: number;
  disabled: number;
  orphaned: number;
  difficult: number;
}

export const pageSchema = z.object({
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
});

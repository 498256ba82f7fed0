import { z } from 'zod';
import { adminCodeSchema, villageCodeSchema } from './admin.ts';
import { analysisParamsSchema } from './analysis.ts';
import { datasetIdSchema } from './dataset.ts';
import type { ChildCategory } from './village.ts';

/**
 * Expansion planning: which villages get the next workers. A new worker lives in the chosen
 * village (the site) and serves villages within the worker reach that no existing worker serves
 * now, up to their caseload capacity when capacity is enforced. Existing workers and what they
 * serve stay as they are. The objective is the weighted number of vulnerable children newly
 * served (category weights as in the need score).
 */

/** Most phases a plan may have, and most sites a phase may add. */
export const MAX_PHASES = 10;
export const MAX_SITES_PER_PHASE = 20_000;
/** The exact solver is offered up to this many candidate sites (about a county). */
export const EXACT_MAX_CANDIDATES = 1_500;
export const DEFAULT_NEW_WORKER_CAPACITY = 100;

const money = z.number().positive('a cost must be positive').max(1e12);

/** How much each phase may add: a number of new workers, or a budget spent at a cost per site. */
export const planTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('workers'),
    /** new workers per phase, e.g. [300, 300, 400] for three years */
    perPhase: z.array(z.number().int().min(1, 'a phase adds at least one worker').max(MAX_SITES_PER_PHASE)).min(1).max(MAX_PHASES),
  }),
  z.object({
    kind: z.literal('budget'),
    /** budget per phase, in yuan */
    perPhase: z.array(z.number().positive('a budget must be positive').max(1e12)).min(1).max(MAX_PHASES),
    /** cost of placing a worker in a village, in yuan */
    costPerSite: money,
    /** villages that cost more or less than costPerSite (e.g. remote ones), by code */
    siteCosts: z.record(villageCodeSchema, money).default({}).refine((r) => Object.keys(r).length <= 100_000, 'at most 100,000 site costs'),
  }),
]);
export type PlanTarget = z.infer<typeof planTargetSchema>;

export const PLAN_METHODS = ['greedy', 'exact'] as const;
export type PlanMethod = (typeof PLAN_METHODS)[number];

export const planRequestSchema = z
  .object({
    datasetId: datasetIdSchema.optional(),
    /** reach, capacity enforcement and category weights come from the analysis parameters */
    params: analysisParamsSchema,
    /** candidate sites: villages of this unit (null: anywhere), or only the listed villages */
    unit: adminCodeSchema.nullable().default(null),
    candidates: z.array(villageCodeSchema).min(1).max(100_000).nullable().default(null),
    target: planTargetSchema,
    /** caseload capacity of a new worker, in vulnerable children (used when capacity is enforced) */
    newWorkerCapacity: z.number().int().min(1).max(10_000).default(DEFAULT_NEW_WORKER_CAPACITY),
    /** equity: at least this many new sites in every county that has candidates */
    countyMinimum: z.number().int().min(0).max(1000).default(0),
    method: z.enum(PLAN_METHODS).default('greedy'),
    /** year of the first phase; later phases follow year by year */
    firstYear: z.number().int().min(2000).max(2100).default(2027),
    /** the exact solver stops after this long and reports the gap it proved */
    timeLimitS: z.number().min(1).max(600).default(60),
  })
  .strict();
export type PlanRequest = z.infer<typeof planRequestSchema>;
export type PlanRequestInput = z.input<typeof planRequestSchema>;

export type CategoryCounts = Record<ChildCategory | 'children', number>;

/** One chosen site. */
export interface PlanSite {
  /** order of choice (greedy) or of contribution (exact), from 1 */
  rank: number;
  phase: number;
  year: number;
  code: string;
  name: string;
  lon: number;
  lat: number;
  /** weighted vulnerable children newly served */
  gain: number;
  /** vulnerable children newly served, by category (children: all of them) */
  served: CategoryCounts;
  villages: number;
  cost: number;
}

export interface PlanPhaseResult {
  phase: number;
  year: number;
  sites: number;
  cost: number;
  /** weighted children newly served by the plan up to and including this phase */
  value: number;
  /** an upper bound on what any plan of the same size could reach (null when none is known) */
  bound: number | null;
}

export interface EquityResult {
  countyMinimum: number;
  counties: number;
  /** counties left below the minimum, and why */
  short: { code: string; name: string; sites: number; reason: 'fewCandidates' | 'notEnoughSites' }[];
}

export interface PlanResult {
  method: PlanMethod;
  /** weighted vulnerable children newly served */
  value: number;
  /** proven upper bound on the optimum of the same instance */
  bound: number;
  /** (bound - value) / bound, in percent: how far from optimal the plan can be at most */
  gapPercent: number;
  /** what the bound is: greedy's data-dependent bound, or the solver's proven bound */
  boundKind: 'marginal' | 'lagrangian' | 'solver';
  /** true when the exact solver proved optimality within its tolerance */
  optimal: boolean;
  sites: PlanSite[];
  phases: PlanPhaseResult[];
  served: CategoryCounts;
  villagesServed: number;
  cost: number;
  candidates: number;
  equity: EquityResult | null;
  /** why the exact solver was not used or did not finish, when it applies */
  notes: string[];
  elapsedMs: number;
}

export const PLAN_JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type PlanJobState = (typeof PLAN_JOB_STATES)[number];

export interface PlanProgress {
  state: PlanJobState;
  /** what the job is doing now */
  step: 'preparing' | 'candidates' | 'choosing' | 'solving' | 'bounding' | 'finished';
  done: number;
  total: number;
  message: string | null;
}

export const planJobIdSchema = z.string().regex(/^[0-9a-f]{16,64}$/, 'not a planning job id');

export const scenarioIdSchema = z.number().int().positive();
export const scenarioNameSchema = z.string().trim().min(1, 'a scenario needs a name').max(120, 'at most 120 characters');

/** "Why this village": what a chosen site serves, and the best nearby village not chosen. */
export interface SiteExplanation {
  site: PlanSite;
  sites: number;
  /** the villages it newly serves, nearest first */
  villages: { code: string; name: string; km: number; weight: number; served: CategoryCounts }[];
  /** the best village within reach of twice the worker reach that the plan did not choose, had it been chosen instead */
  alternative: { code: string; name: string; km: number; gain: number } | null;
}

export interface ScenarioComparison {
  a: { id: number; name: string; value: number; bound: number; gapPercent: number; sites: number; villagesServed: number; cost: number; served: CategoryCounts };
  b: ScenarioComparison['a'];
  /** sites in both plans, and in one only (code and name) */
  both: number;
  onlyA: { code: string; name: string; rank: number }[];
  onlyB: { code: string; name: string; rank: number }[];
}

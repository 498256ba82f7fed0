import { z } from 'zod';
import { adminCodeSchema } from './admin.ts';
import { analysisParamsSchema } from './analysis.ts';
import { datasetIdSchema } from './dataset.ts';
import { scenarioIdSchema } from './planning.ts';

/**
 * What the programme reaches, for donors and for published snapshots: figures by unit, never by
 * village. For a caller without planner rights every count below the privacy threshold is
 * replaced by the text "<5" (for a threshold of 5) before it leaves the server; 0 stays 0, as
 * "none" identifies no child.
 */
export const DEFAULT_PRIVACY_THRESHOLD = 5;

/** A count, or "<N" where it is below the threshold N and the caller may not see it. */
export type Count = number | `<${number}`;

export interface ReachCounts {
  villages: Count;
  coveredVillages: Count;
  workers: Count;
  /** children (0-17) in villages a worker serves, and the vulnerable ones by category */
  children: Count;
  leftBehind: Count;
  disabled: Count;
  orphaned: Count;
  difficult: Count;
}

export interface ReachUnit extends ReachCounts {
  code: string;
  name: string;
  /** covered villages / villages; null for a unit without villages, or where either count is withheld */
  coveredShare: number | null;
}

export interface ReachSummary {
  dataset: { id: number; name: string; nameZh: string; version: number; synthetic: boolean; createdAt: string };
  unit: { code: string | null; name: string };
  threshold: number;
  /** whether small counts were withheld from this payload */
  protected: boolean;
  headline: ReachCounts & { counties: Count; coveredCounties: Count };
  byProvince: ReachUnit[];
  byCounty: ReachUnit[];
  growth: { year: number; newVillages: Count; cumulativeVillages: Count }[];
}

export const reachInputSchema = z
  .object({
    datasetId: datasetIdSchema.optional(),
    code: adminCodeSchema.nullable().default(null),
    params: analysisParamsSchema,
  })
  .prefault({});

export const snapshotTitleSchema = z.object({
  zh: z.string().trim().min(1, '需要中文标题').max(120),
  en: z.string().trim().min(1, 'an English title is needed').max(120),
});

export const publishSnapshotSchema = z
  .object({
    title: snapshotTitleSchema,
    datasetId: datasetIdSchema.optional(),
    /** the unit the snapshot shows (null: the whole dataset) */
    code: adminCodeSchema.nullable().default(null),
    params: analysisParamsSchema,
    /** a saved scenario whose aggregate result the snapshot includes */
    scenarioId: scenarioIdSchema.nullable().default(null),
    /** the view it was published from (the page's query string), so it opens the same way */
    view: z.string().max(4000).default(''),
  })
  .strict();
export type PublishSnapshotInput = z.input<typeof publishSnapshotSchema>;

export const snapshotTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'not a snapshot link');

/** What a snapshot link shows: frozen when published, with every small count withheld. */
export interface SnapshotPayload {
  title: { zh: string; en: string };
  publishedAt: string;
  view: string;
  reach: ReachSummary;
  scenario: {
    name: string;
    method: string;
    sites: Count;
    villagesServed: Count;
    served: Omit<ReachCounts, 'villages' | 'coveredVillages' | 'workers'>;
    gapPercent: number;
    years: number[];
  } | null;
}

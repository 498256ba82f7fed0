import { SERVICE_TYPES, VILLAGE_STATUSES, type AnalysisParams, type GapFilter, type GapRow, type ServiceType } from '../domain/index.ts';
import { rankGaps } from '../engine/gap_scores.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { finite } from './finite.ts';

/** Names of a village's township, county, prefecture and province (those that exist). */
export function villagePath({ columns }: LoadedDataset, village: number): string[] {
  const { admin, villages } = columns;
  const names: string[] = [];
  for (let u = villages.township[village]; u >= 0; u = admin.parent[u]) names.push(admin.name[u]);
  return names;
}

/** The ranked gap villages of a unit (or the whole dataset), as village indices. */
export function rankedGaps(loaded: LoadedDataset, params: AnalysisParams, unit: number | null, filter: GapFilter): Int32Array {
  const { analysis, columns } = loaded;
  const { score } = analysis.gapScores(params, filter);
  const start = unit === null ? 0 : analysis.index.unitStart[unit];
  const end = unit === null ? columns.villages.count : analysis.index.unitEnd[unit];
  return rankGaps(score, start, end);
}

/** The analysis results gap rows are read from, looked up once per request, not once per row. */
export function gapContext({ analysis }: LoadedDataset, params: AnalysisParams, filter: GapFilter) {
  return { ...analysis.gapScores(params, filter), assignment: analysis.assignment(params), km: analysis.distances.km };
}
export type GapContext = ReturnType<typeof gapContext>;

export function gapRow(loaded: LoadedDataset, ctx: GapContext, village: number, rank: number): GapRow {
  const v = loaded.columns.villages;
  const { score, missed, assignment, km } = ctx;
  return {
    rank,
    code: v.code[village],
    name: v.name[village],
    path: villagePath(loaded, village),
    status: VILLAGE_STATUSES[assignment.status[village]],
    need: Math.round(score[village] * 100) / 100,
    missed: SERVICE_TYPES.filter((_, t) => missed[village] & (1 << t)),
    workerKm: finite(assignment.km[village]),
    distanceKm: Object.fromEntries(SERVICE_TYPES.map((t, k) => [t, finite(km[k][village])])) as Record<ServiceType, number | null>,
    children: v.children[village],
    leftBehind: v.leftBehind[village],
    disabled: v.disabled[village],
    orphaned: v.orphaned[village],
    difficult: v.difficult[village],
  };
}

import { ADMIN_LEVELS, CHILD_CATEGORIES, SERVICE_TYPES, type AnalysisParams, type CoverageSummary, type DistanceFigures, type ServiceType } from '../domain/index.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { finite } from './finite.ts';

/** Coverage figures of one unit (or the whole dataset when unit is null), as the API returns them. */
export function coverageSummary({ columns, analysis }: LoadedDataset, params: AnalysisParams, unit: number | null, datasetName: string): CoverageSummary {
  const agg = analysis.coverage(params);
  const { admin } = columns;
  const u = unit ?? admin.count;
  const groups = ['children', ...CHILD_CATEGORIES] as const;
  return {
    code: unit === null ? null : admin.code[unit],
    name: unit === null ? datasetName : admin.name[unit],
    level: unit === null ? 'dataset' : ADMIN_LEVELS[admin.level[unit]],
    villages: agg.villages[u],
    coveredVillages: agg.coveredVillages[u],
    served: agg.served[u],
    overCapacity: agg.overCapacity[u],
    notCovered: agg.notCovered[u],
    gapVillages: gapVillageCount(analysis, params, unit, columns.villages.count),
    workers: agg.workers[u],
    overloadedWorkers: agg.overloadedWorkers[u],
    reached: Object.fromEntries(groups.map((g) => [g, agg.reached[g][u]])) as CoverageSummary['reached'],
    notReached: Object.fromEntries(groups.map((g) => [g, agg.notReached[g][u]])) as CoverageSummary['notReached'],
    distance: Object.fromEntries(
      SERVICE_TYPES.map((t, k) => [
        t,
        {
          meanKm: finite(agg.distance[k].mean[u]),
          medianKm: finite(agg.distance[k].median[u]),
          p90Km: finite(agg.distance[k].p90[u]),
          meetingVillages: agg.distance[k].meeting[u],
          standardKm: params.standardsKm[t],
        } satisfies DistanceFigures,
      ]),
    ) as Record<ServiceType, DistanceFigures>,
  };
}

/** Villages of a unit (or the whole dataset) not served or missing a standard: those with a gap score. */
function gapVillageCount(analysis: LoadedDataset['analysis'], params: AnalysisParams, unit: number | null, villageCount: number): number {
  const { score } = analysis.gapScores(params, {});
  const start = unit === null ? 0 : analysis.index.unitStart[unit];
  const end = unit === null ? villageCount : analysis.index.unitEnd[unit];
  let n = 0;
  for (let i = start; i < end; i++) if (score[i] >= 0) n++;
  return n;
}

/** The units one level below `unit` (provinces below the whole dataset). */
export function childUnits({ columns }: LoadedDataset, unit: number | null): number[] {
  const { admin } = columns;
  const out: number[] = [];
  for (let u = 0; u < admin.count; u++) {
    if (unit === null ? admin.level[u] === 0 : admin.parent[u] === unit) out.push(u);
  }
  return out;
}

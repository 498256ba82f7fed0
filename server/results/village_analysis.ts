import { SERVICE_TYPES, VILLAGE_STATUSES, type AnalysisParams, type ServiceType, type Village, type VillageStatus } from '../domain/index.ts';
import { villageRecord } from './village_record.ts';
import { vulnerableCount } from '../engine/vulnerable.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { finite } from './finite.ts';
import { villagePath } from './gap_rows.ts';

export interface VillageAnalysis extends Village {
  path: string[];
  status: VillageStatus;
  worker: { id: string; km: number; onRoster: boolean; caseload: number; capacity: number } | null;
  services: Record<ServiceType, { id: string; name: string; km: number; standardKm: number; meets: boolean } | null>;
  missed: ServiceType[];
  need: number;
  vulnerable: number;
}

/** Everything the village card shows about one village. */
export function villageAnalysis(loaded: LoadedDataset, params: AnalysisParams, village: number): VillageAnalysis {
  const { columns, analysis } = loaded;
  const { villages: v, workers, services } = columns;
  const assignment = analysis.assignment(params);
  const { score, missed } = analysis.gapScores(params, {});
  const { nearest, km } = analysis.distances;
  const w = assignment.worker[village];
  return {
    ...villageRecord(v, village),
    path: villagePath(loaded, village),
    status: VILLAGE_STATUSES[assignment.status[village]],
    worker:
      w < 0
        ? null
        : { id: workers.id[w], km: assignment.km[village], onRoster: assignment.onRoster[village] === 1, caseload: assignment.caseload[w], capacity: assignment.capacity[w] },
    services: Object.fromEntries(
      SERVICE_TYPES.map((t, k) => {
        const s = nearest[k][village];
        const d = finite(km[k][village]);
        return [t, s < 0 || d === null ? null : { id: services.id[s], name: services.name[s], km: d, standardKm: params.standardsKm[t], meets: d <= params.standardsKm[t] }];
      }),
    ) as VillageAnalysis['services'],
    missed: SERVICE_TYPES.filter((_, t) => missed[village] & (1 << t)),
    need: Math.max(0, score[village]),
    vulnerable: vulnerableCount(v, village),
  };
}

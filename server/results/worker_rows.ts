import type { AnalysisParams } from '../domain/index.ts';
import { villagesByWorker } from '../engine/worker_catchments.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';

export interface WorkerRow {
  id: string;
  homeVillage: string;
  homeVillageName: string;
  lon: number;
  lat: number;
  villagesServed: number;
  caseload: number;
  demand: number;
  capacity: number;
  overloaded: boolean;
}

/** Workers whose home village lies in a unit, as indices. */
export function workersIn({ columns }: LoadedDataset, unitCode: string | null): number[] {
  const { workers, villages } = columns;
  const out: number[] = [];
  for (let w = 0; w < workers.count; w++) {
    const home = workers.home[w];
    if (unitCode === null || (home >= 0 && villages.code[home].startsWith(unitCode))) out.push(w);
  }
  return out;
}

/** Workers of a unit, the most overloaded (demand over capacity) first. */
export function workerRows(loaded: LoadedDataset, params: AnalysisParams, unitCode: string | null): WorkerRow[] {
  const { workers, villages } = loaded.columns;
  const a = loaded.analysis.assignment(params);
  const byWorker = villagesByWorker(a, workers.count);
  return workersIn(loaded, unitCode)
    .map((w) => {
      const home = workers.home[w];
      return {
        id: workers.id[w],
        homeVillage: home >= 0 ? villages.code[home] : '',
        homeVillageName: home >= 0 ? villages.name[home] : '',
        lon: workers.lon[w],
        lat: workers.lat[w],
        villagesServed: byWorker.start[w + 1] - byWorker.start[w],
        caseload: a.caseload[w],
        demand: a.demand[w],
        capacity: a.capacity[w],
        overloaded: a.demand[w] > a.capacity[w],
      };
    })
    .sort((x, y) => y.demand / y.capacity - x.demand / x.capacity || (x.id < y.id ? -1 : 1));
}

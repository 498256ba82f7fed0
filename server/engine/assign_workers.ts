import type { DatasetColumns } from './columns.ts';
import type { DatasetIndex } from './dataset_index.ts';
import { batchNearest } from './batch_nearest.ts';
import { haversineKm } from './geo.ts';
import { vulnerableCount } from './vulnerable.ts';

export const STATUS_SERVED = 0;
export const STATUS_OVER_CAPACITY = 1;
export const STATUS_NOT_COVERED = 2;

export interface WorkerParams {
  /** how far a worker reaches villages not on any roster */
  workerReachKm: number;
  enforceCapacity: boolean;
  /** one capacity for every worker instead of each worker's own */
  capacityOverride: number | null;
}

export interface WorkerAssignment {
  /** per village: its worker (roster, else nearest within reach), -1 if none */
  worker: Int32Array;
  /** per village: km to that worker, Infinity if none */
  km: Float64Array;
  /** per village: STATUS_SERVED, STATUS_OVER_CAPACITY or STATUS_NOT_COVERED */
  status: Uint8Array;
  /** per village: 1 when it is on its worker's roster */
  onRoster: Uint8Array;
  /** per worker: vulnerable children in villages they serve */
  caseload: Float64Array;
  /** per worker: vulnerable children in every village that looks to them (served or not) */
  demand: Float64Array;
  /** per worker: the capacity applied */
  capacity: Float64Array;
}

/**
 * Who serves each village. A village on a roster belongs to that worker; any other village
 * looks to its nearest worker within reach. With capacity enforced, a worker takes their roster
 * villages first (roster order), then the villages that look to them from nearest to farthest,
 * each while its vulnerable children still fit; a village that does not fit is "reachable but
 * over capacity". Villages with no worker are "not covered".
 *
 * @example
 * const a = assignWorkers(columns, index, { workerReachKm: 5, enforceCapacity: true, capacityOverride: null });
 * a.status[i] === STATUS_SERVED
 */
export function assignWorkers({ villages, workers }: DatasetColumns, index: DatasetIndex, params: WorkerParams): WorkerAssignment {
  const n = villages.count;
  const worker = new Int32Array(n).fill(-1);
  const km = new Float64Array(n).fill(Infinity);
  const status = new Uint8Array(n).fill(STATUS_NOT_COVERED);
  const onRoster = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (index.rosterWorker[i] >= 0) onRoster[i] = 1;
  const capacity = params.capacityOverride === null ? new Float64Array(workers.capacity) : new Float64Array(workers.count).fill(params.capacityOverride);
  const caseload = new Float64Array(workers.count);
  const demand = new Float64Array(workers.count);

  // Villages on no roster look to the nearest worker within reach...
  if (params.workerReachKm > 0)
    batchNearest(index.workerGrid, index.villageXyz, index.villageClusters, params.workerReachKm, worker, km, onRoster);
  // ...and those on a roster belong to its worker.
  for (let i = 0; i < n; i++) {
    const w = index.rosterWorker[i];
    if (w < 0) continue;
    worker[i] = w;
    km[i] = haversineKm(villages.lon[i], villages.lat[i], workers.lon[w], workers.lat[w]);
  }

  // Roster villages take capacity first, in roster order.
  for (let w = 0; w < workers.count; w++) {
    for (let r = workers.rosterStart[w]; r < workers.rosterStart[w + 1]; r++) {
      const v = workers.rosterVillage[r];
      if (v < 0 || index.rosterWorker[v] !== w) continue;
      serve(v, w);
    }
  }
  // Then the villages within reach, per worker nearest first (ties by village order): grouped
  // by worker with a counting sort, each short group sorted by distance.
  const groupStart = new Uint32Array(workers.count + 1);
  for (let i = 0; i < n; i++) if (!onRoster[i] && worker[i] >= 0) groupStart[worker[i] + 1]++;
  for (let w = 0; w < workers.count; w++) groupStart[w + 1] += groupStart[w];
  const fill = groupStart.slice(0, workers.count);
  const grouped = new Int32Array(groupStart[workers.count]);
  for (let i = 0; i < n; i++) if (!onRoster[i] && worker[i] >= 0) grouped[fill[worker[i]]++] = i;
  const byDistance = (x: number, y: number) => km[x] - km[y] || x - y;
  for (let w = 0; w < workers.count; w++) {
    const a = groupStart[w], b = groupStart[w + 1];
    if (b - a > 32) {
      // a long reach can give one worker thousands of villages: sort those properly
      grouped.subarray(a, b).sort(byDistance);
    } else {
      for (let x = a + 1; x < b; x++) {
        const v = grouped[x];
        let y = x - 1;
        while (y >= a && km[grouped[y]] > km[v]) {
          grouped[y + 1] = grouped[y];
          y--;
        }
        grouped[y + 1] = v;
      }
    }
    for (let x = a; x < b; x++) serve(grouped[x], w);
  }

  function serve(v: number, w: number): void {
    const children = vulnerableCount(villages, v);
    demand[w] += children;
    if (!params.enforceCapacity || caseload[w] + children <= capacity[w]) {
      caseload[w] += children;
      status[v] = STATUS_SERVED;
    } else {
      status[v] = STATUS_OVER_CAPACITY;
    }
  }

  return { worker, km, status, onRoster, caseload, demand, capacity };
}

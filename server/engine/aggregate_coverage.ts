import { CHILD_CATEGORIES, type ChildCategory } from '../domain/index.ts';
import { STATUS_NOT_COVERED, STATUS_OVER_CAPACITY, STATUS_SERVED, type WorkerAssignment } from './assign_workers.ts';
import type { DatasetColumns } from './columns.ts';
import type { DatasetIndex } from './dataset_index.ts';
import type { ServiceDistances } from './nearest_services.ts';
import { rangeStats } from './range_stats.ts';

/**
 * Coverage figures for every administrative unit at every level, and for the whole dataset.
 * Arrays have admin.count + 1 entries: unit u at u, the whole dataset at admin.count.
 */
export interface CoverageAggregates {
  villages: Float64Array;
  coveredVillages: Float64Array;
  served: Float64Array;
  overCapacity: Float64Array;
  notCovered: Float64Array;
  /** children in served villages, and in villages not served, by category and in all */
  reached: Record<ChildCategory | 'children', Float64Array>;
  notReached: Record<ChildCategory | 'children', Float64Array>;
  /** per service type (SERVICE_TYPES order): distance statistics in km and villages meeting the standard */
  distance: { mean: Float64Array; median: Float64Array; p90: Float64Array; meeting: Float64Array }[];
  /** workers (counted at their home village) whose demand exceeds their capacity */
  overloadedWorkers: Float64Array;
  workers: Float64Array;
}

const GROUPS = ['children', ...CHILD_CATEGORIES] as const;

/** Prefix sums make each unit's total one subtraction, since units are ranges of villages. */
function prefix(n: number, value: (i: number) => number): Float64Array {
  const p = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) p[i + 1] = p[i] + value(i);
  return p;
}

/**
 * @example
 * const agg = aggregateCoverage(columns, index, distances, assignment, standards);
 * agg.served[columns.admin.index.get('5101')!] // served villages in Chengdu
 */
export function aggregateCoverage(
  columns: DatasetColumns,
  index: DatasetIndex,
  distances: ServiceDistances,
  assignment: WorkerAssignment,
  standardsKm: number[],
): CoverageAggregates {
  const { admin, villages: v, workers } = columns;
  const n = v.count;
  const size = admin.count + 1;
  const start = Uint32Array.from({ length: size }, (_, u) => (u < admin.count ? index.unitStart[u] : 0));
  const end = Uint32Array.from({ length: size }, (_, u) => (u < admin.count ? index.unitEnd[u] : n));
  const byRange = (p: Float64Array) => Float64Array.from({ length: size }, (_, u) => p[end[u]] - p[start[u]]);

  const { status } = assignment;
  const count = (pred: (i: number) => boolean) => byRange(prefix(n, (i) => (pred(i) ? 1 : 0)));
  const counts: Record<(typeof GROUPS)[number], Uint32Array> = {
    children: v.children,
    leftBehind: v.leftBehind,
    disabled: v.disabled,
    orphaned: v.orphaned,
    difficult: v.difficult,
  };
  const reached = {} as CoverageAggregates['reached'];
  const notReached = {} as CoverageAggregates['notReached'];
  for (const g of GROUPS) {
    const c = counts[g];
    const reachedPrefix = new Float64Array(n + 1);
    const allPrefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      allPrefix[i + 1] = allPrefix[i] + c[i];
      reachedPrefix[i + 1] = reachedPrefix[i] + (status[i] === STATUS_SERVED ? c[i] : 0);
    }
    reached[g] = byRange(reachedPrefix);
    const all = byRange(allPrefix);
    notReached[g] = all.map((x, u) => x - reached[g][u]);
  }

  const scratch = new Float64Array(n);
  const distance = distances.km.map((km, t) => {
    const out = { mean: new Float64Array(size), median: new Float64Array(size), p90: new Float64Array(size), meeting: byRange(prefix(n, (i) => (km[i] <= standardsKm[t] ? 1 : 0))) };
    for (let u = 0; u < size; u++) {
      const s = rangeStats(km, start[u], end[u], scratch);
      out.mean[u] = s.mean;
      out.median[u] = s.median;
      out.p90[u] = s.p90;
    }
    return out;
  });

  // Workers are not ordered by village, so they are added up the parent chain instead.
  const overloadedWorkers = new Float64Array(size);
  const workerCount = new Float64Array(size);
  for (let w = 0; w < workers.count; w++) {
    const home = workers.home[w];
    const over = assignment.demand[w] > assignment.capacity[w] ? 1 : 0;
    workerCount[admin.count]++;
    overloadedWorkers[admin.count] += over;
    for (let u = home >= 0 ? v.township[home] : -1; u >= 0; u = admin.parent[u]) {
      workerCount[u]++;
      overloadedWorkers[u] += over;
    }
  }

  return {
    villages: Float64Array.from({ length: size }, (_, u) => end[u] - start[u]),
    coveredVillages: count((i) => v.coveredSince[i] > 0),
    served: count((i) => assignment.status[i] === STATUS_SERVED),
    overCapacity: count((i) => assignment.status[i] === STATUS_OVER_CAPACITY),
    notCovered: count((i) => assignment.status[i] === STATUS_NOT_COVERED),
    reached,
    notReached,
    distance,
    overloadedWorkers,
    workers: workerCount,
  };
}

import { CHILD_CATEGORIES, type ChildCategory } from '../domain/index.ts';
import { STATUS_NOT_COVERED, STATUS_OVER_CAPACITY, STATUS_SERVED, type WorkerAssignment } from './assign_workers.ts';
import type { DatasetColumns } from './columns.ts';
import type { DatasetIndex } from './dataset_index.ts';
import type { ServiceDistances } from './nearest_services.ts';
import type { UnitDistanceStats } from './distance_stats.ts';

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

/**
 * Sums for every unit: each village (and each worker, at their home village) is added to the
 * deepest unit whose code begins its code, then units are added into their parents, deepest
 * first. Distance statistics come computed once per dataset (distanceStats); only the villages
 * meeting each standard depend on the parameters.
 *
 * @example
 * const agg = aggregateCoverage(columns, index, distances, assignment, standards, stats);
 * agg.served[columns.admin.index.get('5101')!] // served villages in Chengdu
 */
export function aggregateCoverage(
  columns: DatasetColumns,
  index: DatasetIndex,
  distances: ServiceDistances,
  assignment: WorkerAssignment,
  standardsKm: number[],
  stats: UnitDistanceStats[],
): CoverageAggregates {
  const { admin, villages: v, workers } = columns;
  const n = v.count;
  const size = admin.count + 1;
  const total = admin.count;
  const { status } = assignment;
  const zeros = () => new Float64Array(size);
  const villages = zeros(), coveredVillages = zeros(), served = zeros(), overCapacity = zeros(), notCovered = zeros();
  const counts = GROUPS.map((g) => (g === 'children' ? v.children : v[g]));
  const reachedByGroup = GROUPS.map(zeros);
  const allByGroup = GROUPS.map(zeros);
  const meeting = standardsKm.map(zeros);

  // Each village into its unit, or straight into the whole dataset when it has none; units
  // reach the whole dataset through the roll-up below. Column by column, one plain loop each.
  // (TypedArray.from with a mapping function is an order of magnitude slower than a loop)
  const into = new Int32Array(n);
  for (let i = 0; i < n; i++) into[i] = index.villageUnit[i] >= 0 ? index.villageUnit[i] : total;
  for (let i = 0; i < n; i++) {
    const u = into[i];
    villages[u]++;
    if (v.coveredSince[i] > 0) coveredVillages[u]++;
    const s = status[i];
    if (s === STATUS_SERVED) served[u]++;
    else if (s === STATUS_OVER_CAPACITY) overCapacity[u]++;
    else if (s === STATUS_NOT_COVERED) notCovered[u]++;
  }
  for (let g = 0; g < GROUPS.length; g++) {
    const c = counts[g], all = allByGroup[g], reachedHere = reachedByGroup[g];
    for (let i = 0; i < n; i++) {
      all[into[i]] += c[i];
      if (status[i] === STATUS_SERVED) reachedHere[into[i]] += c[i];
    }
  }
  for (let t = 0; t < standardsKm.length; t++) {
    const km = distances.km[t], standard = standardsKm[t], meets = meeting[t];
    for (let i = 0; i < n; i++) if (km[i] <= standard) meets[into[i]]++;
  }
  const workerCount = zeros();
  const overloadedWorkers = zeros();
  for (let w = 0; w < workers.count; w++) {
    const home = workers.home[w];
    const unit = home >= 0 ? index.villageUnit[home] : -1;
    const u = unit >= 0 ? unit : total;
    workerCount[u]++;
    if (assignment.demand[w] > assignment.capacity[w]) overloadedWorkers[u]++;
  }

  const rolled = [villages, coveredVillages, served, overCapacity, notCovered, ...reachedByGroup, ...allByGroup, ...meeting, workerCount, overloadedWorkers];
  for (const u of index.rollupOrder) {
    const p = index.prefixParent[u];
    for (const arr of rolled) arr[p < 0 ? total : p] += arr[u];
  }

  const reached = {} as CoverageAggregates['reached'];
  const notReached = {} as CoverageAggregates['notReached'];
  GROUPS.forEach((g, k) => {
    reached[g] = reachedByGroup[k];
    notReached[g] = allByGroup[k];
    for (let u = 0; u < size; u++) notReached[g][u] -= reachedByGroup[k][u];
  });
  return {
    villages,
    coveredVillages,
    served,
    overCapacity,
    notCovered,
    reached,
    notReached,
    distance: stats.map((st, t) => ({ ...st, meeting: meeting[t] })),
    overloadedWorkers,
    workers: workerCount,
  };
}

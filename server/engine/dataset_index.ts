import { SERVICE_TYPES } from '../domain/index.ts';
import type { DatasetColumns } from './columns.ts';
import { unitVectors } from './geo.ts';
import { buildGrid, type SpatialGrid } from './spatial_grid.ts';
import { clustersByRun, type Clusters } from './batch_nearest.ts';
import { sharedInt32, sharedUint32 } from './parallel/shared_arrays.ts';

/**
 * What every analysis of a dataset needs and no parameter changes: unit vectors, a grid per
 * service type and one of workers, each village's roster worker, each unit's village range.
 * Built once per dataset version.
 */
export interface DatasetIndex {
  villageXyz: Float64Array;
  /** workers in a grid (which holds their unit vectors, in cell order) */
  workerGrid: SpatialGrid;
  /** per service type: the service indices of that type, and their grid */
  serviceByType: { ids: Int32Array; grid: SpatialGrid }[];
  /** the worker whose roster lists the village (the first, by worker id), -1 if none */
  rosterWorker: Int32Array;
  /** villages of one township (their villageUnit), consecutive in code order: batches for nearest-point searches */
  villageClusters: Clusters;
  /** per village: the deepest unit whose code begins the village's code, -1 if none */
  villageUnit: Int32Array;
  /** per unit: the deepest other unit whose code begins its code, -1 if none */
  prefixParent: Int32Array;
  /** units, deepest level first: the order to add units into their prefixParent */
  rollupOrder: Int32Array;
  /** villages are sorted by code, so each unit's villages are one range [unitStart, unitEnd) */
  unitStart: Uint32Array;
  unitEnd: Uint32Array;
}

/** code lengths of townships, counties, prefectures and provinces, deepest first */
const PREFIX_LENGTHS = [9, 6, 4, 2];

function lowerBound(sorted: string[], key: string): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildDatasetIndex({ admin, villages, workers, services }: DatasetColumns): DatasetIndex {
  const villageXyz = unitVectors(villages.lon, villages.lat);
  const serviceByType = SERVICE_TYPES.map((_, t) => {
    const ids: number[] = [];
    for (let s = 0; s < services.count; s++) if (services.type[s] === t) ids.push(s);
    const lon = new Float64Array(ids.length);
    const lat = new Float64Array(ids.length);
    ids.forEach((s, k) => ((lon[k] = services.lon[s]), (lat[k] = services.lat[s])));
    const shared = sharedInt32(ids.length);
    shared.set(ids);
    return { ids: shared, grid: buildGrid(lon, lat) };
  });
  const rosterWorker = new Int32Array(villages.count).fill(-1);
  for (let w = 0; w < workers.count; w++) {
    for (let r = workers.rosterStart[w]; r < workers.rosterStart[w + 1]; r++) {
      const v = workers.rosterVillage[r];
      if (v >= 0 && rosterWorker[v] < 0) rosterWorker[v] = w;
    }
  }
  // By code prefix rather than by parent_code, so that a unit holds exactly the villages whose
  // code begins with its code, even where an intermediate unit is missing.
  const deepestPrefixUnit = (code: string, below: number): number => {
    for (const len of PREFIX_LENGTHS) {
      if (len >= below || len > code.length) continue;
      const u = admin.index.get(code.slice(0, len));
      if (u !== undefined) return u;
    }
    return -1;
  };
  const villageUnit = new Int32Array(villages.count);
  for (let i = 0; i < villages.count; i++) villageUnit[i] = villages.township[i] >= 0 ? villages.township[i] : deepestPrefixUnit(villages.code[i], 12);
  const prefixParent = new Int32Array(admin.count);
  for (let u = 0; u < admin.count; u++) prefixParent[u] = deepestPrefixUnit(admin.code[u], admin.code[u].length);
  // deepest first, then in unit order: a counting sort on code length
  const byLength: number[][] = [];
  for (let u = 0; u < admin.count; u++) (byLength[admin.code[u].length] ??= []).push(u);
  const rollupOrder = Int32Array.from(byLength.reverse().flatMap((units) => units ?? []));

  // Each village widens the range of every unit on its prefix chain (villages come in code
  // order, so each range is contiguous); a unit with no villages gets the empty range where its
  // code would sort. Walking the chains costs a fifth of binary searches over the code strings.
  const unitStart = sharedUint32(admin.count);
  const unitEnd = sharedUint32(admin.count);
  for (let i = 0; i < villages.count; i++) {
    for (let u = villageUnit[i]; u >= 0; u = prefixParent[u]) {
      if (unitEnd[u] === 0) unitStart[u] = i;
      unitEnd[u] = i + 1;
    }
  }
  for (let u = 0; u < admin.count; u++) if (unitEnd[u] === 0) unitStart[u] = unitEnd[u] = lowerBound(villages.code, admin.code[u]);
  return { villageXyz, villageClusters: clustersByRun(villageUnit, villageXyz), villageUnit, prefixParent, rollupOrder, workerGrid: buildGrid(workers.lon, workers.lat), serviceByType, rosterWorker, unitStart, unitEnd };
}

import { CHILD_CATEGORIES, type ChildCategory } from '../../domain/index.ts';
import type { WorkerAssignment } from '../assign_workers.ts';
import { STATUS_SERVED } from '../assign_workers.ts';
import { collectWithin } from '../batch_nearest.ts';
import type { DatasetColumns } from '../columns.ts';
import type { DatasetIndex } from '../dataset_index.ts';
import { chordKm } from '../geo.ts';
import { buildGrid } from '../spatial_grid.ts';
import { vulnerableCount } from '../vulnerable.ts';

/**
 * An expansion problem in arrays: the candidate sites, and for each the villages a worker
 * placed there could newly serve (those within reach that no existing worker serves).
 * Everything the choosing algorithms (greedy, exact) need, and nothing about SQL or HTTP.
 */
export interface ExpansionInstance {
  /** village index of each candidate site */
  candidates: Int32Array;
  /** villages candidate k could serve: adjVillage[adjStart[k] .. adjStart[k + 1]), nearest first */
  adjStart: Uint32Array;
  adjVillage: Int32Array;
  adjKm: Float64Array;
  /** per village: weighted vulnerable children, 0 for villages an existing worker serves */
  weight: Float64Array;
  /** per village: vulnerable children, what counts against a worker's capacity */
  load: Float64Array;
  /** per village: weight per child (Infinity with no vulnerable children), the order a capacitated worker fills their caseload */
  density: Float64Array;
  /** per village: 1 when no existing worker serves it */
  unserved: Uint8Array;
}

export interface InstanceOptions {
  reachKm: number;
  weights: Record<ChildCategory, number>;
  /** candidate villages: the range [from, to) of village indices (a unit's villages are a range) */
  range: [number, number];
  /** or only these villages (within the range) */
  list: Int32Array | null;
}

/** Weighted vulnerable children of one village: the need that serving it meets. */
export function villageWeight(columns: DatasetColumns, v: number, weights: Record<ChildCategory, number>): number {
  let w = 0;
  for (const c of CHILD_CATEGORIES) w += weights[c] * columns.villages[c][v];
  return w;
}

/**
 * Candidates are villages on no worker's roster (a village on a roster already has its worker),
 * within the range or list. A candidate's own village is always within its reach.
 */
export function buildExpansionInstance(columns: DatasetColumns, index: DatasetIndex, assignment: WorkerAssignment, o: InstanceOptions): ExpansionInstance {
  const { villages } = columns;
  const n = villages.count;
  const unserved = Uint8Array.from(assignment.status, (s) => (s === STATUS_SERVED ? 0 : 1));
  const weight = new Float64Array(n);
  const load = new Float64Array(n);
  const density = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    if (!unserved[v]) continue;
    weight[v] = villageWeight(columns, v, o.weights);
    load[v] = vulnerableCount(villages, v);
    density[v] = load[v] === 0 ? Infinity : weight[v] / load[v];
  }

  const candidateList: number[] = [];
  const consider = (v: number) => {
    if (v >= o.range[0] && v < o.range[1] && index.rosterWorker[v] < 0) candidateList.push(v);
  };
  if (o.list) for (const v of o.list) consider(v);
  else for (let v = o.range[0]; v < o.range[1]; v++) consider(v);
  const candidates = Int32Array.from(candidateList);

  // Demand: the unserved villages, in a grid of their own.
  const demand: number[] = [];
  for (let v = 0; v < n; v++) if (unserved[v]) demand.push(v);
  const lon = Float64Array.from(demand, (v) => villages.lon[v]);
  const lat = Float64Array.from(demand, (v) => villages.lat[v]);
  const xyz = new Float64Array(demand.length * 3);
  for (let k = 0; k < demand.length; k++) xyz.set(index.villageXyz.subarray(3 * demand[k], 3 * demand[k] + 3), 3 * k);
  const grid = buildGrid(lon, lat, xyz);

  const adjStart = new Uint32Array(candidates.length + 1);
  let adjVillage = new Int32Array(Math.max(16, candidates.length * 4));
  let adjKm = new Float64Array(adjVillage.length);
  let size = 0;
  const hits: number[] = [];
  const near: number[] = [];
  const nearKm: number[] = [];
  const order: number[] = [];
  const vx = index.villageXyz;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    const cx = vx[3 * c], cy = vx[3 * c + 1], cz = vx[3 * c + 2];
    hits.length = near.length = nearKm.length = order.length = 0;
    collectWithin(grid, villages.lon[c], villages.lat[c], cx, cy, cz, o.reachKm + 1e-6, hits);
    for (const h of hits) {
      const km = chordKm(vx, demand[h], cx, cy, cz);
      if (km > o.reachKm) continue;
      order.push(near.length);
      near.push(demand[h]);
      nearKm.push(km);
    }
    order.sort((a, b) => nearKm[a] - nearKm[b] || near[a] - near[b]);
    if (size + order.length > adjVillage.length) {
      const grown = Math.max(adjVillage.length * 2, size + order.length);
      adjVillage = grow(adjVillage, grown);
      adjKm = grow(adjKm, grown);
    }
    for (const j of order) {
      adjVillage[size] = near[j];
      adjKm[size++] = nearKm[j];
    }
    adjStart[k + 1] = size;
  }
  return { candidates, adjStart, adjVillage: adjVillage.slice(0, size), adjKm: adjKm.slice(0, size), weight, load, density, unserved };
}

function grow<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

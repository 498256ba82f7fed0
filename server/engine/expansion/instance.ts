import { CHILD_CATEGORIES, type ChildCategory } from '../../domain/index.ts';
import type { WorkerAssignment } from '../assign_workers.ts';
import { STATUS_SERVED } from '../assign_workers.ts';
import type { DatasetColumns } from '../columns.ts';
import type { DatasetIndex } from '../dataset_index.ts';
import { EARTH_RADIUS_KM } from '../geo.ts';
import { buildGrid } from '../spatial_grid.ts';
import { vulnerableCount } from '../vulnerable.ts';
import { runToEnd, type Progress } from './steps.ts';

/**
 * An expansion problem in arrays: the candidate sites, and for each the villages a worker
 * placed there could newly serve (those within reach that no existing worker serves).
 * Everything the choosing algorithms (greedy, exact) need, and nothing about SQL or HTTP.
 */
export interface ExpansionInstance {
  /** village index of each candidate site */
  candidates: Int32Array;
  /**
   * villages candidate k could serve: adjVillage[adjStart[k] .. adjStart[k + 1]), in the order
   * a worker with a capacity takes them: highest weight per child first, then by code
   */
  adjStart: Uint32Array;
  adjVillage: Int32Array;
  /** per village: weighted vulnerable children, 0 for villages an existing worker serves */
  weight: Float64Array;
  /** per village: vulnerable children, what counts against a worker's capacity */
  load: Float64Array;
  /** per village: weight per child (Infinity with no vulnerable children) */
  density: Float64Array;
}

export interface InstanceOptions {
  reachKm: number;
  weights: Record<ChildCategory, number>;
  /** a new worker's caseload capacity, Infinity when not enforced */
  capacity: number;
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

/** Villages of [from, to) no new worker can serve: unserved, but with more vulnerable children than one worker's capacity. */
export function tooLargeForOneWorker(columns: DatasetColumns, assignment: WorkerAssignment, capacity: number, [from, to]: [number, number]): number {
  let count = 0;
  for (let v = from; v < to; v++) if (assignment.status[v] !== STATUS_SERVED && vulnerableCount(columns.villages, v) > capacity) count++;
  return count;
}

/**
 * Candidates are villages on no worker's roster (a village on a roster already has its worker),
 * within the range or list. Demand is every village no existing worker serves, except, with a
 * capacity, villages that alone exceed it. A candidate's own village is within its reach.
 */
export function buildExpansionInstance(columns: DatasetColumns, index: DatasetIndex, assignment: WorkerAssignment, o: InstanceOptions): ExpansionInstance {
  return runToEnd(expansionInstance(columns, index, assignment, o));
}

/** buildExpansionInstance step by step: yields progress (candidates done) every few thousand candidates. */
export function* expansionInstance(columns: DatasetColumns, index: DatasetIndex, assignment: WorkerAssignment, o: InstanceOptions): Generator<Progress, ExpansionInstance> {
  const { villages } = columns;
  const n = villages.count;
  const weight = new Float64Array(n);
  const load = new Float64Array(n);
  const density = new Float64Array(n);
  const demandList: number[] = [];
  for (let v = 0; v < n; v++) {
    if (assignment.status[v] === STATUS_SERVED) continue;
    const children = vulnerableCount(villages, v);
    if (children > o.capacity) continue;
    weight[v] = villageWeight(columns, v, o.weights);
    load[v] = children;
    density[v] = children === 0 ? Infinity : weight[v] / children;
    demandList.push(v);
  }
  // Demand villages in taking order, so a site's list is put in order by sorting positions in
  // this list: plain integers, which typed arrays sort natively.
  const demand = Int32Array.from(demandList.sort((a, b) => (density[a] === density[b] ? a - b : density[a] > density[b] ? -1 : 1)));

  const candidateList: number[] = [];
  const consider = (v: number) => {
    if (v >= o.range[0] && v < o.range[1] && index.rosterWorker[v] < 0) candidateList.push(v);
  };
  if (o.list) for (const v of o.list) consider(v);
  else for (let v = o.range[0]; v < o.range[1]; v++) consider(v);
  const candidates = Int32Array.from(candidateList);

  // Demand villages in a grid of their own, cells about the reach wide so a query scans few.
  const lon = Float64Array.from(demand, (v) => villages.lon[v]);
  const lat = Float64Array.from(demand, (v) => villages.lat[v]);
  const xyz = new Float64Array(demand.length * 3);
  for (let k = 0; k < demand.length; k++) xyz.set(index.villageXyz.subarray(3 * demand[k], 3 * demand[k] + 3), 3 * k);
  const cellDeg = Math.min(2, Math.max(0.02, ((o.reachKm / EARTH_RADIUS_KM) * 180) / Math.PI));
  const grid = buildGrid(lon, lat, xyz, cellDeg);
  const { cellStart, items, cols, rows, minLon, minLat } = grid;
  const gxyz = grid.xyz;

  const adjStart = new Uint32Array(candidates.length + 1);
  let adjVillage: Int32Array = new Int32Array(Math.max(16, candidates.length * 8));
  let size = 0;
  let near: Int32Array = new Int32Array(256);
  // within reach when the chord is at most 2 sin(angle / 2): squared, no root or arcsine per pair
  const maxChord2 = (2 * Math.sin(Math.min(Math.PI, o.reachKm / EARTH_RADIUS_KM) / 2)) ** 2;
  const dLat = (((o.reachKm + 1e-3) / EARTH_RADIUS_KM) * 180) / Math.PI;
  const vx = index.villageXyz;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    const cx = vx[3 * c], cy = vx[3 * c + 1], cz = vx[3 * c + 2];
    const clat = villages.lat[c], clon = villages.lon[c];
    const cosLat = Math.cos((Math.min(89.9, Math.abs(clat) + dLat) * Math.PI) / 180);
    const dLon = Math.min(180, dLat / cosLat);
    const c0 = Math.max(0, Math.floor((clon - dLon - minLon) / cellDeg)), c1 = Math.min(cols - 1, Math.floor((clon + dLon - minLon) / cellDeg));
    const r0 = Math.max(0, Math.floor((clat - dLat - minLat) / cellDeg)), r1 = Math.min(rows - 1, Math.floor((clat + dLat - minLat) / cellDeg));
    let m = 0;
    for (let r = r0; r <= r1; r++) {
      for (let cell = r * cols + c0, last = r * cols + c1; cell <= last; cell++) {
        for (let j = cellStart[cell], end = cellStart[cell + 1]; j < end; j++) {
          const dx = gxyz[3 * j] - cx, dy = gxyz[3 * j + 1] - cy, dz = gxyz[3 * j + 2] - cz;
          if (dx * dx + dy * dy + dz * dz > maxChord2) continue;
          if (m === near.length) near = grow(near, 2 * m);
          near[m++] = items[j];
        }
      }
    }
    // positions in the demand list are the taking order: sort them (short lists: insertion)
    if (m > 32) near.subarray(0, m).sort();
    else
      for (let i = 1; i < m; i++) {
        const x = near[i];
        let j = i - 1;
        while (j >= 0 && near[j] > x) near[j + 1] = near[j--];
        near[j + 1] = x;
      }
    if (size + m > adjVillage.length) adjVillage = grow(adjVillage, Math.max(2 * adjVillage.length, size + m));
    for (let i = 0; i < m; i++) adjVillage[size + i] = demand[near[i]];
    size += m;
    adjStart[k + 1] = size;
    if (k % 20_000 === 19_999) yield { done: k + 1, total: candidates.length };
  }
  return { candidates, adjStart, adjVillage: adjVillage.slice(0, size), weight, load, density };
}

function grow(a: Int32Array, length: number): Int32Array {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

import { chordKm, dotToKm, kmToDot, EARTH_RADIUS_KM } from './geo.ts';
import { found, nearest, type SpatialGrid } from './spatial_grid.ts';
import { sharedFloat64, sharedUint32 } from './parallel/shared_arrays.ts';

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;
/** slack for rounding in the candidate radius (km); far below anything we report */
const EPS_KM = 1e-6;

/**
 * Groups of nearby query points (a township's villages) with a bounding circle: centre c and
 * radius rho, plus each member's angle to the centre as cosine and sine.
 */
export interface Clusters {
  /** members of cluster k are [start[k], start[k + 1]) */
  start: Uint32Array;
  cx: Float64Array;
  cy: Float64Array;
  cz: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  rhoKm: Float64Array;
  cosDelta: Float64Array;
  sinDelta: Float64Array;
}

/**
 * Clusters of consecutive points with equal keys (for villages: their township, whose villages
 * are consecutive in code order). Any grouping gives exact searches; close-together groups
 * make them fast. Keys rather than code prefixes: comparing numbers is twenty times faster
 * than comparing strings read from the database.
 */
export function clustersByRun(keys: ArrayLike<number>, xyz: Float64Array): Clusters {
  const starts: number[] = [0];
  for (let i = 1; i < keys.length; i++) if (keys[i] !== keys[i - 1]) starts.push(i);
  const n = keys.length;
  if (n > 0) starts.push(n);
  const start = sharedUint32(n ? starts.length : 1);
  start.set(n ? starts : [0]);
  const m = start.length - 1;
  const c: Clusters = {
    start,
    cx: sharedFloat64(m),
    cy: sharedFloat64(m),
    cz: sharedFloat64(m),
    lon: sharedFloat64(m),
    lat: sharedFloat64(m),
    rhoKm: sharedFloat64(m),
    cosDelta: sharedFloat64(n),
    sinDelta: sharedFloat64(n),
  };
  for (let k = 0; k < m; k++) {
    let sx = 0, sy = 0, sz = 0;
    for (let i = start[k]; i < start[k + 1]; i++) {
      sx += xyz[3 * i];
      sy += xyz[3 * i + 1];
      sz += xyz[3 * i + 2];
    }
    // members spread over a hemisphere would have no meaningful centre; villages never are
    const norm = Math.hypot(sx, sy, sz) || 1;
    const cx = sx / norm, cy = sy / norm, cz = sz / norm;
    let minDot = 1;
    for (let i = start[k]; i < start[k + 1]; i++) {
      const d = cx * xyz[3 * i] + cy * xyz[3 * i + 1] + cz * xyz[3 * i + 2];
      c.cosDelta[i] = d;
      c.sinDelta[i] = Math.sqrt(Math.max(0, 1 - d * d));
      if (d < minDot) minDot = d;
    }
    c.cx[k] = cx;
    c.cy[k] = cy;
    c.cz[k] = cz;
    c.lon[k] = Math.atan2(cy, cx) * DEG;
    c.lat[k] = Math.asin(Math.max(-1, Math.min(1, cz))) * DEG;
    c.rhoKm[k] = dotToKm(minDot);
  }
  return c;
}

/** Candidates are grouped in rings around the cluster's centre, about this many to a ring. */
const PER_RING = 4;

let order = new Int32Array(256);
/** per candidate (in collection order): its ring */
let ringOfCandidate = new Int32Array(256);
/** the candidates' unit vectors side by side, in ring order, so each member's scan reads memory in order */
let candXyz = new Float64Array(768);
let ringStart = new Int32Array(64);
/** no candidate in ring r or beyond has a larger dot product with the centre than ringTop[r] */
let ringTop = new Float64Array(64);
const candidates: SlotList = { slots: new Int32Array(256), count: 0 };

/**
 * Nearest point (within maxKm) for many queries at once, cluster by cluster. For a cluster with
 * centre c and radius rho whose centre's nearest point is D away, the nearest point of any
 * member lies within D + 2 rho of c (triangle inequality), and within maxKm + rho; one grid
 * search per cluster gives a short candidate list. The candidates are dealt into rings of equal
 * area around the centre (a counting sort, no comparisons), and for a member at angle delta
 * from the centre the scan stops at the first ring farther than delta + best from the centre.
 * Exact; ties go to the lower point index.
 *
 * @param outIndex nearest point index per query (-1 when none within maxKm)
 * @param outKm its great-circle distance (Infinity when none)
 * @param skip queries to leave out (their outputs are set to none)
 */
export function batchNearest(
  g: SpatialGrid,
  queryXyz: Float64Array,
  clusters: Clusters,
  maxKm: number,
  outIndex: Int32Array,
  outKm: Float64Array,
  skip?: Uint8Array,
): void {
  outIndex.fill(-1);
  outKm.fill(Infinity);
  if (g.count === 0) return;
  const limitDot = maxKm === Infinity ? -2 : kmToDot(maxKm) - 1e-15;
  const { start, cosDelta, sinDelta } = clusters;
  let hint = -1;
  for (let k = 0; k + 1 < start.length; k++) {
    const a = start[k], b = start[k + 1];
    if (skip !== undefined && allSkipped(skip, a, b)) continue;
    const cx = clusters.cx[k], cy = clusters.cy[k], cz = clusters.cz[k];
    nearest(g, clusters.lon[k], clusters.lat[k], cx, cy, cz, Infinity, hint);
    hint = found.slot;
    const radius = Math.min(found.km + 2 * clusters.rhoKm[k], maxKm + clusters.rhoKm[k]) + EPS_KM;
    collectWithin(g, clusters.lon[k], clusters.lat[k], cx, cy, cz, radius, candidates);
    const rings = dealIntoRings(g, cx, cy, cz, candidates.count);
    // module-level bindings are reloaded at every use in a loop; locals are not
    const ord = order, cxyz = candXyz, starts = ringStart, tops = ringTop;
    for (let i = a; i < b; i++) {
      if (skip !== undefined && skip[i]) continue;
      const qx = queryXyz[3 * i], qy = queryXyz[3 * i + 1], qz = queryXyz[3 * i + 2];
      const cosD = cosDelta[i], sinD = sinDelta[i];
      let best = -1;
      let bestAt = -1; // where best is among the candidates
      let bestDot = limitDot;
      let stopBelow = stopDot(cosD, sinD, bestDot);
      let c = 0;
      for (let r = 0; r < rings && tops[r] >= stopBelow; r++) {
        for (const end = starts[r + 1]; c < end; c++) {
          const d = qx * cxyz[3 * c] + qy * cxyz[3 * c + 1] + qz * cxyz[3 * c + 2];
          if (d > bestDot || (d === bestDot && (best < 0 || ord[c] < best))) {
            bestDot = d;
            best = ord[c];
            bestAt = c;
            stopBelow = stopDot(cosD, sinD, bestDot);
          }
        }
      }
      if (best >= 0) {
        outIndex[i] = best;
        outKm[i] = chordKm(cxyz, bestAt, qx, qy, qz);
      }
    }
  }
}

function allSkipped(skip: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!skip[i]) return false;
  return true;
}

/**
 * Deals the m candidates into rings around the centre, nearest first: `order` and `candXyz`
 * hold them ring by ring, ring r being [ringStart[r], ringStart[r + 1]). Rings are of equal
 * width in 1 - (dot with the centre), which is of equal area on the sphere. ringTop[r] is the
 * inner edge of the ring before r, one ring of slack against rounding. Returns the ring count.
 */
function dealIntoRings(g: SpatialGrid, cx: number, cy: number, cz: number, m: number): number {
  if (order.length < m) {
    order = new Int32Array(2 * m);
    ringOfCandidate = new Int32Array(2 * m);
    candXyz = new Float64Array(6 * m);
  }
  // module-level bindings are reloaded at every use in a loop; locals are not
  const ord = order, xyz = candXyz, cands = candidates.slots, ringOf = ringOfCandidate;
  const { items, xyz: pointXyz } = g;
  const rings = m >= 2 * PER_RING ? Math.floor(m / PER_RING) : 1;
  if (rings === 1) {
    // too few to be worth dealing: one ring, scanned whole
    for (let c = 0; c < m; c++) {
      const p = cands[c];
      ord[c] = items[p];
      xyz[3 * c] = pointXyz[3 * p];
      xyz[3 * c + 1] = pointXyz[3 * p + 1];
      xyz[3 * c + 2] = pointXyz[3 * p + 2];
    }
    ringStart[0] = 0;
    ringStart[1] = m;
    ringTop[0] = 2;
    return 1;
  }
  if (ringStart.length < rings + 2) {
    ringStart = new Int32Array(2 * rings + 2);
    ringTop = new Float64Array(2 * rings + 2);
  }
  const starts = ringStart, tops = ringTop;
  let far = 0;
  for (let c = 0; c < m; c++) {
    const p = cands[c];
    const away = 1 - (cx * pointXyz[3 * p] + cy * pointXyz[3 * p + 1] + cz * pointXyz[3 * p + 2]);
    if (away > far) far = away;
    xyz[3 * c] = away; // (parked here until the candidates are placed)
  }
  const width = far / rings;
  starts.fill(0, 0, rings + 2);
  for (let c = 0; c < m; c++) {
    const r = width > 0 ? Math.min(rings - 1, Math.floor(xyz[3 * c] / width)) : 0;
    ringOf[c] = r;
    starts[r + 2]++;
  }
  for (let r = 0; r < rings; r++) {
    starts[r + 2] += starts[r + 1];
    tops[r] = r === 0 ? 2 : 1 - (r - 1) * width;
  }
  // starts[r + 1] is now where ring r's next candidate goes; afterwards, where ring r + 1 begins
  for (let c = 0; c < m; c++) ord[starts[ringOf[c] + 1]++] = cands[c];
  for (let c = 0; c < m; c++) {
    const p = ord[c];
    xyz[3 * c] = pointXyz[3 * p];
    xyz[3 * c + 1] = pointXyz[3 * p + 1];
    xyz[3 * c + 2] = pointXyz[3 * p + 2];
    ord[c] = items[p];
  }
  return rings;
}

/** cos(delta + beta) for cos(beta) = bestDot, or -2 (no pruning) when the sum may pass 90 degrees. */
function stopDot(cosDelta: number, sinDelta: number, bestDot: number): number {
  if (bestDot < 0 || cosDelta < 0) return -2;
  // a hair below the exact value, so rounding never prunes a tie
  return cosDelta * bestDot - sinDelta * Math.sqrt(1 - bestDot * bestDot) - 1e-12;
}

/** Grid slots (see SpatialGrid.items), the first `count` of `slots` in use; the array grows as needed. */
export interface SlotList {
  slots: Int32Array;
  count: number;
}

/**
 * Lists the grid slot of every point within `km` of the query. Every point of a cell is
 * written and the count advances by the comparison's 0 or 1: no branch to mispredict.
 */
export function collectWithin(g: SpatialGrid, qlon: number, qlat: number, qx: number, qy: number, qz: number, km: number, out: SlotList): void {
  out.count = 0;
  if (g.count === 0) return;
  const minDot = kmToDot(km);
  const dLat = (km / EARTH_RADIUS_KM) * DEG;
  const cosLat = Math.cos(Math.min(89.9, Math.abs(qlat) + dLat) * RAD);
  const dLon = dLat >= 90 || cosLat <= 1e-6 ? 180 : Math.min(180, dLat / cosLat);
  const lastCol = g.cols - 1, lastRow = g.rows - 1;
  let c0 = Math.floor((qlon - dLon - g.minLon) / g.cellDeg), c1 = Math.floor((qlon + dLon - g.minLon) / g.cellDeg);
  let r0 = Math.floor((qlat - dLat - g.minLat) / g.cellDeg), r1 = Math.floor((qlat + dLat - g.minLat) / g.cellDeg);
  if (c0 < 0) c0 = 0;
  if (r0 < 0) r0 = 0;
  if (c1 > lastCol) c1 = lastCol;
  if (r1 > lastRow) r1 = lastRow;
  const { cellStart, xyz, cols } = g;
  let slots = out.slots, count = 0;
  for (let rr = r0; rr <= r1; rr++) {
    const first = cellStart[rr * cols + c0], after = cellStart[rr * cols + c1 + 1];
    // a row's cells are consecutive in the grid: their points are one run of slots
    if (count + after - first > slots.length) {
      const grown = new Int32Array(2 * (count + after - first));
      grown.set(slots.subarray(0, count));
      slots = grown;
    }
    for (let k = first; k < after; k++) {
      slots[count] = k;
      count += +(qx * xyz[3 * k] + qy * xyz[3 * k + 1] + qz * xyz[3 * k + 2] >= minDot);
    }
  }
  out.slots = slots;
  out.count = count;
}

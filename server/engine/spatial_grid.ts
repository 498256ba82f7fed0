import { chordKm, kmToDot } from './geo.ts';
import { sharedFloat64, sharedInt32, sharedUint32 } from './parallel/shared_arrays.ts';

const RAD = Math.PI / 180;

/**
 * A uniform lon/lat grid over a set of points, for exact nearest-point and within-radius
 * queries on the sphere. Cells hold point indices contiguously (counting sort), and each point
 * keeps its unit vector, so a candidate costs one dot product.
 *
 * Exactness: after searching a block of cells around the query, every point outside the block
 * is at least as far as the nearest block edge (a parallel: the latitude gap; a meridian: the
 * distance to it), so the search stops once the best found is no farther than that bound.
 */
export interface SpatialGrid {
  count: number;
  cellDeg: number;
  minLon: number;
  minLat: number;
  cols: number;
  rows: number;
  /** points of cell c are items[cellStart[c] .. cellStart[c + 1]) */
  cellStart: Uint32Array;
  /** original point indices, in cell order */
  items: Int32Array;
  /** unit vectors of items, in cell order */
  xyz: Float64Array;
}

/** Cell size: about one point per cell over the points' bounding box, within sensible limits. */
function chooseCellDeg(count: number, width: number, height: number): number {
  if (count === 0) return 1;
  const deg = Math.sqrt((Math.max(width, 0.01) * Math.max(height, 0.01)) / count);
  return Math.min(2, Math.max(0.02, deg));
}

/**
 * @param xyz the points' unit vectors if already at hand; otherwise computed here, straight into
 *   cell order (a dataset's points then need no second copy in their own order)
 */
export function buildGrid(lon: ArrayLike<number>, lat: ArrayLike<number>, xyz?: Float64Array, cellDeg?: number): SpatialGrid {
  const n = lon.length;
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
  }
  if (n === 0) [minLon, minLat, maxLon, maxLat] = [0, 0, 0, 0];
  const deg = cellDeg ?? chooseCellDeg(n, maxLon - minLon, maxLat - minLat);
  const cols = Math.floor((maxLon - minLon) / deg) + 1;
  const rows = Math.floor((maxLat - minLat) / deg) + 1;
  const cellOf = new Uint32Array(n);
  const cellStart = sharedUint32(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((lat[i] - minLat) / deg) * cols + Math.floor((lon[i] - minLon) / deg);
    cellOf[i] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, cols * rows);
  const items = sharedInt32(n);
  const gxyz = sharedFloat64(n * 3);
  for (let i = 0; i < n; i++) {
    const k = fill[cellOf[i]]++;
    items[k] = i;
    if (xyz) {
      gxyz[3 * k] = xyz[3 * i];
      gxyz[3 * k + 1] = xyz[3 * i + 1];
      gxyz[3 * k + 2] = xyz[3 * i + 2];
    } else {
      const la = lat[i] * RAD, lo = lon[i] * RAD, c = Math.cos(la);
      gxyz[3 * k] = c * Math.cos(lo);
      gxyz[3 * k + 1] = c * Math.sin(lo);
      gxyz[3 * k + 2] = Math.sin(la);
    }
  }
  return { count: n, cellDeg: deg, minLon, minLat, cols, rows, cellStart, items, xyz: gxyz };
}

const clampInt = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Result of the last nearest() call: kept in module variables so the hot loop allocates nothing. */
export const found = { index: -1, slot: -1, km: Infinity };

/**
 * Nearest point to the query (unit vector qx, qy, qz at qlon, qlat) within maxKm; the answer
 * is left in `found`: the point's index, its slot in the grid (both -1 when there is none) and
 * km. `hintSlot` is the grid slot of a point likely to be near (the previous query's answer):
 * its distance bounds the search from the start.
 *
 * @example
 * const g = buildGrid(lon, lat);
 * nearest(g, 116.4, 39.9, qx, qy, qz);
 * found.index, found.km
 */
export function nearest(
  g: SpatialGrid,
  qlon: number,
  qlat: number,
  qx: number,
  qy: number,
  qz: number,
  maxKm = Infinity,
  hintSlot = -1,
): void {
  found.index = -1;
  found.slot = -1;
  found.km = Infinity;
  if (g.count === 0) return;
  const { cellStart, xyz, items, cols, rows, cellDeg, minLon, minLat } = g;
  let bestDot = maxKm === Infinity ? -2 : kmToDot(maxKm) - 1e-15;
  let best = -1; // as a slot
  if (hintSlot >= 0) {
    const d = qx * xyz[3 * hintSlot] + qy * xyz[3 * hintSlot + 1] + qz * xyz[3 * hintSlot + 2];
    if (d >= bestDot) {
      bestDot = d;
      best = hintSlot;
    }
  }
  const col = clampInt(Math.floor((qlon - minLon) / cellDeg), 0, cols - 1);
  const row = clampInt(Math.floor((qlat - minLat) / cellDeg), 0, rows - 1);
  const cosLat = Math.cos(qlat * RAD);
  const maxRing = cols > rows ? cols : rows;
  for (let r = 0; r <= maxRing; r++) {
    const c0 = col - r, c1 = col + r, r0 = row - r, r1 = row + r;
    const rLo = r0 < 0 ? 0 : r0, rHi = r1 >= rows ? rows - 1 : r1;
    for (let rr = rLo; rr <= rHi; rr++) {
      const edgeRow = rr === r0 || rr === r1;
      const step = edgeRow || r === 0 ? 1 : 2 * r;
      for (let cc = c0; cc <= c1; cc += step) {
        if (cc < 0 || cc >= cols) continue;
        const cell = rr * cols + cc;
        for (let k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
          const d = qx * xyz[3 * k] + qy * xyz[3 * k + 1] + qz * xyz[3 * k + 2];
          if (d > bestDot || (d === bestDot && best >= 0 && items[k] < items[best])) {
            bestDot = d;
            best = k;
          }
        }
      }
    }
    // Lower bound on the angle to any point outside the searched block: the nearest block edge
    // that has points beyond it. A parallel is as far as the latitude gap; a meridian at dLon
    // is asin(cos(lat) sin(dLon)) away.
    let bound = Infinity;
    if (r0 > 0) bound = Math.min(bound, Math.max(0, qlat - (minLat + r0 * cellDeg)) * RAD);
    if (r1 < rows - 1) bound = Math.min(bound, Math.max(0, minLat + (r1 + 1) * cellDeg - qlat) * RAD);
    if (c0 > 0) {
      const dLon = qlon - (minLon + c0 * cellDeg);
      bound = Math.min(bound, dLon <= 0 ? 0 : Math.asin(Math.min(1, cosLat * Math.sin(Math.min(90, dLon) * RAD))));
    }
    if (c1 < cols - 1) {
      const dLon = minLon + (c1 + 1) * cellDeg - qlon;
      bound = Math.min(bound, dLon <= 0 ? 0 : Math.asin(Math.min(1, cosLat * Math.sin(Math.min(90, dLon) * RAD))));
    }
    if (bound === Infinity) break; // the block covers the whole grid
    if (Math.cos(bound < Math.PI ? bound : Math.PI) < bestDot) break;
  }
  if (best >= 0) {
    found.index = items[best];
    found.slot = best;
    found.km = chordKm(xyz, best, qx, qy, qz);
  }
}

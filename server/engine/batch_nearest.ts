import { chordKm, dotToKm, kmToDot, EARTH_RADIUS_KM } from './geo.ts';
import { found, nearest, type SpatialGrid } from './spatial_grid.ts';

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

/** Clusters of consecutive points sharing a code prefix (with 9: the villages of one township). */
export function clustersByPrefix(codes: string[], prefixLength: number, xyz: Float64Array): Clusters {
  const starts: number[] = [0];
  for (let i = 1; i < codes.length; i++) {
    const a = codes[i], b = codes[i - 1];
    for (let k = 0; k < prefixLength; k++) {
      if (a.charCodeAt(k) !== b.charCodeAt(k)) {
        starts.push(i);
        break;
      }
    }
  }
  if (codes.length > 0) starts.push(codes.length);
  const start = Uint32Array.from(codes.length ? starts : [0]);
  const m = start.length - 1;
  const c: Clusters = {
    start,
    cx: new Float64Array(m),
    cy: new Float64Array(m),
    cz: new Float64Array(m),
    lon: new Float64Array(m),
    lat: new Float64Array(m),
    rhoKm: new Float64Array(m),
    cosDelta: new Float64Array(codes.length),
    sinDelta: new Float64Array(codes.length),
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

let order = new Int32Array(256);
let centreDot = new Float64Array(256);
const candidates: number[] = [];

/**
 * Nearest point (within maxKm) for many queries at once, cluster by cluster. For a cluster with
 * centre c and radius rho whose centre's nearest point is D away, the nearest point of any
 * member lies within D + 2 rho of c (triangle inequality), and within maxKm + rho; one grid
 * search per cluster gives a short candidate list. Candidates are scanned nearest-the-centre
 * first, and for a member at angle delta from the centre the scan stops at candidates farther
 * than delta + best from the centre. Exact; ties go to the lower point index.
 *
 * @param outIndex nearest point index per query (-1 when none within maxKm)
 * @param outKm its great-circle distance (Infinity when none)
 * @param skip queries to leave out (their outputs are set to none)
 */
export function batchNearest(
  g: SpatialGrid,
  pointXyz: Float64Array,
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
    const cx = clusters.cx[k], cy = clusters.cy[k], cz = clusters.cz[k];
    nearest(g, clusters.lon[k], clusters.lat[k], cx, cy, cz, Infinity, hint, pointXyz);
    hint = found.index;
    const radius = Math.min(found.km + 2 * clusters.rhoKm[k], maxKm + clusters.rhoKm[k]) + EPS_KM;
    candidates.length = 0;
    collectWithin(g, clusters.lon[k], clusters.lat[k], cx, cy, cz, radius, candidates);
    const m = candidates.length;
    if (order.length < m) {
      order = new Int32Array(m * 2);
      centreDot = new Float64Array(m * 2);
    }
    const ord = order, cd = centreDot;
    for (let c = 0; c < m; c++) {
      const p = candidates[c];
      const d = cx * pointXyz[3 * p] + cy * pointXyz[3 * p + 1] + cz * pointXyz[3 * p + 2];
      let j = c;
      while (j > 0 && (cd[j - 1] < d || (cd[j - 1] === d && ord[j - 1] > p))) {
        cd[j] = cd[j - 1];
        ord[j] = ord[j - 1];
        j--;
      }
      cd[j] = d;
      ord[j] = p;
    }
    for (let i = a; i < b; i++) {
      if (skip !== undefined && skip[i]) continue;
      const qx = queryXyz[3 * i], qy = queryXyz[3 * i + 1], qz = queryXyz[3 * i + 2];
      const cosD = cosDelta[i], sinD = sinDelta[i];
      let best = -1;
      let bestDot = limitDot;
      let stopBelow = stopDot(cosD, sinD, bestDot);
      for (let c = 0; c < m; c++) {
        if (cd[c] < stopBelow) break;
        const p = ord[c];
        const d = qx * pointXyz[3 * p] + qy * pointXyz[3 * p + 1] + qz * pointXyz[3 * p + 2];
        if (d > bestDot || (d === bestDot && (best < 0 || p < best))) {
          bestDot = d;
          best = p;
          stopBelow = stopDot(cosD, sinD, bestDot);
        }
      }
      if (best >= 0) {
        outIndex[i] = best;
        outKm[i] = chordKm(pointXyz, best, qx, qy, qz);
      }
    }
  }
}

/** cos(delta + beta) for cos(beta) = bestDot, or -2 (no pruning) when the sum may pass 90 degrees. */
function stopDot(cosDelta: number, sinDelta: number, bestDot: number): number {
  if (bestDot < 0 || cosDelta < 0) return -2;
  // a hair below the exact value, so rounding never prunes a tie
  return cosDelta * bestDot - sinDelta * Math.sqrt(1 - bestDot * bestDot) - 1e-12;
}

/** Pushes the index of every point within `km` of the query. */
export function collectWithin(g: SpatialGrid, qlon: number, qlat: number, qx: number, qy: number, qz: number, km: number, out: number[]): void {
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
  const { cellStart, xyz, items, cols } = g;
  for (let rr = r0; rr <= r1; rr++) {
    for (let cell = rr * cols + c0, last = rr * cols + c1; cell <= last; cell++) {
      for (let k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
        if (qx * xyz[3 * k] + qy * xyz[3 * k + 1] + qz * xyz[3 * k + 2] >= minDot) out.push(items[k]);
      }
    }
  }
}

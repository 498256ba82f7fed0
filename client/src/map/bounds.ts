import type { Position } from 'geojson';
import type { Boundaries } from '../api/boundaries.ts';

export type Bounds = [[number, number], [number, number]];

/** The bounding box of the features whose code is in `codes` (or starts with one of them). */
export function boundsOf(fc: Boundaries, codes: string[]): Bounds | null {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: Position[]) => {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  };
  for (const f of fc.features) {
    const code = f.properties.code;
    if (!code || !codes.some((c) => code.startsWith(c))) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) visit(poly[0]);
  }
  return minX === Infinity ? null : [[minX, minY], [maxX, maxY]];
}

/** The bounding box of the villages whose code starts with `code` (the whole dataset for null). */
export function villageBounds(positions: Float32Array, codes: Float64Array, code: string | null): Bounds | null {
  // codes are 12 digits: a unit's villages are those within [code x 10^k, (code + 1) x 10^k)
  const scale = code ? 10 ** (12 - code.length) : 0;
  const lo = code ? Number(code) * scale : -Infinity;
  const hi = code ? (Number(code) + 1) * scale : Infinity;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < lo || codes[i] >= hi) continue;
    const x = positions[2 * i], y = positions[2 * i + 1];
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return null;
  // a single village still needs an area to show
  const pad = Math.max(0.02, (maxX - minX) * 0.02);
  return [[minX - pad, minY - pad], [maxX + pad, maxY + pad]];
}

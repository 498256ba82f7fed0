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

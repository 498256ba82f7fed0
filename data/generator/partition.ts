import { Delaunay } from 'd3';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Rng } from './prng.ts';

export type Area = Polygon | MultiPolygon;
export type LonLat = [number, number];

/** Five decimals is about one metre: precise enough for synthetic areas, and it keeps files small. */
export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round5(p[0]), round5(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const [a, b] = [out[0], out[out.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  }
  return out;
}

/** Rounds coordinates and drops rings and polygons that collapse; null when nothing is left. */
export function roundArea(area: Area): Area | null {
  const polys = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates)
    .map((poly) => poly.map(roundRing).filter((r) => r.length >= 4))
    .filter((poly) => poly.length > 0 && turf.area(turf.polygon(poly)) > 0);
  if (polys.length === 0) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

/** Simplifies each polygon on its own, dropping islands too small to survive simplification. */
export function simplifyArea(area: Area, toleranceDeg: number): Area {
  const polys = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates)
    .filter((poly) => poly[0].length >= 4)
    .flatMap((poly) => {
      try {
        const simplified = turf.simplify(turf.polygon(poly.filter((r) => r.length >= 4)), {
          tolerance: toleranceDeg,
          highQuality: true,
        });
        return [simplified.geometry.coordinates];
      } catch {
        return []; // an islet that collapses to a line
      }
    });
  const rounded = polys.map((poly) => roundArea({ type: 'Polygon', coordinates: poly })).filter((a) => a !== null);
  if (rounded.length === 0) return area;
  if (rounded.length === 1) return rounded[0];
  // Shapes of one unit can overlap (enclaves drawn twice): a union makes them one valid area,
  // which the clipping below depends on.
  const union = turf.union(turf.featureCollection(rounded.map((a) => turf.feature(a))));
  return (union && roundArea(union.geometry)) ?? area;
}

export function contains(area: Area, p: LonLat): boolean {
  return turf.booleanPointInPolygon(p, area);
}

/**
 * A uniformly random point inside the area, rounded to five decimals, that also lies inside
 * every area in `alsoInside` (rounding can push a point near an edge across it).
 */
export function randomPointIn(area: Area, rng: Rng, alsoInside: Area[] = []): LonLat {
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const p: LonLat = [round5(minX + rng() * (maxX - minX)), round5(minY + rng() * (maxY - minY))];
    if (contains(area, p) && alsoInside.every((a) => contains(a, p))) return p;
  }
  throw new Error('could not place a point inside an area after 5000 tries');
}

/**
 * Splits an area into one cell per seed: the Voronoi cell of each seed clipped to the area.
 * Seeds must lie inside the area; each cell then contains its seed.
 */
export function partition(area: Area, seeds: LonLat[]): Area[] {
  if (seeds.length === 1) return [area];
  const [minX, minY, maxX, maxY] = turf.bbox(area);
  const voronoi = Delaunay.from(seeds).voronoi([minX - 1, minY - 1, maxX + 1, maxY + 1]);
  return seeds.map((seed, i) => {
    const cell = voronoi.cellPolygon(i) as Position[] | null;
    const cellPoly = cell
      ? turf.polygon([cell])
      : // coincident seeds share one cell: give the later one a small square so it still has an area
        turf.bboxPolygon([seed[0] - 0.001, seed[1] - 0.001, seed[0] + 0.001, seed[1] + 0.001]);
    const clipped = turf.intersect(turf.featureCollection([cellPoly, turf.feature(area)]));
    const rounded = clipped && roundArea(clipped.geometry);
    if (!rounded) throw new Error(`empty cell for seed ${seed.join(',')}`);
    return rounded;
  });
}

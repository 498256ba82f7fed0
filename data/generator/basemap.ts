import { createRequire } from 'node:module';
import * as turf from '@turf/turf';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { round5, roundArea, simplifyArea } from './partition.ts';

const require = createRequire(import.meta.url);

/** Countries around China from Natural Earth 1:50m (world-atlas, public domain data), for the basemap. */
export function neighbourCountries(): Feature<Polygon | MultiPolygon, { name: string }>[] {
  const topo = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topo, topo.objects.countries).features;
  const view = turf.bboxPolygon([55, 0, 155, 60]);
  return all
    .filter((f) => f.geometry && turf.booleanIntersects(f, view))
    .map((f) => {
      const area = roundArea(simplifyArea(f.geometry as Polygon | MultiPolygon, 0.02));
      return { type: 'Feature' as const, properties: { name: f.properties.name }, geometry: area! };
    })
    .filter((f) => f.geometry)
    .sort((a, b) => (a.properties.name < b.properties.name ? -1 : 1));
}

/** The box the basemap's rivers and lakes are kept for: China and its near neighbours. */
export const WATER_BOX: [number, number, number, number] = [70, 15, 140, 55];

type NeFeature<G extends Geometry> = Feature<G, { name?: string | null }>;

function naturalEarth<G extends Geometry>(file: 'rivers' | 'lakes'): NeFeature<G>[] {
  return (require(`mapeo-offline-map/dist/${file}.json`) as { features: NeFeature<G>[] }).features;
}

/** `{ name }` when the source has one, else `{}`. */
const nameOnly = (p: { name?: string | null } | null): { name?: string } => (p?.name ? { name: p.name } : {});

function roundLine(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const q = [round5(p[0]), round5(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/**
 * Rivers and lake centrelines from Natural Earth 1:50m (`ne_50m_rivers_lake_centerlines_scale_rank`,
 * public domain, as packaged by mapeo-offline-map, MIT), clipped to WATER_BOX and simplified.
 */
export function rivers(toleranceDeg = 0.02): Feature<LineString | MultiLineString, { name?: string }>[] {
  const out: Feature<LineString | MultiLineString, { name?: string }>[] = [];
  for (const f of naturalEarth<LineString | MultiLineString>('rivers')) {
    if (!f.geometry) continue;
    const clipped = turf.bboxClip(f, WATER_BOX).geometry as LineString | MultiLineString;
    const lines: Position[][] = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
    const parts = lines
      .filter((line) => line.length >= 2)
      .map((line) => roundLine(turf.simplify(turf.lineString(line), { tolerance: toleranceDeg, highQuality: true }).geometry.coordinates))
      .filter((line) => line.length >= 2);
    if (parts.length === 0) continue;
    const geometry: LineString | MultiLineString =
      parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
    out.push({ type: 'Feature', properties: nameOnly(f.properties), geometry });
  }
  return out;
}

/**
 * Lakes from Natural Earth 1:50m (`ne_50m_lakes`, public domain, as packaged by
 * mapeo-offline-map, MIT), clipped to WATER_BOX and simplified.
 */
export function lakes(toleranceDeg = 0.01): Feature<Polygon | MultiPolygon, { name?: string }>[] {
  const box = turf.bboxPolygon(WATER_BOX);
  const out: Feature<Polygon | MultiPolygon, { name?: string }>[] = [];
  for (const f of naturalEarth<Polygon | MultiPolygon>('lakes')) {
    if (!f.geometry || !turf.booleanIntersects(f, box)) continue;
    const clipped = turf.bboxClip(f, WATER_BOX).geometry as Polygon | MultiPolygon;
    const rings: Position[][][] = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
    const nonEmpty = rings.map((poly) => poly.filter((r) => r.length >= 4)).filter((poly) => poly.length > 0);
    if (nonEmpty.length === 0) continue;
    const area = roundArea(
      simplifyArea(nonEmpty.length === 1 ? { type: 'Polygon', coordinates: nonEmpty[0] } : { type: 'MultiPolygon', coordinates: nonEmpty }, toleranceDeg),
    );
    if (area) out.push({ type: 'Feature', properties: nameOnly(f.properties), geometry: area });
  }
  return out;
}

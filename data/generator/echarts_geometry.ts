import { createRequire } from 'node:module';
import gcoord from 'gcoord';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Province and prefecture outlines from echarts@4.9.0 (Apache-2.0). ECharts stores them
 * delta-encoded as strings and in GCJ-02, the offset datum of Chinese web maps; we decode them
 * and convert to WGS84 so they line up with everything else in the system.
 */
interface EncodedFeature {
  id: string;
  properties: { name: string };
  geometry:
    | { type: 'Polygon'; coordinates: string[]; encodeOffsets: [number, number][] }
    | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: [number, number][][] };
}

const require = createRequire(import.meta.url);

function decodeRing(encoded: string, offset: [number, number]): Position[] {
  const ring: Position[] = [];
  let [x, y] = offset;
  for (let i = 0; i < encoded.length; i += 2) {
    let dx = encoded.charCodeAt(i) - 64;
    let dy = encoded.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    const [lon, lat] = gcoord.transform([x / 1024, y / 1024], gcoord.GCJ02, gcoord.WGS84) as [
      number,
      number,
    ];
    ring.push([lon, lat]);
  }
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) ring.push([a[0], a[1]]);
  return ring;
}

export interface NamedShape {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/**
 * ECharts groups rings loosely: the rings of one "polygon" are usually separate islands, not an
 * outer ring and its holes. Every ring becomes a polygon of its own here; callers union them.
 */
function decodeFeature(f: EncodedFeature): NamedShape {
  const g = f.geometry;
  const rings =
    g.type === 'Polygon'
      ? g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]))
      : g.coordinates.flatMap((p, i) => p.map((r, j) => decodeRing(r, g.encodeOffsets[i][j])));
  return { id: f.id, name: f.properties.name, geometry: { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) } };
}

function load(file: string): NamedShape[] {
  const json = require(`echarts/map/json/${file}`) as { features: EncodedFeature[] };
  return json.features.map(decodeFeature);
}

/** 34 province-level outlines; ids are 6-digit codes ending in 0000. */
export const loadProvinceShapes = (): NamedShape[] => load('china.json');

/** 367 prefecture-level shapes; ids are 6-digit codes whose first four digits are the prefecture. */
export const loadPrefectureShapes = (): NamedShape[] => load('china-cities.json');

export function toFeature<P>(shape: { geometry: Polygon | MultiPolygon }, properties: P): Feature<Polygon | MultiPolygon, P> {
  return { type: 'Feature', properties, geometry: shape.geometry };
}

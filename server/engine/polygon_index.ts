import { EARTH_RADIUS_KM } from './geo.ts';

/**
 * Administrative areas as flat arrays, for point-in-polygon tests by the area's code: a village
 * is tested against its own township or county only, so no spatial search is needed. Rings of
 * all polygons of an area (holes included) are tested together with the even-odd rule, which
 * is exact for areas whose parts do not overlap.
 */
export interface PolygonIndex {
  count: number;
  code: string[];
  index: Map<string, number>;
  /** west, south, east, north per area */
  bbox: Float64Array;
  /** rings of area a: ringStart[a] .. ringStart[a + 1] (indices into ringOffset) */
  ringStart: Uint32Array;
  /** vertices of ring r: ringOffset[r] .. ringOffset[r + 1] (vertex indices into xy) */
  ringOffset: Uint32Array;
  /** lon, lat interleaved */
  xy: Float64Array;
}

export type Ring = ArrayLike<ArrayLike<number>>;

/** Builds the index from each area's code and its rings (outer rings and holes alike). */
export function polygonIndex(areas: { code: string; rings: Ring[] }[]): PolygonIndex {
  let rings = 0;
  let vertices = 0;
  for (const a of areas) {
    rings += a.rings.length;
    for (const r of a.rings) vertices += r.length;
  }
  const bbox = new Float64Array(areas.length * 4);
  const ringStart = new Uint32Array(areas.length + 1);
  const ringOffset = new Uint32Array(rings + 1);
  const xy = new Float64Array(vertices * 2);
  const index = new Map<string, number>();
  let r = 0;
  let v = 0;
  areas.forEach((a, k) => {
    index.set(a.code, k);
    ringStart[k] = r;
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const ring of a.rings) {
      ringOffset[r++] = v;
      for (let i = 0; i < ring.length; i++) {
        const x = ring[i][0], y = ring[i][1];
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
        v++;
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
    }
    bbox.set([w, s, e, n], 4 * k);
  });
  ringStart[areas.length] = r;
  ringOffset[rings] = v;
  return { count: areas.length, code: areas.map((a) => a.code), index, bbox, ringStart, ringOffset, xy };
}

/** Whether area `a` contains the point (boundary points may fall either way). */
export function containsPoint(p: PolygonIndex, a: number, lon: number, lat: number): boolean {
  const b = 4 * a;
  if (lon < p.bbox[b] || lon > p.bbox[b + 2] || lat < p.bbox[b + 1] || lat > p.bbox[b + 3]) return false;
  const { xy, ringOffset } = p;
  let inside = false;
  for (let r = p.ringStart[a]; r < p.ringStart[a + 1]; r++) {
    const start = ringOffset[r], end = ringOffset[r + 1];
    for (let i = start, j = end - 1; i < end; j = i++) {
      const xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const RAD = Math.PI / 180;

/**
 * How far (km) the point lies outside area `a`: 0 when inside, else the distance to its nearest
 * edge (on a local equirectangular projection, within a few metres at these distances).
 */
export function distanceOutsideKm(p: PolygonIndex, a: number, lon: number, lat: number): number {
  if (containsPoint(p, a, lon, lat)) return 0;
  const kx = Math.cos(lat * RAD) * RAD * EARTH_RADIUS_KM;
  const ky = RAD * EARTH_RADIUS_KM;
  const { xy, ringOffset } = p;
  let best = Infinity;
  for (let r = p.ringStart[a]; r < p.ringStart[a + 1]; r++) {
    const start = ringOffset[r], end = ringOffset[r + 1];
    for (let i = start, j = end - 1; i < end; j = i++) {
      const ax = (xy[2 * j] - lon) * kx, ay = (xy[2 * j + 1] - lat) * ky;
      const bx = (xy[2 * i] - lon) * kx, by = (xy[2 * i + 1] - lat) * ky;
      const dx = bx - ax, dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best) best = d;
    }
  }
  return best;
}

/** The rings of a GeoJSON Polygon or MultiPolygon geometry; [] for anything else. */
export function ringsOf(geometry: { type: string; coordinates?: unknown } | null | undefined): Ring[] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return geometry.coordinates as Ring[];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).flat();
  return [];
}

/** The index of a GeoJSON FeatureCollection's polygons by their `code` property (features without one are left out). */
export function polygonIndexFromFeatures(features: { properties?: { code?: unknown } | null; geometry?: { type: string; coordinates?: unknown } | null }[]): PolygonIndex {
  const areas: { code: string; rings: Ring[] }[] = [];
  for (const f of features) {
    const code = f.properties?.code;
    const rings = ringsOf(f.geometry);
    if (typeof code === 'string' && rings.length) areas.push({ code, rings });
  }
  return polygonIndex(areas);
}

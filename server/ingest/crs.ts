import gcoord from 'gcoord';
import type { Crs } from '../domain/import.ts';
import { CRS_CHOICES } from '../domain/import.ts';
import { containsPoint, type PolygonIndex } from '../engine/polygon_index.ts';
import { haversineKm } from '../engine/geo.ts';
import { inChina } from './row_rules.ts';

/**
 * Coordinate systems on the way in. Chinese web maps publish positions in GCJ-02 (AMap,
 * Tencent) or BD-09 (Baidu), offset from WGS84 by a few hundred metres; the dashboard stores
 * WGS84 only, so positions are converted here, and a check tells when the user's choice looks
 * wrong.
 */
type GcoordCrs = Parameters<typeof gcoord.transform>[1];
const GCOORD: Record<Crs, GcoordCrs> = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 };

/** Positions are kept to 1e-6 degree (about 0.1 m): conversion adds digits, not precision. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A position in `crs` as WGS84. Positions outside China are returned as they are (the offsets are defined only inside). */
export function toWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84' || !Number.isFinite(lon) || !Number.isFinite(lat) || !inChina(lon, lat)) return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat], GCOORD[crs], gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

/** The reverse, for checking boundaries: a WGS84 position as it would be written in `crs`. */
export function fromWgs84(lon: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84' || !inChina(lon, lat)) return [lon, lat];
  return gcoord.transform([lon, lat], gcoord.WGS84, GCOORD[crs]) as [number, number];
}

/** Converts every coordinate of a GeoJSON geometry in place. */
export function geometryToWgs84(coordinates: unknown, crs: Crs): void {
  if (crs === 'wgs84' || !Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number') {
    const [x, y] = toWgs84(coordinates[0], coordinates[1] as number, crs);
    coordinates[0] = x;
    coordinates[1] = y;
    return;
  }
  for (const c of coordinates) geometryToWgs84(c, crs);
}

/**
 * Positions sampled from a file to judge its coordinate system: as written in the file, with
 * where each should be (inside an area of a polygon index, or at a known WGS84 position).
 */
export class ShiftSample {
  readonly lon: number[] = [];
  readonly lat: number[] = [];
  /** area index each point should lie in (-1: none known) */
  readonly area: number[] = [];
  /** WGS84 position each point should be at (NaN: none known) */
  readonly refLon: number[] = [];
  readonly refLat: number[] = [];

  constructor(readonly limit = 2000) {}

  get full(): boolean {
    return this.lon.length >= this.limit;
  }

  add(lon: number, lat: number, area: number, refLon = NaN, refLat = NaN): void {
    if (this.full || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
    this.lon.push(lon);
    this.lat.push(lat);
    this.area.push(area);
    this.refLon.push(refLon);
    this.refLat.push(refLat);
  }
}

export interface ShiftVerdict {
  method: 'areas' | 'positions';
  chosen: Crs;
  /** the coordinate system that fits best */
  best: Crs;
  /** per system: share of points outside their area, or median km from their known position */
  fit: Record<Crs, number>;
  points: number;
  /** whether `best` fits clearly better than `chosen` */
  shifted: boolean;
}

const MIN_POINTS = 20;

/**
 * Judges the file's coordinate system: reads the sample in each system and counts how many
 * points fall outside their own area (or, with no areas, how far they are from where the
 * current version has them). `points` says which transform to test: for points in the file,
 * the file's positions converted; for boundaries in the file, the known positions moved into
 * the candidate system (`reverse`).
 */
export function judgeShift(sample: ShiftSample, polygons: PolygonIndex | null, chosen: Crs, reverse = false): ShiftVerdict | null {
  const fit = {} as Record<Crs, number>;
  const convert = (lon: number, lat: number, crs: Crs) => (reverse ? fromWgs84(lon, lat, crs) : toWgs84(lon, lat, crs));
  const withArea = polygons ? sample.area.map((a, i) => (a >= 0 ? i : -1)).filter((i) => i >= 0) : [];
  if (polygons && withArea.length >= MIN_POINTS) {
    for (const crs of CRS_CHOICES) {
      let outside = 0;
      for (const i of withArea) {
        const [x, y] = convert(sample.lon[i], sample.lat[i], crs);
        if (!containsPoint(polygons, sample.area[i], x, y)) outside++;
      }
      fit[crs] = outside / withArea.length;
    }
    const best = bestOf(fit, chosen);
    // clearly better: at most half as many points outside, and at least 1 % fewer
    const shifted = best !== chosen && fit[chosen] >= 0.01 && fit[best] <= fit[chosen] / 2 && fit[chosen] - fit[best] >= 0.01;
    return { method: 'areas', chosen, best, fit, points: withArea.length, shifted };
  }
  const withRef = sample.refLon.map((x, i) => (Number.isFinite(x) ? i : -1)).filter((i) => i >= 0);
  if (withRef.length >= MIN_POINTS) {
    for (const crs of CRS_CHOICES) {
      const km = withRef.map((i) => {
        const [x, y] = reverse ? [sample.lon[i], sample.lat[i]] : convert(sample.lon[i], sample.lat[i], crs);
        const [rx, ry] = reverse ? convert(sample.refLon[i], sample.refLat[i], crs) : [sample.refLon[i], sample.refLat[i]];
        return haversineKm(x, y, rx, ry);
      });
      fit[crs] = median(km);
    }
    const best = bestOf(fit, chosen);
    // clearly better: a third of the distance at most, from at least 100 m
    const shifted = best !== chosen && fit[chosen] >= 0.1 && fit[best] <= fit[chosen] / 3;
    return { method: 'positions', chosen, best, fit, points: withRef.length, shifted };
  }
  return null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function bestOf(fit: Record<Crs, number>, chosen: Crs): Crs {
  let best = chosen;
  for (const crs of CRS_CHOICES) if (fit[crs] < fit[best]) best = crs;
  return best;
}

export const CRS_LABELS: Record<Crs, string> = { wgs84: 'WGS84', gcj02: 'GCJ-02', bd09: 'BD-09' };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const km = (x: number) => `${x < 1 ? Math.round(x * 1000) + ' m' : x.toFixed(1) + ' km'}`;
const kmZh = (x: number) => `${x < 1 ? Math.round(x * 1000) + ' 米' : x.toFixed(1) + ' 公里'}`;

/** The warning shown for a verdict that says the positions look shifted. */
export function shiftMessage(v: ShiftVerdict): { message: string; messageZh: string } {
  const [c, b] = [CRS_LABELS[v.chosen], CRS_LABELS[v.best]];
  if (v.method === 'areas')
    return {
      message: `Positions look like ${b}, not ${c}: read as ${c}, ${pct(v.fit[v.chosen])} of them fall outside their area; read as ${b}, ${pct(v.fit[v.best])}.`,
      messageZh: `坐标似乎是 ${b} 而非 ${c}：按 ${c} 读取，${pct(v.fit[v.chosen])} 的点落在所属区域之外；按 ${b} 读取，为 ${pct(v.fit[v.best])}。`,
    };
  return {
    message: `Positions look like ${b}, not ${c}: read as ${c}, they lie a median ${km(v.fit[v.chosen])} from the current version's; read as ${b}, ${km(v.fit[v.best])}.`,
    messageZh: `坐标似乎是 ${b} 而非 ${c}：按 ${c} 读取，与当前版本位置的距离中位数为 ${kmZh(v.fit[v.chosen])}；按 ${b} 读取，为 ${kmZh(v.fit[v.best])}。`,
  };
}

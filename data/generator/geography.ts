import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Division, DivisionUnit } from './division.ts';
import { loadPrefectureShapes, loadProvinceShapes, type NamedShape } from './echarts_geometry.ts';
import { partition, randomPointIn, simplifyArea, type Area, type LonLat } from './partition.ts';
import { rngFor } from './prng.ts';

/**
 * Real province and prefecture outlines; synthetic county and township areas (clipped Voronoi
 * cells around seeded seats) and synthetic village positions inside their township.
 */
export interface PlacedUnit extends DivisionUnit {
  area: Area;
  /** the seat: where county and township services sit; for prefectures and provinces a label point */
  seat: LonLat;
}

export interface Geography {
  /** every province of China, for the basemap (real outlines) */
  allProvinces: PlacedUnit[];
  prefectures: PlacedUnit[];
  counties: PlacedUnit[];
  townships: PlacedUnit[];
  villagePositions: Map<string, LonLat>;
}

/** about 1 km: enough for a national or provincial map, and it keeps clipping fast */
const SIMPLIFY_DEG = 0.01;

function mergeAreas(areas: Area[]): Area {
  if (areas.length === 1) return areas[0];
  const polys: MultiPolygon['coordinates'] = [];
  for (const a of areas) {
    if (a.type === 'Polygon') polys.push(a.coordinates);
    else polys.push(...a.coordinates);
  }
  return { type: 'MultiPolygon', coordinates: polys };
}

function labelPoint(area: Area): LonLat {
  const p = turf.pointOnFeature(turf.feature(area)).geometry.coordinates;
  return [p[0], p[1]];
}

const GENERIC_NAMES = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/**
 * Assigns each ECharts prefecture shape to a division prefecture: by name first (codes changed
 * when e.g. Turpan and Hami became prefecture-level cities), then by the code's first four digits.
 */
function prefectureAreas(division: Division, shapes: NamedShape[]): Map<string, Area> {
  const byCode = new Map<string, Area[]>();
  for (const shape of shapes) {
    const inProvince = division.prefectures.filter((p) => p.code.startsWith(shape.id.slice(0, 2)));
    const match =
      inProvince.find((p) => !GENERIC_NAMES.test(p.name) && p.name.startsWith(shape.name)) ??
      inProvince.find((p) => p.code === shape.id.slice(0, 4));
    if (!match) continue;
    const list = byCode.get(match.code) ?? [];
    list.push(simplifyArea(shape.geometry as Polygon | MultiPolygon, SIMPLIFY_DEG));
    byCode.set(match.code, list);
  }
  return new Map([...byCode].map(([code, areas]) => [code, mergeAreas(areas)]));
}

function groupByParent(units: DivisionUnit[]): Map<string, DivisionUnit[]> {
  const groups = new Map<string, DivisionUnit[]>();
  for (const u of units) {
    const list = groups.get(u.parent!) ?? [];
    list.push(u);
    groups.set(u.parent!, list);
  }
  return groups;
}

/** Seats for the children of one area, then the area split among them. */
function placeChildren(seed: number, parent: { area: Area }, children: DivisionUnit[]): PlacedUnit[] {
  const seats = children.map((c) => randomPointIn(parent.area, rngFor(seed, `seat:${c.code}`)));
  const cells = partition(parent.area, seats);
  return children.map((c, i) => ({ ...c, area: cells[i], seat: seats[i] }));
}

export function buildGeography(division: Division, seed: number, log: (msg: string) => void): Geography {
  const provinceShapes = loadProvinceShapes();
  const allProvinces: PlacedUnit[] = provinceShapes.map((s) => {
    const area = simplifyArea(s.geometry, SIMPLIFY_DEG);
    return { code: s.id.slice(0, 2), name: s.name, parent: null, area, seat: labelPoint(area) };
  });
  const provinceArea = new Map(allProvinces.map((p) => [p.code, p.area]));

  const shapes = prefectureAreas(division, loadPrefectureShapes());
  const prefectures: PlacedUnit[] = division.prefectures.map((p) => {
    // Municipalities and a few direct-administered areas have no prefecture shape of their own.
    const area = shapes.get(p.code) ?? provinceArea.get(p.parent!);
    if (!area) throw new Error(`no geometry for prefecture ${p.code} ${p.name}`);
    if (!shapes.has(p.code)) log(`prefecture ${p.code} ${p.name}: no shape of its own, using its province`);
    return { ...p, area, seat: labelPoint(area) };
  });

  const countiesByPrefecture = groupByParent(division.counties);
  const counties = prefectures.flatMap((p) => placeChildren(seed, p, countiesByPrefecture.get(p.code) ?? []));
  log(`placed ${counties.length} counties`);

  const townshipsByCounty = groupByParent(division.townships);
  const townships = counties.flatMap((c) => placeChildren(seed, c, townshipsByCounty.get(c.code) ?? []));
  log(`placed ${townships.length} townships`);

  const countyArea = new Map(counties.map((c) => [c.code, c.area]));
  const townshipByCode = new Map(townships.map((t) => [t.code, t]));
  const villagePositions = new Map<string, LonLat>();
  for (const v of division.villages) {
    const township = townshipByCode.get(v.parent!);
    if (!township) throw new Error(`village ${v.code} has no township ${v.parent}`);
    const county = countyArea.get(township.parent!)!;
    villagePositions.set(v.code, randomPointIn(township.area, rngFor(seed, `village:${v.code}`), [county]));
  }
  log(`placed ${villagePositions.size} villages`);
  return { allProvinces, prefectures, counties, townships, villagePositions };
}

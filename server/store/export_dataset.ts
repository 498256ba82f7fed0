import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BOUNDARY_LAYERS } from '../ingest/read_dataset_dir.ts';
import type { Db } from './db.ts';
import { getDataset } from './datasets.ts';

/**
 * Writes a dataset version in the project's own format (data/README.md), the format the
 * importer reads back: what goes out comes in unchanged (numbers are written as JavaScript
 * prints them, which reads back to the same double).
 */
const field = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const TABLES: { file: string; header: string; sql: string; roster?: true }[] = [
  { file: 'admin_units.csv', header: 'code,level,name,parent_code', sql: 'SELECT code, level, name, parent_code FROM admin_unit WHERE dataset_id = ? ORDER BY length(code), code' },
  {
    file: 'villages.csv',
    header: 'code,name,lon,lat,population,children,left_behind,disabled,orphaned,difficult,covered_since',
    sql: 'SELECT code, name, lon, lat, population, children, left_behind, disabled, orphaned, difficult, covered_since FROM village WHERE dataset_id = ? ORDER BY code',
  },
  {
    file: 'workers.csv',
    header: 'id,home_village,lon,lat,capacity,start_year,roster',
    sql: `SELECT w.id, w.home_village, w.lon, w.lat, w.capacity, w.start_year,
            (SELECT group_concat(village_code, ' ' ORDER BY position) FROM worker_village r WHERE r.dataset_id = w.dataset_id AND r.worker_id = w.id)
          FROM worker w WHERE w.dataset_id = ? ORDER BY w.id`,
  },
  { file: 'service_points.csv', header: 'id,type,name,lon,lat,capacity,admin_code', sql: 'SELECT id, type, name, lon, lat, capacity, admin_code FROM service_point WHERE dataset_id = ? ORDER BY id' },
];

function manifestOf(db: Db, datasetId: number): string {
  const d = getDataset(db, datasetId);
  if (!d) throw new Error(`no dataset ${datasetId}`);
  return JSON.stringify({ name: d.name, nameZh: d.nameZh, synthetic: d.synthetic, source: d.source, version: d.version, exportedAt: new Date().toISOString() }, null, 2) + '\n';
}

/** Writes version `datasetId` to `dir`, row by row (bounded memory for a national version). */
export function exportDataset(db: Db, datasetId: number, dir: string): void {
  mkdirSync(join(dir, 'boundaries'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), manifestOf(db, datasetId));
  for (const t of TABLES) {
    const fd = openSync(join(dir, t.file), 'w');
    try {
      let buffer: string[] = [t.header];
      for (const row of db.prepare(t.sql).raw().iterate(datasetId) as IterableIterator<(string | number | null)[]>) {
        buffer.push(row.map(field).join(','));
        if (buffer.length >= 10_000) {
          writeSync(fd, buffer.join('\n') + '\n');
          buffer = [];
        }
      }
      if (buffer.length) writeSync(fd, buffer.join('\n') + '\n');
    } finally {
      closeSync(fd);
    }
  }
  for (const layer of BOUNDARY_LAYERS) {
    const text = db.prepare('SELECT geojson FROM boundary WHERE dataset_id = ? AND layer = ?').pluck().get(datasetId, layer) as string | undefined;
    if (text !== undefined) writeFileSync(join(dir, 'boundaries', `${layer}.geojson`), text);
  }
}

/** The same files in memory, for a zip download. */
export function exportDatasetFiles(db: Db, datasetId: number): { name: string; data: string }[] {
  const files = [{ name: 'manifest.json', data: manifestOf(db, datasetId) }];
  for (const t of TABLES) {
    const rows = (db.prepare(t.sql).raw().all(datasetId) as (string | number | null)[][]).map((r) => r.map(field).join(','));
    files.push({ name: t.file, data: [t.header, ...rows].join('\n') + '\n' });
  }
  for (const [layer, text] of db.prepare('SELECT layer, geojson FROM boundary WHERE dataset_id = ? ORDER BY layer').raw().all(datasetId) as [string, string][])
    files.push({ name: `boundaries/${layer}.geojson`, data: text });
  return files;
}

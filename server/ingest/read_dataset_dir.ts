import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import type { AdminUnit, ServicePoint, Village, Worker } from '../domain/index.ts';
import { REASONS, THINGS } from './reasons.ts';
import {
  parentIssues,
  readAdminUnit,
  readServicePoint,
  readVillage,
  readWorker,
  serviceUnitIssues,
  villageUnitIssues,
  type Fields,
  type Issue,
  type RowResult,
} from './row_rules.ts';

/**
 * Reads a dataset folder in the project's own format (what `npm run data:build` writes and
 * data/README.md describes), validating every row against the domain schemas.
 */
export const manifestSchema = z.object({
  name: z.string(),
  nameZh: z.string().default(''),
  synthetic: z.boolean(),
  source: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const BOUNDARY_LAYERS = ['countries', 'provinces', 'prefectures', 'counties', 'townships', 'rivers', 'lakes'] as const;
export type BoundaryLayer = (typeof BOUNDARY_LAYERS)[number];

export interface DatasetContent {
  manifest: Manifest;
  adminUnits: AdminUnit[];
  villages: Village[];
  workers: Worker[];
  servicePoints: ServicePoint[];
  /** GeoJSON text per layer, as stored */
  boundaries: Partial<Record<BoundaryLayer, string>>;
}

export class RowError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${file} row ${row}, column ${column}: ${reason}`);
  }
}

/** Reads one CSV of the folder, row by row through the shared rules (row_rules.ts); the first bad row stops it. */
function readRows<T>(dir: string, file: string, read: (f: Fields) => RowResult<T>): T[] {
  const text = readFileSync(join(dir, file), 'utf8');
  // Without header mode, record i is line i + 1 of the file even when blank lines are present.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new RowError(file, (fatal.row ?? 0) + 1, '', fatal.message);
  const [header, ...records] = parsed.data;
  if (!header) throw new RowError(file, 1, '', REASONS.emptyFile().en);
  const rows: T[] = [];
  records.forEach((record, i) => {
    if (record.length === 1 && record[0].trim() === '') return; // a blank line
    const line = i + 2;
    if (record.length !== header.length) throw new RowError(file, line, '', REASONS.fieldCount(header.length, record.length).en);
    const fields: Fields = Object.fromEntries(header.map((h, k) => [h, record[k]]));
    const result = read(fields);
    if (!result.value) throw new RowError(file, line, result.issues[0].column, result.issues[0].reason.en);
    rows.push(result.value);
  });
  return rows;
}

const first = (file: string, row: number, issues: Issue[]) => {
  if (issues.length) throw new RowError(file, row, issues[0].column, issues[0].reason.en);
};

/** Checks that need more than one row: links between files (the same rules the importer applies). */
function checkConsistency(content: Omit<DatasetContent, 'manifest' | 'boundaries'>): void {
  const units = new Set<string>();
  content.adminUnits.forEach((u, i) => {
    if (units.has(u.code)) throw new RowError('admin_units.csv', i + 2, 'code', REASONS.duplicate(THINGS.unit, u.code, null).en);
    units.add(u.code);
  });
  const hasUnit = (code: string) => units.has(code);
  content.adminUnits.forEach((u, i) => first('admin_units.csv', i + 2, parentIssues(u, hasUnit)));
  const villages = new Set<string>();
  content.villages.forEach((v, i) => {
    const row = i + 2;
    if (villages.has(v.code)) throw new RowError('villages.csv', row, 'code', REASONS.duplicate(THINGS.village, v.code, null).en);
    villages.add(v.code);
    first('villages.csv', row, villageUnitIssues(v.code, hasUnit));
  });
  const workers = new Set<string>();
  content.workers.forEach((w, i) => {
    if (workers.has(w.id)) throw new RowError('workers.csv', i + 2, 'id', REASONS.duplicate(THINGS.worker, w.id, null).en);
    workers.add(w.id);
    for (const code of w.roster) if (!villages.has(code)) throw new RowError('workers.csv', i + 2, 'roster', REASONS.noVillage(code).en);
  });
  const services = new Set<string>();
  content.servicePoints.forEach((s, i) => {
    if (services.has(s.id)) throw new RowError('service_points.csv', i + 2, 'id', REASONS.duplicate(THINGS.service, s.id, null).en);
    services.add(s.id);
    first('service_points.csv', i + 2, serviceUnitIssues(s.adminCode, (code) => units.has(code) || villages.has(code)));
  });
}

export function readDatasetDir(dir: string): DatasetContent {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const adminUnits = readRows(dir, 'admin_units.csv', readAdminUnit);
  const villages = readRows(dir, 'villages.csv', readVillage);
  const workers = readRows(dir, 'workers.csv', readWorker);
  const servicePoints = readRows(dir, 'service_points.csv', readServicePoint);
  checkConsistency({ adminUnits, villages, workers, servicePoints });
  const boundaries: DatasetContent['boundaries'] = {};
  for (const layer of BOUNDARY_LAYERS) {
    const file = join(dir, 'boundaries', `${layer}.geojson`);
    if (existsSync(file)) boundaries[layer] = readFileSync(file, 'utf8');
  }
  return { manifest, adminUnits, villages, workers, servicePoints, boundaries };
}

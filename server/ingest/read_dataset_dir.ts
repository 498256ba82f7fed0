import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import {
  adminUnitSchema,
  servicePointSchema,
  villageSchema,
  workerSchema,
  type AdminUnit,
  type ServicePoint,
  type Village,
  type Worker,
} from '../domain/index.ts';

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

function readRows<T>(dir: string, file: string, schema: z.ZodType<T>, toObject: (r: Record<string, string>) => unknown): T[] {
  const text = readFileSync(join(dir, file), 'utf8');
  // Without header mode, record i is line i + 1 of the file even when blank lines are present.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new RowError(file, (fatal.row ?? 0) + 1, '', fatal.message);
  const [header, ...records] = parsed.data;
  if (!header) throw new RowError(file, 1, '', 'the file is empty');
  const rows: T[] = [];
  records.forEach((record, i) => {
    if (record.length === 1 && record[0].trim() === '') return; // a blank line
    const line = i + 2;
    if (record.length !== header.length)
      throw new RowError(file, line, '', `expected ${header.length} fields, found ${record.length}`);
    const raw = Object.fromEntries(header.map((h, k) => [h, record[k]]));
    const result = schema.safeParse(toObject(raw));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new RowError(file, line, issue.path.join('.'), issue.message);
    }
    rows.push(result.data);
  });
  return rows;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? NaN : Number(s));

/** Checks that need more than one row: links between files, and counts against each other. */
function checkConsistency(content: Omit<DatasetContent, 'manifest' | 'boundaries'>): void {
  const units = new Set(content.adminUnits.map((u) => u.code));
  content.adminUnits.forEach((u, i) => {
    if (u.parentCode !== null && !units.has(u.parentCode))
      throw new RowError('admin_units.csv', i + 2, 'parent_code', `no unit ${u.parentCode}`);
  });
  const villages = new Set<string>();
  content.villages.forEach((v, i) => {
    const row = i + 2;
    if (villages.has(v.code)) throw new RowError('villages.csv', row, 'code', `duplicate village ${v.code}`);
    villages.add(v.code);
    if (!units.has(v.code.slice(0, 9))) throw new RowError('villages.csv', row, 'code', `no township ${v.code.slice(0, 9)} in admin_units.csv`);
    if (v.children > v.population) throw new RowError('villages.csv', row, 'children', 'more children than people');
    for (const c of ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const)
      if (v[c] > v.children) throw new RowError('villages.csv', row, c, 'more than the village has children');
  });
  content.workers.forEach((w, i) => {
    for (const code of [w.homeVillage, ...w.roster])
      if (!villages.has(code)) throw new RowError('workers.csv', i + 2, 'roster', `no village ${code}`);
  });
}

export function readDatasetDir(dir: string): DatasetContent {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const adminUnits = readRows(dir, 'admin_units.csv', adminUnitSchema, (r) => ({
    code: r.code,
    level: r.level,
    name: r.name,
    parentCode: r.parent_code || null,
  }));
  const villages = readRows(dir, 'villages.csv', villageSchema, (r) => ({
    code: r.code,
    name: r.name,
    lon: num(r.lon),
    lat: num(r.lat),
    population: num(r.population),
    children: num(r.children),
    leftBehind: num(r.left_behind),
    disabled: num(r.disabled),
    orphaned: num(r.orphaned),
    difficult: num(r.difficult),
    coveredSince: r.covered_since ? num(r.covered_since) : null,
  }));
  const workers = readRows(dir, 'workers.csv', workerSchema, (r) => ({
    id: r.id,
    homeVillage: r.home_village,
    lon: num(r.lon),
    lat: num(r.lat),
    capacity: num(r.capacity),
    startYear: num(r.start_year),
    roster: r.roster.split(/\s+/).filter(Boolean),
  }));
  const servicePoints = readRows(dir, 'service_points.csv', servicePointSchema, (r) => ({
    id: r.id,
    type: r.type,
    name: r.name,
    lon: num(r.lon),
    lat: num(r.lat),
    capacity: num(r.capacity),
    adminCode: r.admin_code,
  }));
  checkConsistency({ adminUnits, villages, workers, servicePoints });
  const boundaries: DatasetContent['boundaries'] = {};
  for (const layer of BOUNDARY_LAYERS) {
    const file = join(dir, 'boundaries', `${layer}.geojson`);
    if (existsSync(file)) boundaries[layer] = readFileSync(file, 'utf8');
  }
  return { manifest, adminUnits, villages, workers, servicePoints, boundaries };
}

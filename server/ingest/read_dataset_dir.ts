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

export const BOUNDARY_LAYERS = ['countries', 'provinces', 'prefectures', 'counties', 'townships'] as const;
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
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new RowError(file, (e.row ?? 0) + 2, '', e.message);
  }
  return parsed.data.map((raw, i) => {
    const result = schema.safeParse(toObject(raw));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new RowError(file, i + 2, issue.path.join('.'), issue.message);
    }
    return result.data;
  });
}

const num = (s: string) => (s === '' ? NaN : Number(s));

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
  const boundaries: DatasetContent['boundaries'] = {};
  for (const layer of BOUNDARY_LAYERS) {
    const file = join(dir, 'boundaries', `${layer}.geojson`);
    if (existsSync(file)) boundaries[layer] = readFileSync(file, 'utf8');
  }
  return { manifest, adminUnits, villages, workers, servicePoints, boundaries };
}

import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import shp from 'shpjs';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import * as turf from '@turf/turf';
import type { BoundaryImportLayer, Crs } from '../domain/import.ts';
import { BOUNDARY_IMPORT_LAYERS } from '../domain/import.ts';
import { containsPoint, polygonIndex, ringsOf } from '../engine/polygon_index.ts';
import { geometryToWgs84 } from './crs.ts';
import type { ErrorLog } from './error_log.ts';
import { ImportFileError, REASONS, THINGS } from './reasons.ts';
import { parseCode } from './row_rules.ts';
import { decodeText, detectEncoding } from './text_encoding.ts';
import { readZipEntry, type ZipEntry } from './zip.ts';

/**
 * Administrative boundaries from GeoJSON, TopoJSON or a zipped shapefile, as the polygons of one
 * layer (provinces, prefectures, counties or townships) keyed by their codes.
 */
interface AnyFeature {
  type: string;
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown> | null;
}

const MAX_JSON_BYTES = 500 << 20;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ImportFileError(REASONS.badJson((err as Error).message.slice(0, 120)));
  }
}

function featuresOf(json: unknown): AnyFeature[] {
  const o = json as { type?: unknown; features?: unknown; objects?: unknown };
  if (o && o.type === 'Topology' && o.objects && typeof o.objects === 'object') {
    const topology = json as Topology;
    const out: AnyFeature[] = [];
    for (const object of Object.values(topology.objects)) {
      let f: { type: string; features?: AnyFeature[] };
      try {
        f = topoFeature(topology, object) as unknown as typeof f;
      } catch (err) {
        // arcs that are not there, objects of the wrong shape
        throw new ImportFileError(REASONS.unreadable(`TopoJSON: ${(err as Error).message}`));
      }
      if (f.type === 'FeatureCollection') out.push(...(f.features ?? []));
      else out.push(f as AnyFeature);
    }
    return out;
  }
  if (o && o.type === 'FeatureCollection' && Array.isArray(o.features)) return o.features as AnyFeature[];
  if (o && o.type === 'Feature') return [json as AnyFeature];
  throw new ImportFileError(REASONS.noFeatures());
}

/** The DBF's text encoding: its .cpg when there is one, else the language driver byte (GBK), else UTF-8 when it decodes as such. */
function dbfEncoding(dbf: Buffer, cpg: Buffer | undefined): string {
  if (cpg) return cpg.toString('latin1').trim();
  const driver = dbf[29];
  if (driver === 0x4d || driver === 0x7a) return 'gb18030';
  return detectEncoding(dbf.subarray(0, 1 << 20)) === 'gb18030' ? 'gb18030' : 'utf-8';
}

async function shapefileFeatures(path: string, entries: ZipEntry[]): Promise<AnyFeature[]> {
  const byExt = (ext: string) => entries.find((e) => e.name.toLowerCase().endsWith(ext) && !e.name.includes('__MACOSX'));
  const shpEntry = byExt('.shp');
  if (!shpEntry) throw new ImportFileError(REASONS.noFeatures());
  const base = shpEntry.name.slice(0, -4).toLowerCase();
  const part = (ext: string) => entries.find((e) => e.name.toLowerCase() === base + ext);
  const read = (e: ZipEntry | undefined) => (e ? readZipEntry(path, e, MAX_JSON_BYTES) : undefined);
  const shpBytes = read(shpEntry)!;
  const dbf = read(part('.dbf'));
  const prj = read(part('.prj'));
  const cpg = read(part('.cpg'));
  try {
    const parsed = await shp({
      shp: shpBytes,
      dbf,
      prj: prj?.toString('utf8'),
      cpg: dbf ? dbfEncoding(dbf, cpg) : undefined,
    });
    const collections = Array.isArray(parsed) ? parsed : [parsed];
    return collections.flatMap((c) => c.features as AnyFeature[]);
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(REASONS.unreadable(`shapefile: ${(err as Error).message}`));
  }
}

/** Reads the features of a boundary file, whatever its format. */
export async function loadBoundaryFeatures(path: string, format: 'geojson' | 'topojson' | 'shapefile', zipEntries: ZipEntry[]): Promise<AnyFeature[]> {
  if (format === 'shapefile') return shapefileFeatures(path, zipEntries);
  let bytes: Buffer;
  if (zipEntries.length) {
    const entry = zipEntries.find((e) => /\.(geo|topo)?json$/i.test(e.name));
    if (!entry) throw new ImportFileError(REASONS.noFeatures());
    bytes = readZipEntry(path, entry, MAX_JSON_BYTES);
  } else bytes = readFileSync(path);
  return featuresOf(parseJson(decodeText(bytes, detectEncoding(bytes.subarray(0, 1 << 20)))));
}

/** Property names that hold a unit's code or name in files from statistics bureaus, DataV/AMap, GADM-like sources. */
const CODE_KEYS = ['code', 'adcode', 'ADCODE', 'CODE', 'Code', 'admin_code', '行政区划代码', '区划代码', '代码', 'XZQDM', 'xzqdm', 'XZQHDM', 'PAC', 'pac', 'gb', 'GB', 'id', 'ID'];
const NAME_KEYS = ['name', 'NAME', 'Name', '名称', 'XZQMC', 'xzqmc', 'NAME_CHN', 'name_zh'];

/**
 * An area code as the dataset writes it: "140105000000" (a county padded to 12 digits, as some
 * sources write it) becomes 140105, and AMap-style "140100" (a prefecture) becomes 1401.
 */
export function normalizeAreaCode(raw: unknown): string {
  const s = parseCode(typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '');
  if (!/^\d+$/.test(s)) return s;
  if (s.length === 12) {
    if (s.endsWith('0000000000')) return s.slice(0, 2);
    if (s.endsWith('00000000')) return s.slice(0, 4);
    if (s.endsWith('000000')) return s.slice(0, 6);
    if (s.endsWith('000')) return s.slice(0, 9);
  }
  if (s.length === 6) {
    if (s.endsWith('0000')) return s.slice(0, 2);
    if (s.endsWith('00')) return s.slice(0, 4);
  }
  return s;
}

const LAYER_BY_LENGTH: Record<number, BoundaryImportLayer> = { 2: 'provinces', 4: 'prefectures', 6: 'counties', 9: 'townships' };
export const CODE_LENGTH_OF_LAYER: Record<BoundaryImportLayer, number> = { provinces: 2, prefectures: 4, counties: 6, townships: 9 };

function pickKey(features: AnyFeature[], keys: string[], accept: (v: unknown) => boolean): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const key of keys) {
    let n = 0;
    for (const f of features) if (f.properties && accept(f.properties[key])) n++;
    if (n > bestCount) {
      best = key;
      bestCount = n;
    }
  }
  return best;
}

export interface CheckedBoundaries {
  layer: BoundaryImportLayer;
  features: { code: string; name: string; geometry: Polygon | MultiPolygon; row: number }[];
}

export interface BoundaryCheckContext {
  file: string;
  errors: ErrorLog;
  layer?: BoundaryImportLayer;
  /** whether the version being built has this unit, and its name */
  unitName: (code: string) => string | null;
}

function validRing(ring: unknown): boolean {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90)
  );
}

function geometryProblem(g: AnyFeature['geometry']): string | null {
  if (!g) return 'no geometry';
  if (g.type === 'Polygon') return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every(validRing) ? null : 'rings need 4 or more valid positions';
  if (g.type === 'MultiPolygon')
    return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every((p) => Array.isArray(p) && p.length > 0 && p.every(validRing))
      ? null
      : 'rings need 4 or more valid positions';
  return g.type;
}

/**
 * Checks every feature (a polygon, a code of the layer's level that the dataset knows, once).
 * Feature n is "row" n in errors. Coordinates stay as in the file (see convertBoundaries).
 */
export function checkBoundaryFeatures(features: AnyFeature[], ctx: BoundaryCheckContext): CheckedBoundaries {
  if (features.length === 0) throw new ImportFileError(REASONS.noFeatures(), ctx.file);
  const looksLikeCode = (v: unknown) => /^\d{2,12}$/.test(normalizeAreaCode(v));
  const codeKey = pickKey(features, CODE_KEYS, looksLikeCode);
  if (!codeKey) throw new ImportFileError(REASONS.noCode(), ctx.file);
  const nameKey = pickKey(features, NAME_KEYS, (v) => typeof v === 'string' && v.trim() !== '');
  let layer = ctx.layer;
  if (!layer) {
    const lengths = new Map<number, number>();
    for (const f of features) {
      const n = normalizeAreaCode(f.properties?.[codeKey]).length;
      lengths.set(n, (lengths.get(n) ?? 0) + 1);
    }
    const common = [...lengths].sort((a, b) => b[1] - a[1])[0][0];
    layer = LAYER_BY_LENGTH[common];
    if (!layer) throw new ImportFileError(REASONS.adminCode(), ctx.file);
  }
  const length = CODE_LENGTH_OF_LAYER[layer];
  const seen = new Map<string, number>();
  const kept: CheckedBoundaries['features'] = [];
  features.forEach((f, i) => {
    const row = i + 1;
    const raw = f.properties?.[codeKey];
    const code = normalizeAreaCode(raw);
    const problem = geometryProblem(f.geometry);
    const rawText = raw === undefined || raw === null ? '' : String(raw);
    if (problem) return ctx.errors.add(ctx.file, row, 'geometry', f.geometry?.type ?? '', REASONS.badGeometry(problem));
    if (code.length !== length || !/^\d+$/.test(code)) return ctx.errors.add(ctx.file, row, codeKey, rawText, REASONS.mixedLevels());
    const name = ctx.unitName(code);
    if (name === null) return ctx.errors.add(ctx.file, row, codeKey, rawText, REASONS.unknownUnit(code));
    if (seen.has(code)) return ctx.errors.add(ctx.file, row, codeKey, rawText, REASONS.duplicate(THINGS.feature, code, seen.get(code)!));
    seen.set(code, row);
    const geometry = f.geometry as Polygon | MultiPolygon;
    const given = nameKey ? f.properties?.[nameKey] : undefined;
    kept.push({ code, name: typeof given === 'string' && given.trim() ? given.trim() : name, geometry, row });
  });
  return { layer, features: kept };
}

/** Converts the checked polygons to WGS84 in place (after the shift check has looked at them as written). */
export function convertBoundaries(checked: CheckedBoundaries, crs: Crs): void {
  for (const f of checked.features) geometryToWgs84(f.geometry.coordinates, crs);
}

/** A point for the area's label: the centre of its bounding box when that is inside, else a point on its surface. */
function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const idx = polygonIndex([{ code: '', rings: ringsOf(geometry) }]);
  const cx = (idx.bbox[0] + idx.bbox[2]) / 2;
  const cy = (idx.bbox[1] + idx.bbox[3]) / 2;
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  if (containsPoint(idx, 0, cx, cy)) return [round(cx), round(cy)];
  const p = turf.pointOnFeature(turf.feature(geometry)).geometry.coordinates;
  return [round(p[0]), round(p[1])];
}

/** The layer as the dataset stores it (the project format: one feature per line, code, name, label). */
export function boundaryGeoJson(checked: CheckedBoundaries): string {
  const lines = checked.features.map((f) =>
    JSON.stringify({ type: 'Feature', properties: { code: f.code, name: f.name, synthetic: false, label: labelPoint(f.geometry) }, geometry: f.geometry }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export const isBoundaryLayer = (s: string): s is BoundaryImportLayer => (BOUNDARY_IMPORT_LAYERS as readonly string[]).includes(s);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminUnit } from '../domain/index.ts';
import {
  isTableKind,
  type BoundaryImportLayer,
  type ColumnMapping,
  type Crs,
  type EncodingChoice,
  type FileFormat,
  type ImportKind,
  type ImportPhase,
  type ImportRowError,
  type ImportWarning,
  type TableKind,
} from '../domain/import.ts';
import { containsPoint, polygonIndex, polygonIndexFromFeatures, ringsOf, type PolygonIndex } from '../engine/polygon_index.ts';
import { baseReferenceData } from '../store/boundary_polygons.ts';
import type { Db } from '../store/db.ts';
import { currentDatasetId } from '../store/datasets.ts';
import { CancelledError, ImportStaging, type StagedTable } from '../store/import_staging.ts';
import { boundaryGeoJson, checkBoundaryFeatures, CODE_LENGTH_OF_LAYER, convertBoundaries, loadBoundaryFeatures, type CheckedBoundaries } from './boundary_file.ts';
import { CRS_LABELS, judgeShift, shiftMessage, ShiftSample } from './crs.ts';
import { datasetFiles } from './dataset_source.ts';
import { ErrorLog } from './error_log.ts';
import { BOUNDARY_LAYERS, manifestSchema, type Manifest } from './read_dataset_dir.ts';
import { ImportFileError, REASONS, THINGS } from './reasons.ts';
import { parentIssues, readAdminUnit, type Fields } from './row_rules.ts';
import { sniffFile } from './sniff_file.ts';
import { readTableInto, StopReading, type ReferenceData, type TableSink } from './table_import.ts';
import { readCsv } from './table_reader.ts';
import { ZipError } from './zip.ts';
import { ENCODING_LABELS, resolveEncoding } from './text_encoding.ts';
import { readSample } from './sniff_file.ts';

/**
 * One import, start to end: read and check everything into staging tables, check the rows
 * against each other and against what the new version keeps from the current one, and only
 * then write the new version in one transaction. Any row error writes nothing.
 */
export interface ImportRequest {
  /** the file, or a dataset folder */
  path: string;
  /** the name the user knows the file by */
  fileName: string;
  kind: ImportKind;
  encoding?: EncodingChoice;
  sheet?: string;
  headerRow?: number;
  mapping?: ColumnMapping;
  crs: Crs;
  layer?: BoundaryImportLayer;
  dryRun?: boolean;
}

export interface ImportProgress {
  phase: ImportPhase;
  rowsRead: number;
  rowsWritten: number;
  errorCount: number;
}

export interface ImportHooks {
  progress?: (p: ImportProgress) => void;
  stopped?: () => boolean;
  /** where the full error list is written as CSV (null: kept in memory only) */
  errorCsvPath?: string | null;
  /** a folder the import may write to (a dataset zip is extracted there) */
  workDir: string;
}

export interface ImportOutcome {
  phase: 'done' | 'failed' | 'cancelled';
  datasetId: number | null;
  version: number | null;
  rowsRead: number;
  rowsWritten: number;
  errorCount: number;
  errors: ImportRowError[];
  warnings: ImportWarning[];
  message: string | null;
}

/** Errors listed for a cross-file check before it stops: the full list would be the same mistake. */
const CHECK_LIMIT = 10_000;

const FORMATS_OF: Record<ImportKind, FileFormat[]> = {
  villages: ['csv', 'xlsx'],
  workers: ['csv', 'xlsx'],
  services: ['csv', 'xlsx'],
  boundaries: ['geojson', 'topojson', 'shapefile'],
  dataset: ['dataset'],
};

const stagingSink = (staging: ImportStaging): TableSink => ({
  villages: (rows) => staging.addVillages(rows),
  refusedVillages: (codes) => staging.noteRefusedVillages(codes),
  workers: (rows) => staging.addWorkers(rows),
  services: (rows) => staging.addServices(rows),
});

const STAGED_OF: Record<TableKind, StagedTable> = { villages: 'village', workers: 'worker', services: 'service' };

export async function runImport(db: Db, req: ImportRequest, hooks: ImportHooks): Promise<ImportOutcome> {
  const errors = new ErrorLog(hooks.errorCsvPath ?? null);
  const warnings: ImportWarning[] = [];
  const progress: ImportProgress = { phase: 'reading', rowsRead: 0, rowsWritten: 0, errorCount: 0 };
  const report = (change: Partial<ImportProgress>) => {
    Object.assign(progress, change, { errorCount: errors.count });
    hooks.progress?.({ ...progress });
  };
  const stopped = () => hooks.stopped?.() ?? false;
  const outcome = (phase: ImportOutcome['phase'], message: string | null, written: { datasetId: number; version: number } | null = null): ImportOutcome => ({
    phase,
    datasetId: written?.datasetId ?? null,
    version: written?.version ?? null,
    rowsRead: progress.rowsRead,
    rowsWritten: progress.rowsWritten,
    errorCount: errors.count,
    errors: errors.first,
    warnings,
    message,
  });
  let staging: ImportStaging | null = null;
  try {
    report({});
    const sniffed = sniffFile(req.path, req.fileName);
    if (!FORMATS_OF[req.kind].includes(sniffed.format))
      throw new ImportFileError({
        en: `this is a ${sniffed.format} file: ${req.kind} are read from ${FORMATS_OF[req.kind].join(', ')}`,
        zh: `这是 ${sniffed.format} 文件：${req.kind} 应为 ${FORMATS_OF[req.kind].join('、')} 格式`,
      });
    const baseId = currentDatasetId(db);
    if (baseId === null && req.kind !== 'dataset')
      throw new ImportFileError({ en: 'there is no dataset yet: import a whole dataset first', zh: '尚无数据集：请先导入完整数据集' });
    staging = new ImportStaging(db);
    let plan: { staged: Set<StagedTable>; manifest: Manifest | null; note: string; copyOtherBoundaries: boolean };

    if (isTableKind(req.kind)) {
      const refs = baseReferenceData(db, baseId!);
      const shift = new ShiftSample();
      const result = await readTableInto(
        req.path,
        { kind: req.kind, file: '', format: sniffed.format as 'csv' | 'xlsx', encoding: req.encoding ?? 'auto', sheet: req.sheet, headerRow: req.headerRow, mapping: req.mapping, crs: req.crs },
        refs,
        stagingSink(staging),
        errors,
        shift,
        { stopped, progress: (rowsRead) => report({ rowsRead }) },
      );
      warnings.push(...result.warnings);
      const verdict = judgeShift(shift, refs.areas, req.crs);
      if (verdict?.shifted) warnings.push({ code: 'shifted', crs: verdict.best, ...shiftMessage(verdict) });
      if (stopped()) return outcome('cancelled', null);
      report({ phase: 'checking' });
      checkAgainstBase(req.kind, staging, baseId!, errors);
      const converted = req.crs === 'wgs84' ? '' : `, ${CRS_LABELS[req.crs]} → WGS84`;
      const enc = result.encoding ? `, ${ENCODING_LABELS[result.encoding]}` : result.sheet ? `, sheet ${result.sheet}` : '';
      plan = {
        staged: new Set([STAGED_OF[req.kind]]),
        manifest: null,
        note: `${req.kind} from ${req.fileName}: ${result.rowsValid.toLocaleString('en')} rows${enc}${converted}`,
        copyOtherBoundaries: true,
      };
    } else if (req.kind === 'boundaries') {
      const layer = await stageBoundaries(db, req, sniffed.format as 'geojson' | 'topojson' | 'shapefile', sniffed.zipEntries, baseId!, staging, errors, warnings);
      report({ rowsRead: layer.features.length, phase: 'checking' });
      plan = {
        staged: new Set(),
        manifest: null,
        note: `${layer.layer} boundaries from ${req.fileName}: ${layer.features.length.toLocaleString('en')} areas${req.crs === 'wgs84' ? '' : `, ${CRS_LABELS[req.crs]} → WGS84`}`,
        copyOtherBoundaries: true,
      };
    } else {
      const files = datasetFiles(req.path, sniffed.zipEntries, hooks.workDir);
      const manifest = await stageDataset(db, files, req, staging, errors, warnings, stopped, (rowsRead) => report({ rowsRead }));
      if (stopped()) return outcome('cancelled', null);
      report({ phase: 'checking' });
      for (const m of staging.missingRosterVillages(null, true, CHECK_LIMIT)) errors.add('workers.csv', m.row, 'roster', m.code, REASONS.noVillage(m.code));
      plan = {
        staged: new Set(['unit', 'village', 'worker', 'service']),
        manifest,
        note: `dataset from ${req.fileName}: ${staging.count('village').toLocaleString('en')} villages`,
        copyOtherBoundaries: false,
      };
    }

    if (errors.count > 0) return outcome('failed', `${errors.count} errors: nothing was written`);
    if (stopped()) return outcome('cancelled', null);
    if (req.dryRun) return outcome('done', null);
    report({ phase: 'writing' });
    const written = staging.commit(
      { baseId, staged: plan.staged, manifest: plan.manifest, note: plan.note, copyOtherBoundaries: plan.copyOtherBoundaries },
      { progress: (rowsWritten) => report({ rowsWritten }), stopped },
    );
    report({ phase: 'done' });
    return outcome('done', null, written);
  } catch (err) {
    if (err instanceof CancelledError) return outcome('cancelled', null);
    if (err instanceof StopReading) return outcome('failed', `${errors.count} errors: nothing was written`);
    if (err instanceof ImportFileError) {
      errors.add(err.file, null, '', '', err.reason);
      return outcome('failed', err.message);
    }
    if (err instanceof ZipError) {
      errors.add('', null, '', '', REASONS.unreadable(err.message));
      return outcome('failed', err.message);
    }
    // not the file's fault: say so plainly (and in the server's log), and still write nothing
    console.error(`import of ${req.fileName} failed:`, err);
    const message = err instanceof Error ? err.message : String(err);
    errors.add('', null, '', '', { en: `import failed: ${message}`, zh: `导入失败：${message}` });
    return outcome('failed', message);
  } finally {
    staging?.drop();
    errors.close();
  }
}

/** Links between the imported rows and the rows the new version keeps from the current one. */
function checkAgainstBase(kind: TableKind, staging: ImportStaging, baseId: number, errors: ErrorLog): void {
  if (kind === 'villages') {
    // a village file that drops a village on a worker's roster would leave the roster pointing
    // nowhere: refused, with the worker named, rather than silently shortening the roster
    for (const d of staging.droppedRosterVillages(baseId, CHECK_LIMIT)) errors.add('', null, 'code', d.code, REASONS.droppedRosterVillage(d.code, d.worker));
    for (const d of staging.droppedServiceVillages(baseId, CHECK_LIMIT))
      errors.add('', null, 'code', d.code, {
        en: `village ${d.code} has service point ${d.service} but is not in this file`,
        zh: `村 ${d.code} 有服务点 ${d.service}，但不在此文件中`,
      });
  } else if (kind === 'workers') {
    for (const m of staging.missingRosterVillages(baseId, false, CHECK_LIMIT)) errors.add('', m.row, 'roster', m.code, REASONS.noVillage(m.code));
  }
}

async function stageBoundaries(
  db: Db,
  req: ImportRequest,
  format: 'geojson' | 'topojson' | 'shapefile',
  zipEntries: Parameters<typeof loadBoundaryFeatures>[2],
  baseId: number,
  staging: ImportStaging,
  errors: ErrorLog,
  warnings: ImportWarning[],
): Promise<CheckedBoundaries> {
  const features = await loadBoundaryFeatures(req.path, format, zipEntries);
  const names = new Map(db.prepare('SELECT code, name FROM admin_unit WHERE dataset_id = ?').raw().all(baseId) as [string, string][]);
  const checked = checkBoundaryFeatures(features, { file: '', errors, layer: req.layer, unitName: (code) => names.get(code) ?? null });
  const length = CODE_LENGTH_OF_LAYER[checked.layer];
  const areasOf = () => polygonIndex(checked.features.map((f) => ({ code: f.code, rings: ringsOf(f.geometry) })));
  // the villages of the current version, each with the area it belongs to in this layer
  const villages = db.prepare('SELECT code, lon, lat FROM village WHERE dataset_id = ? ORDER BY code').raw();
  const total = db.prepare('SELECT COUNT(*) FROM village WHERE dataset_id = ?').pluck().get(baseId) as number;
  const stride = Math.max(1, Math.floor(total / 2000));
  const raw = areasOf();
  const sample = new ShiftSample();
  let k = 0;
  for (const [code, lon, lat] of villages.iterate(baseId) as IterableIterator<[string, number, number]>) {
    if (k++ % stride === 0) sample.add(lon, lat, raw.index.get(code.slice(0, length)) ?? -1);
  }
  const verdict = judgeShift(sample, raw, req.crs, true);
  if (verdict?.shifted) warnings.push({ code: 'shifted', crs: verdict.best, ...shiftMessage(verdict) });
  convertBoundaries(checked, req.crs);
  if (errors.count === 0) {
    const areas = areasOf();
    let outside = 0;
    let counted = 0;
    for (const [code, lon, lat] of villages.iterate(baseId) as IterableIterator<[string, number, number]>) {
      const a = areas.index.get(code.slice(0, length));
      if (a === undefined) continue;
      counted++;
      if (!containsPoint(areas, a, lon, lat)) outside++;
    }
    if (outside > 0)
      warnings.push({
        code: 'outsideBoundaries',
        message: `${outside.toLocaleString('en')} of ${counted.toLocaleString('en')} villages lie outside their area in these boundaries.`,
        messageZh: `${counted.toLocaleString('zh-CN')} 个村中有 ${outside.toLocaleString('zh-CN')} 个位于新边界中所属区域之外。`,
      });
    staging.setBoundary(checked.layer, boundaryGeoJson(checked));
  }
  return checked;
}

/** Admin units of a dataset folder: streamed through the shared rules like every other table. */
async function stageUnits(path: string, staging: ImportStaging, errors: ErrorLog): Promise<Set<string>> {
  const file = 'admin_units.csv';
  const units: { row: number; value: AdminUnit }[] = [];
  let header: string[] | null = null;
  const result = await readCsv(path, resolveEncoding('auto', readSample(path)), (chunk) => {
    const valid: { row: number; value: AdminUnit }[] = [];
    chunk.records.forEach((cells, k) => {
      const row = chunk.rows[k];
      if (!header) {
        header = cells.map((c) => c.trim());
        return;
      }
      if (cells.every((c) => c.trim() === '')) return;
      const f: Fields = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
      const r = readAdminUnit(f);
      if (!r.value) for (const issue of r.issues) errors.add(file, row, issue.column, f[issue.column], issue.reason);
      else valid.push({ row, value: r.value });
    });
    for (const d of staging.addUnits(valid)) errors.add(file, d.row, 'code', d.key, REASONS.duplicate(THINGS.unit, d.key, d.firstRow));
    units.push(...valid);
  });
  for (const p of result.problems) errors.add(file, p.row, '', '', REASONS.badQuotes(p.detail));
  const codes = new Set(units.map((u) => u.value.code));
  for (const { row, value } of units)
    for (const issue of parentIssues(value, (c) => codes.has(c))) errors.add(file, row, issue.column, value.parentCode ?? '', issue.reason);
  return codes;
}

/** Every file of a dataset folder into the staging tables, checked against the dataset's own units and villages. */
async function stageDataset(
  db: Db,
  files: ReturnType<typeof datasetFiles>,
  req: ImportRequest,
  staging: ImportStaging,
  errors: ErrorLog,
  warnings: ImportWarning[],
  stopped: () => boolean,
  progress: (rowsRead: number) => void,
): Promise<Manifest> {
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(files.dir, 'manifest.json'), 'utf8')));
    if (!parsed.success) throw new ImportFileError(REASONS.manifest(parsed.error.issues[0].message), 'manifest.json');
    manifest = parsed.data;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(REASONS.manifest((err as Error).message), 'manifest.json');
  }
  const units = await stageUnits(join(files.dir, 'admin_units.csv'), staging, errors);
  let counties: PolygonIndex | null = null;
  let townships: PolygonIndex | null = null;
  for (const layer of BOUNDARY_LAYERS) {
    const path = files.boundaries[layer];
    if (!path) continue;
    const text = readFileSync(path, 'utf8');
    let fc: { type?: unknown; features?: unknown };
    try {
      fc = JSON.parse(text) as typeof fc;
    } catch (err) {
      throw new ImportFileError(REASONS.badJson((err as Error).message.slice(0, 120)), `boundaries/${layer}.geojson`);
    }
    if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new ImportFileError(REASONS.noFeatures(), `boundaries/${layer}.geojson`);
    if (layer === 'counties') counties = polygonIndexFromFeatures(fc.features as Parameters<typeof polygonIndexFromFeatures>[0]);
    if (layer === 'townships') townships = polygonIndexFromFeatures(fc.features as Parameters<typeof polygonIndexFromFeatures>[0]);
    staging.setBoundary(layer, text);
  }
  const base = currentDatasetId(db);
  const basePosition = base === null ? null : db.prepare('SELECT lon, lat FROM village WHERE dataset_id = ? AND code = ?').raw();
  const refs: ReferenceData = {
    hasUnit: (code) => units.has(code),
    hasVillage: (code) => staging.hasStaged('village', code),
    counties,
    areas: townships ?? counties,
    areaCodeLength: townships ? 9 : 6,
    villagePosition: (code) => (basePosition ? ((basePosition.get(base, code) as [number, number] | undefined) ?? null) : null),
  };
  let rowsRead = units.size;
  const shift = new ShiftSample();
  for (const [kind, file] of [['villages', 'villages.csv'], ['workers', 'workers.csv'], ['services', 'service_points.csv']] as const) {
    if (stopped() || errors.full) break;
    const before = rowsRead;
    const r = await readTableInto(
      join(files.dir, file),
      { kind, file, format: 'csv', encoding: req.encoding ?? 'auto', crs: req.crs },
      refs,
      stagingSink(staging),
      errors,
      kind === 'villages' ? shift : new ShiftSample(0),
      { stopped, progress: (n) => progress((rowsRead = before + n)) },
    );
    warnings.push(...r.warnings.filter((w) => w.code !== 'ignoredColumns').map((w) => ({ ...w, message: `${file}: ${w.message}`, messageZh: `${file}：${w.messageZh}` })));
  }
  const verdict = judgeShift(shift, refs.areas, req.crs);
  if (verdict?.shifted) warnings.push({ code: 'shifted', crs: verdict.best, ...shiftMessage(verdict) });
  return manifest;
}

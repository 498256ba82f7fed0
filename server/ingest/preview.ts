import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServicePoint, Village, Worker } from '../domain/index.ts';
import {
  IMPORT_KINDS,
  isTableKind,
  type Crs,
  type ImportKind,
  type ImportPreview,
  type ReadOptions,
} from '../domain/import.ts';
import { polygonIndex, ringsOf } from '../engine/polygon_index.ts';
import { baseReferenceData } from '../store/boundary_polygons.ts';
import type { Db } from '../store/db.ts';
import { currentDatasetId } from '../store/datasets.ts';
import type { Duplicate } from '../store/import_staging.ts';
import { checkBoundaryFeatures, CODE_LENGTH_OF_LAYER, loadBoundaryFeatures } from './boundary_file.ts';
import { CRS_LABELS, judgeShift, shiftMessage, ShiftSample } from './crs.ts';
import { datasetFiles } from './dataset_source.ts';
import { ErrorLog } from './error_log.ts';
import { ImportFileError, REASONS } from './reasons.ts';
import { sniffFile } from './sniff_file.ts';
import { readTableInto, StopReading, type ReferenceData, type TableSink } from './table_import.ts';
import { ZipError } from './zip.ts';

/**
 * What an import would do, from the first rows, writing nothing: the file's format, encoding
 * and sheet, the header and proposed column mapping, the first rows as they would be stored,
 * the first errors, and a word on the coordinate system.
 */
const PREVIEW_RECORDS = 1000;
const SAMPLE_ROWS = 20;

/** Keys seen so far, to report duplicates among the rows read, without storing anything. */
function memorySink(): TableSink {
  const seen = new Map<string, number>();
  const add = <T>(rows: { row: number; value: T }[], key: (v: T) => string): Duplicate[] => {
    const dups: Duplicate[] = [];
    for (const { row, value } of rows) {
      const k = key(value);
      const first = seen.get(k);
      if (first !== undefined) dups.push({ row, key: k, firstRow: first });
      else seen.set(k, row);
    }
    return dups;
  };
  return {
    villages: (rows) => add(rows, (v: Village) => v.code),
    workers: (rows) => add(rows, (w: Worker) => w.id),
    services: (rows) => add(rows, (s: ServicePoint) => s.id),
  };
}

const NO_REFERENCE: ReferenceData = {
  hasUnit: () => false,
  hasVillage: () => false,
  counties: null,
  areas: null,
  areaCodeLength: 9,
  villagePosition: () => null,
};

export async function previewImport(db: Db, path: string, fileName: string, options: ReadOptions = {}): Promise<ImportPreview> {
  const errors = new ErrorLog(null);
  const base = currentDatasetId(db);
  const refs = base === null ? NO_REFERENCE : baseReferenceData(db, base);
  let crs: Crs = options.crs ?? 'wgs84';
  const preview: ImportPreview = {
    fileName,
    size: 0,
    format: 'csv',
    kind: options.kind ?? 'villages',
    kindCandidates: [],
    encoding: null,
    sheets: [],
    sheet: null,
    headerRow: null,
    header: [],
    fields: [],
    ignoredColumns: [],
    crs,
    crsSuggestion: null,
    layer: null,
    sample: [],
    errors: [],
    warnings: [],
    counts: { rowsChecked: 0, errors: 0, features: null },
  };
  const suggest = (best: Crs, why: { message: string; messageZh: string }) => {
    if (best !== crs) preview.crsSuggestion = { crs: best, ...why };
  };
  try {
    const sniffed = sniffFile(path, fileName);
    preview.size = sniffed.size;
    preview.format = sniffed.format;
    if (sniffed.format === 'csv' || sniffed.format === 'xlsx') {
      const kind = options.kind && isTableKind(options.kind) ? options.kind : undefined;
      const shift = new ShiftSample(PREVIEW_RECORDS);
      const r = await readTableInto(
        path,
        { kind, file: '', format: sniffed.format, encoding: options.encoding ?? 'auto', sheet: options.sheet, headerRow: options.headerRow, mapping: options.mapping, crs },
        refs,
        memorySink(),
        errors,
        shift,
        { maxRecords: PREVIEW_RECORDS, sampleSize: SAMPLE_ROWS },
      ).catch((err: unknown) => {
        // a required column is missing: still show the header and the mapping, so the user can fix it
        if (err instanceof StopReading) return { ...err.partial, ignoredColumns: [], sample: [], warnings: [], rowsRead: 0, crsFromHeader: null };
        throw err;
      });
      if (r) {
        Object.assign(preview, {
          kind: r.kind,
          kindCandidates: r.kindCandidates as ImportKind[],
          encoding: r.encoding,
          sheets: r.sheets,
          sheet: r.sheet,
          headerRow: r.headerRow,
          header: r.header,
          fields: r.fields,
          ignoredColumns: r.ignoredColumns,
          sample: r.sample,
          warnings: r.warnings,
        });
        preview.counts.rowsChecked = r.rowsRead;
        if (!options.crs && r.crsFromHeader) {
          crs = r.crsFromHeader;
          preview.crs = crs;
        }
        const verdict = judgeShift(shift, refs.areas, crs);
        if (verdict && verdict.best !== crs && verdict.shifted) suggest(verdict.best, shiftMessage(verdict));
        else if (r.crsFromHeader && r.crsFromHeader !== crs)
          suggest(r.crsFromHeader, {
            message: `The column headers name ${CRS_LABELS[r.crsFromHeader]}.`,
            messageZh: `表头注明了 ${CRS_LABELS[r.crsFromHeader]}。`,
          });
      }
    } else if (sniffed.format === 'dataset') {
      preview.kind = 'dataset';
      preview.kindCandidates = ['dataset'];
      const work = mkdtempSync(join(tmpdir(), 'coverage-preview-'));
      try {
        const files = datasetFiles(path, sniffed.zipEntries, work);
        preview.header = ['manifest.json', 'admin_units.csv', 'villages.csv', 'workers.csv', 'service_points.csv', ...Object.keys(files.boundaries).map((b) => `boundaries/${b}.geojson`)];
        const r = await readTableInto(
          join(files.dir, 'villages.csv'),
          { kind: 'villages', file: 'villages.csv', format: 'csv', encoding: options.encoding ?? 'auto', crs },
          { ...NO_REFERENCE, hasUnit: () => true },
          memorySink(),
          errors,
          new ShiftSample(0),
          { maxRecords: PREVIEW_RECORDS, sampleSize: SAMPLE_ROWS },
        );
        Object.assign(preview, { encoding: r.encoding, headerRow: r.headerRow, fields: r.fields, sample: r.sample });
        preview.counts.rowsChecked = r.rowsRead;
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    } else {
      preview.kind = 'boundaries';
      preview.kindCandidates = ['boundaries'];
      const features = await loadBoundaryFeatures(path, sniffed.format, sniffed.zipEntries);
      const names =
        base === null ? new Map<string, string>() : new Map(db.prepare('SELECT code, name FROM admin_unit WHERE dataset_id = ?').raw().all(base) as [string, string][]);
      const checked = checkBoundaryFeatures(features, { file: '', errors, layer: options.layer, unitName: (code) => names.get(code) ?? null });
      preview.layer = checked.layer;
      preview.counts.features = features.length;
      preview.counts.rowsChecked = features.length;
      preview.sample = checked.features.slice(0, SAMPLE_ROWS).map((f) => ({
        row: f.row,
        values: { code: f.code, name: f.name, type: f.geometry.type, vertices: String(ringsOf(f.geometry).reduce((n, r) => n + r.length, 0)) },
      }));
      if (base !== null) {
        const length = CODE_LENGTH_OF_LAYER[checked.layer];
        const raw = polygonIndex(checked.features.map((f) => ({ code: f.code, rings: ringsOf(f.geometry) })));
        const total = db.prepare('SELECT COUNT(*) FROM village WHERE dataset_id = ?').pluck().get(base) as number;
        const stride = Math.max(1, Math.floor(total / 1000));
        const sample = new ShiftSample(1000);
        let k = 0;
        for (const [code, lon, lat] of db.prepare('SELECT code, lon, lat FROM village WHERE dataset_id = ? ORDER BY code').raw().iterate(base) as IterableIterator<[string, number, number]>)
          if (k++ % stride === 0) sample.add(lon, lat, raw.index.get(code.slice(0, length)) ?? -1);
        const verdict = judgeShift(sample, raw, crs, true);
        if (verdict?.shifted) suggest(verdict.best, shiftMessage(verdict));
      }
    }
  } catch (err) {
    if (err instanceof ZipError) errors.add('', null, '', '', REASONS.unreadable(err.message));
    else if (err instanceof ImportFileError) errors.add(err.file, null, '', '', err.reason);
    else throw err;
  }
  preview.errors = errors.first.slice(0, 50);
  preview.counts.errors = errors.count;
  if (!(IMPORT_KINDS as readonly string[]).includes(preview.kind)) preview.kind = 'villages';
  return preview;
}

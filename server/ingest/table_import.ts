import type { ServicePoint, Village, Worker } from '../domain/index.ts';
import {
  REQUIRED_FIELDS,
  TABLE_KINDS,
  type ColumnMapping,
  type Crs,
  type DetectedEncoding,
  type EncodingChoice,
  type FieldMapping,
  type ImportWarning,
  type TableKind,
} from '../domain/import.ts';
import { distanceOutsideKm, type PolygonIndex } from '../engine/polygon_index.ts';
import type { Duplicate } from '../store/import_staging.ts';
import { toWgs84, type ShiftSample } from './crs.ts';
import { applyMapping, crsFromHeaders, detectHeader, proposeColumns } from './detect_columns.ts';
import type { ErrorLog } from './error_log.ts';
import { ImportFileError, REASONS, THINGS } from './reasons.ts';
import {
  parseCode,
  parseNumber,
  readServicePoint,
  readVillage,
  readWorker,
  serviceUnitIssues,
  villageUnitIssues,
  type Fields,
  type Issue,
} from './row_rules.ts';
import { readSample } from './sniff_file.ts';
import { readCsv, readXlsx, xlsxSheetNames, type TableChunk } from './table_reader.ts';
import { ENCODING_LABELS, resolveEncoding } from './text_encoding.ts';

/**
 * Reads one table file (villages, workers or service points; CSV or XLSX) row by row: finds the
 * header, maps columns to fields, converts positions to WGS84, checks every row against the
 * shared rules and the version being built, and hands the good rows to a sink (the staging
 * tables of an import, or a preview that keeps nothing). Every bad row goes to the error log.
 */

/** What the version being built already has, for the checks that look beyond the row. */
export interface ReferenceData {
  hasUnit: (code: string) => boolean;
  hasVillage: (code: string) => boolean;
  /** county areas, for "outside its county" (null: none to check against) */
  counties: PolygonIndex | null;
  /** areas for the shift check: townships when the version has them, else counties */
  areas: PolygonIndex | null;
  areaCodeLength: number;
  /** where the version being built has a village (WGS84), for the shift check without areas */
  villagePosition: (code: string) => [number, number] | null;
}

export interface TableSink {
  villages(rows: { row: number; value: Village }[]): Duplicate[];
  /** codes of village rows that were refused (so that checks do not also call them missing) */
  refusedVillages?(codes: string[]): void;
  workers(rows: { row: number; value: Worker }[]): Duplicate[];
  services(rows: { row: number; value: ServicePoint }[]): Duplicate[];
}

/** A village may lie this far outside its county polygon before it is refused: outlines are simplified to about 1 km. */
export const COUNTY_TOLERANCE_KM = 2;

export interface TableReadOptions {
  /** the kind, or undefined to detect it from the header (preview) */
  kind?: TableKind;
  /** the file inside a dataset, '' for a single file */
  file: string;
  format: 'csv' | 'xlsx';
  encoding: EncodingChoice;
  sheet?: string;
  headerRow?: number;
  mapping?: ColumnMapping;
  crs: Crs;
}

export interface TableReadControl {
  maxRecords?: number;
  stopped?: () => boolean;
  progress?: (rowsRead: number) => void;
  /** rows kept for a preview */
  sampleSize?: number;
}

export interface TableReadResult {
  kind: TableKind;
  kindCandidates: TableKind[];
  encoding: DetectedEncoding | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number | null;
  header: string[];
  fields: FieldMapping[];
  ignoredColumns: string[];
  crsFromHeader: Crs | null;
  rowsRead: number;
  rowsValid: number;
  sample: { row: number; values: Record<string, string> }[];
  warnings: ImportWarning[];
  /** reading stopped early (preview limit, too many errors, cancelled) */
  truncated: boolean;
}

/** Thrown when a file cannot be read further (its errors are already logged), with what was learnt of it. */
export class StopReading extends Error {
  constructor(readonly partial: Pick<TableReadResult, 'kind' | 'kindCandidates' | 'encoding' | 'sheets' | 'sheet' | 'headerRow' | 'header' | 'fields'>) {
    super('stopped reading');
  }
}

const HEADER_SCAN = 20;
const CATEGORY_FIELDS = ['left_behind', 'disabled', 'orphaned', 'difficult'];
/** Columns that hold personal data the dashboard never stores. */
const PERSONAL = /姓名|名字|电话|手机|身份证|联系方式|phone|mobile|idcard|id_card|fullname|^name_of/i;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function sampleValues(kind: TableKind, v: Village | Worker | ServicePoint): Record<string, string> {
  const s = (x: unknown) => (x === null || x === undefined ? '' : Array.isArray(x) ? x.join(' ') : String(x));
  if (kind === 'villages') {
    const x = v as Village;
    return {
      code: x.code, name: x.name, lon: s(x.lon), lat: s(x.lat), population: s(x.population), children: s(x.children),
      left_behind: s(x.leftBehind), disabled: s(x.disabled), orphaned: s(x.orphaned), difficult: s(x.difficult), covered_since: s(x.coveredSince),
    };
  }
  if (kind === 'workers') {
    const x = v as Worker;
    return { id: x.id, home_village: x.homeVillage, lon: s(x.lon), lat: s(x.lat), capacity: s(x.capacity), start_year: s(x.startYear), roster: s(x.roster) };
  }
  const x = v as ServicePoint;
  return { id: x.id, type: x.type, name: x.name, lon: s(x.lon), lat: s(x.lat), capacity: s(x.capacity), admin_code: x.adminCode };
}

export async function readTableInto(
  path: string,
  opts: TableReadOptions,
  refs: ReferenceData,
  sink: TableSink,
  errors: ErrorLog,
  shift: ShiftSample,
  control: TableReadControl = {},
): Promise<TableReadResult> {
  const { file, crs } = opts;
  const sheets = opts.format === 'xlsx' ? xlsxSheetNames(path) : [];
  let encoding: DetectedEncoding | null = null;
  if (opts.format === 'csv') encoding = resolveEncoding(opts.encoding, readSample(path));
  const sheet = opts.format === 'xlsx' ? (opts.sheet ?? sheets[0] ?? null) : null;
  if (opts.format === 'xlsx' && opts.sheet && !sheets.includes(opts.sheet)) throw new ImportFileError(REASONS.noSheet(opts.sheet), file);

  // set once the header is found
  let kind: TableKind = opts.kind ?? 'villages';
  let kindCandidates: TableKind[] = opts.kind ? [opts.kind] : [...TABLE_KINDS];
  let header: string[] = [];
  let headerRow: number | null = null;
  let fields: FieldMapping[] = [];
  let columnName: Record<string, string> = {};
  const warnings: ImportWarning[] = [];
  let ready = false;
  const pending: TableChunk = { records: [], rows: [] };
  let rowsRead = 0;
  let rowsValid = 0;
  let stopped = false;
  const sample: TableReadResult['sample'] = [];
  const sampleSize = control.sampleSize ?? 0;
  const checkEncoding = encoding !== null;
  const encodingLabel = encoding ? ENCODING_LABELS[encoding] : '';

  const log = (row: number | null, column: string, value: string | undefined, reason: Parameters<ErrorLog['add']>[4]) =>
    errors.add(file, row, columnName[column] ?? column, value, reason);

  function setup(): void {
    ready = true;
    let index: number;
    if (opts.headerRow !== undefined) {
      index = pending.rows.indexOf(opts.headerRow);
      if (index < 0) throw new ImportFileError(REASONS.noHeader(), file);
    } else {
      const guess = detectHeader(pending.records, opts.kind ? [opts.kind] : TABLE_KINDS, HEADER_SCAN);
      if (pending.records.length === 0 || pending.records.every(isBlank)) throw new ImportFileError(REASONS.emptyFile(), file);
      if (guess) {
        index = guess.index;
        kindCandidates = guess.proposals.map((p) => p.kind);
      } else if (opts.mapping && opts.kind) {
        // headers no one would recognise, mapped by the user: the first row that is not blank
        index = pending.records.findIndex((r) => !isBlank(r));
      } else throw new ImportFileError(REASONS.noHeader(), file);
    }
    header = pending.records[index].map((h) => h.trim());
    headerRow = pending.rows[index];
    kind = opts.kind ?? kindCandidates[0];
    fields = applyMapping(proposeColumns(kind, header).fields, opts.mapping);
    for (const f of Object.keys(opts.mapping ?? {}))
      if (!fields.some((m) => m.field === f)) errors.add(file, null, f, '', REASONS.unknownField(f));
    for (const m of fields) if (m.column !== null && m.column >= header.length) errors.add(file, null, m.field, '', REASONS.noSuchColumn(m.column));
    columnName = Object.fromEntries(fields.filter((m) => m.column !== null && m.column < header.length).map((m) => [m.field, header[m.column!] || m.field]));
    for (const m of fields) if (m.required && m.column === null) errors.add(file, null, m.field, '', REASONS.missingColumn(m.field));
    if (errors.count > 0) throw new StopReading({ kind, kindCandidates, encoding, sheets, sheet, headerRow, header, fields });
    const used = new Set(fields.map((m) => m.column));
    const ignored = header.filter((h, i) => !used.has(i) && h !== '');
    const personal = ignored.filter((h) => PERSONAL.test(h));
    if (personal.length)
      warnings.push({
        code: 'personalData',
        message: `Columns with personal data are not imported: ${personal.join(', ')}.`,
        messageZh: `含个人信息的列不会导入：${personal.join('、')}。`,
      });
    const other = ignored.filter((h) => !personal.includes(h));
    if (other.length)
      warnings.push({ code: 'ignoredColumns', message: `Columns not imported: ${other.join(', ')}.`, messageZh: `未导入的列：${other.join('、')}。` });
    const missing = fields.filter((m) => m.column === null && !REQUIRED_FIELDS[kind].includes(m.field) && !['township_code', 'county_code'].includes(m.field));
    for (const m of missing) {
      const [en, zh] =
        m.field === 'covered_since' ? ['no village counts as covered', '所有村按未覆盖计'] : m.field === 'roster' ? ['each worker has their home village only', '每位儿童主任只负责所在村'] : ['read as 0', '按 0 计'];
      warnings.push({ code: 'missingOptional', message: `No column for ${m.field}: ${en}.`, messageZh: `没有 ${m.field} 列：${zh}。` });
    }
    const records = pending.records.slice(index + 1);
    const rows = pending.rows.slice(index + 1);
    pending.records = [];
    pending.rows = [];
    processChunk({ records, rows });
  }

  const fieldsOf = (cells: string[]): Fields => {
    const f: Fields = {};
    for (const m of fields) if (m.column !== null) f[m.field] = cells[m.column] ?? '';
    if (kind === 'villages') for (const c of CATEGORY_FIELDS) if (f[c] === undefined) f[c] = '0';
    return f;
  };

  /** Converts the position to WGS84 in place; returns it as written in the file. */
  const convert = (f: Fields): [number, number] => {
    const lon = parseNumber(f.lon);
    const lat = parseNumber(f.lat);
    if (crs !== 'wgs84' && Number.isFinite(lon) && Number.isFinite(lat)) {
      const [x, y] = toWgs84(lon, lat, crs);
      f.lon = String(x);
      f.lat = String(y);
    }
    return [lon, lat];
  };

  const logIssues = (row: number, issues: Issue[], f: Fields, written: [string | undefined, string | undefined]) => {
    for (const issue of issues) {
      const value = issue.column === 'lon' || issue.column === 'lat' ? `${written[0] ?? ''}, ${written[1] ?? ''}` : f[issue.column];
      log(row, issue.column, value, issue.reason);
    }
  };

  const areaOf = (code: string) => (refs.areas && code.length >= refs.areaCodeLength ? (refs.areas.index.get(code.slice(0, refs.areaCodeLength)) ?? -1) : -1);

  function processChunk(chunk: TableChunk): void {
    const villages: { row: number; value: Village }[] = [];
    const workers: { row: number; value: Worker }[] = [];
    const services: { row: number; value: ServicePoint }[] = [];
    const refused: string[] = [];
    for (let k = 0; k < chunk.records.length; k++) {
      const cells = chunk.records[k];
      const row = chunk.rows[k];
      if (isBlank(cells)) continue;
      rowsRead++;
      const f = fieldsOf(cells);
      if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
        log(row, '', cells.slice(header.length).join(','), REASONS.fieldCount(header.length, cells.length));
        if (kind === 'villages') refused.push(parseCode(f.code));
        continue;
      }
      if (checkEncoding) {
        const bad = Object.keys(f).find((c) => f[c]!.includes('\uFFFD'));
        if (bad) {
          log(row, bad, f[bad], REASONS.badEncoding(encodingLabel));
          if (kind === 'villages') refused.push(parseCode(f.code));
          continue;
        }
      }
      const written: [string | undefined, string | undefined] = [f.lon, f.lat];
      const [rawLon, rawLat] = convert(f);
      if (kind === 'villages') {
        const r = readVillage(f);
        if (!r.value) {
          logIssues(row, r.issues, f, written);
          refused.push(parseCode(f.code));
          continue;
        }
        const v = r.value;
        const issues = villageUnitIssues(v.code, refs.hasUnit);
        const county = refs.counties?.index.get(v.code.slice(0, 6));
        if (county !== undefined) {
          const km = distanceOutsideKm(refs.counties!, county, v.lon, v.lat);
          if (km > COUNTY_TOLERANCE_KM) issues.push({ column: 'lon', reason: REASONS.outsideCounty(Math.round(km * 10) / 10, v.code.slice(0, 6)) });
        }
        if (issues.length) {
          logIssues(row, issues, f, written);
          refused.push(v.code);
          continue;
        }
        villages.push({ row, value: v });
        const ref = shift.full ? null : refs.villagePosition(v.code);
        shift.add(rawLon, rawLat, areaOf(v.code), ref?.[0], ref?.[1]);
      } else if (kind === 'workers') {
        const r = readWorker(f);
        if (!r.value) {
          logIssues(row, r.issues, f, written);
          continue;
        }
        workers.push({ row, value: r.value });
        const ref = shift.full ? null : refs.villagePosition(r.value.homeVillage);
        shift.add(rawLon, rawLat, areaOf(r.value.homeVillage), ref?.[0], ref?.[1]);
      } else {
        const r = readServicePoint(f);
        if (!r.value) {
          logIssues(row, r.issues, f, written);
          continue;
        }
        const s = r.value;
        const issues = serviceUnitIssues(s.adminCode, (code) => (code.length === 12 ? refs.hasVillage(code) : refs.hasUnit(code)));
        if (issues.length) {
          logIssues(row, issues, f, written);
          continue;
        }
        services.push({ row, value: s });
        shift.add(rawLon, rawLat, areaOf(s.adminCode));
      }
    }
    if (refused.length) sink.refusedVillages?.(refused);
    const dups = kind === 'villages' ? sink.villages(villages) : kind === 'workers' ? sink.workers(workers) : sink.services(services);
    const valid = kind === 'villages' ? villages : kind === 'workers' ? workers : services;
    rowsValid += valid.length - dups.length;
    const thing = kind === 'villages' ? THINGS.village : kind === 'workers' ? THINGS.worker : THINGS.service;
    const keyColumn = kind === 'villages' ? 'code' : 'id';
    for (const d of dups) log(d.row, keyColumn, d.key, REASONS.duplicate(thing, d.key, d.firstRow));
    if (sample.length < sampleSize) {
      const dupRows = new Set(dups.map((d) => d.row));
      for (const { row, value } of valid as { row: number; value: Village | Worker | ServicePoint }[]) {
        if (sample.length >= sampleSize) break;
        if (!dupRows.has(row)) sample.push({ row, values: sampleValues(kind, value) });
      }
    }
    control.progress?.(rowsRead);
    if (errors.full) {
      stopped = true;
      errors.add(file, null, '', '', REASONS.tooManyErrors(errors.max));
    }
  }

  const onChunk = (chunk: TableChunk) => {
    if (stopped) return;
    if (!ready) {
      pending.records.push(...chunk.records);
      pending.rows.push(...chunk.rows);
      if (pending.records.length >= HEADER_SCAN) setup();
      return;
    }
    processChunk(chunk);
  };
  const readControl = { maxRecords: control.maxRecords, stopped: () => stopped || (control.stopped?.() ?? false) };
  const read =
    opts.format === 'csv' ? await readCsv(path, encoding!, onChunk, readControl) : await readXlsx(path, sheet, onChunk, readControl);
  if (!ready) setup();
  for (const p of read.problems) log(p.row, '', '', REASONS.badQuotes(p.detail));
  return {
    kind,
    kindCandidates,
    encoding,
    sheets,
    sheet,
    headerRow,
    header,
    fields,
    ignoredColumns: header.filter((h, i) => h !== '' && !fields.some((m) => m.column === i)),
    crsFromHeader: crsFromHeaders(header),
    rowsRead,
    rowsValid,
    sample,
    warnings,
    truncated: read.truncated || stopped,
  };
}

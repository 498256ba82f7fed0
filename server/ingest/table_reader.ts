import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { DetectedEncoding } from '../domain/import.ts';
import { ImportFileError, REASONS } from './reasons.ts';
import { decoderStream } from './text_encoding.ts';
import { listZip, readZipEntry } from './zip.ts';

/**
 * Streams the records of a table (CSV in any of the encodings, or one sheet of an XLSX) to a
 * callback, a chunk at a time, without holding the file in memory. Records are arrays of cell
 * text; row numbers are as a spreadsheet shows them (1-based, the header row included).
 */
export interface TableChunk {
  records: string[][];
  /** the row number of each record */
  rows: number[];
}

export interface ReadControl {
  /** stop after this many records (a preview) */
  maxRecords?: number;
  /** checked between chunks: true stops reading */
  stopped?: () => boolean;
}

/** A record with a problem that belongs to no field (unbalanced quotes). */
export interface RecordProblem {
  row: number;
  detail: string;
}

export interface TableReadResult {
  records: number;
  problems: RecordProblem[];
  /** whether reading stopped before the end (maxRecords or stopped) */
  truncated: boolean;
}

export type ChunkHandler = (chunk: TableChunk) => void;

export function readCsv(path: string, encoding: DetectedEncoding, onChunk: ChunkHandler, control: ReadControl = {}): Promise<TableReadResult> {
  return new Promise((resolve, reject) => {
    const source = createReadStream(path, { highWaterMark: 1 << 20 });
    const text = source.pipe(decoderStream(encoding));
    let records = 0;
    let truncated = false;
    let failed = false;
    const problems: RecordProblem[] = [];
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      source.destroy();
      reject(err);
    };
    source.on('error', fail);
    text.on('error', fail);
    // papaparse reads Node streams chunk by chunk; its chunk callback is the fast path (an async
    // iterator over rows costs twenty times more)
    Papa.parse<string[], Papa.LocalFile>(text, {
      skipEmptyLines: false,
      chunk: (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        if (failed) return parser.abort();
        try {
          let data = result.data;
          const first = records + 1;
          if (control.maxRecords !== undefined && records + data.length >= control.maxRecords) {
            data = data.slice(0, control.maxRecords - records);
            truncated = true;
          }
          for (const e of result.errors)
            if (e.type === 'Quotes' && problems.length < 1000) problems.push({ row: first + (e.row ?? 0), detail: e.message });
          records += data.length;
          onChunk({ records: data, rows: Array.from(data, (_, i) => first + i) });
          if (truncated || control.stopped?.()) {
            truncated = true;
            parser.abort();
            source.destroy();
          }
        } catch (err) {
          parser.abort();
          fail(err);
        }
      },
      complete: () => {
        if (!failed) resolve({ records, problems, truncated });
      },
      error: (err: Error) => fail(new ImportFileError(REASONS.unreadable(err.message))),
    } as unknown as Papa.ParseLocalConfig<string[], Papa.LocalFile>);
  });
}

/** The sheet names of a workbook, in order, from xl/workbook.xml (no sheet is read). */
export function xlsxSheetNames(path: string): string[] {
  const entry = listZip(path).find((e) => e.name === 'xl/workbook.xml');
  if (!entry) throw new ImportFileError(REASONS.unreadable('no xl/workbook.xml'));
  const xml = readZipEntry(path, entry, 50 << 20).toString('utf8');
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** A cell's value as the text it shows: numbers in full, formulas by their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

const CHUNK = 2000;

/** Streams one sheet (by name, or the first) of an XLSX workbook. */
export async function readXlsx(path: string, sheet: string | null, onChunk: ChunkHandler, control: ReadControl = {}): Promise<TableReadResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let records = 0;
  let truncated = false;
  let found = false;
  let pending: TableChunk = { records: [], rows: [] };
  // errors of the handler are the caller's, not a sign of a damaged file
  let handlerError: unknown = null;
  const flush = () => {
    const chunk = pending;
    pending = { records: [], rows: [] };
    if (!chunk.records.length) return;
    try {
      onChunk(chunk);
    } catch (err) {
      handlerError = err;
      throw err;
    }
  };
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name?: string };
      if (found || (sheet !== null && ws.name !== sheet)) continue;
      found = true;
      for await (const row of ws) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        // values is 1-based and sparse
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        pending.records.push(cells);
        pending.rows.push(row.number);
        records++;
        if (control.maxRecords !== undefined && records >= control.maxRecords) {
          truncated = true;
          break;
        }
        if (pending.records.length >= CHUNK) {
          flush();
          if (control.stopped?.()) {
            truncated = true;
            break;
          }
        }
      }
      flush();
      if (truncated) break;
    }
  } catch (err) {
    if (err === handlerError || err instanceof ImportFileError) throw err;
    throw new ImportFileError(REASONS.unreadable(err instanceof Error ? err.message : String(err)));
  }
  if (!found) throw new ImportFileError(sheet === null ? REASONS.emptyFile() : REASONS.noSheet(sheet));
  return { records, problems: [], truncated };
}

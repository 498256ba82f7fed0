import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { FileFormat } from '../domain/import.ts';
import { ImportFileError, REASONS } from './reasons.ts';
import { detectEncoding, looksBinary } from './text_encoding.ts';
import { listZip, ZipError, type ZipEntry } from './zip.ts';

/** How much of a file is read to tell what it is and which encoding it is in. */
export const SAMPLE_BYTES = 1 << 20;

export interface SniffedFile {
  format: FileFormat;
  size: number;
  /** the first SAMPLE_BYTES */
  sample: Buffer;
  /** the entries of a zip archive (XLSX, zipped shapefile or dataset) */
  zipEntries: ZipEntry[];
}

export function readSample(path: string, bytes = SAMPLE_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const isDatasetEntry = (name: string) => /(^|\/)(manifest\.json|villages\.csv|admin_units\.csv)$/.test(name);

/**
 * What a file is, from its first bytes (and, for a zip archive, the names inside it), not from
 * its name alone: files exported on other machines are often misnamed. `name` breaks ties.
 */
export function sniffFile(path: string, name: string): SniffedFile {
  if (statSync(path).isDirectory()) return { format: 'dataset', size: 0, sample: Buffer.alloc(0), zipEntries: [] };
  const size = statSync(path).size;
  if (size === 0) throw new ImportFileError(REASONS.emptyFile());
  const sample = readSample(path);
  const base = { size, sample, zipEntries: [] as ZipEntry[] };
  if (sample[0] === 0xd0 && sample[1] === 0xcf && sample[2] === 0x11 && sample[3] === 0xe0) throw new ImportFileError(REASONS.oldExcel());
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
    let entries: ZipEntry[];
    try {
      entries = listZip(path);
    } catch (err) {
      if (err instanceof ZipError) throw new ImportFileError(REASONS.unreadable(err.message));
      throw err;
    }
    const names = entries.map((e) => e.name.toLowerCase());
    if (names.includes('xl/workbook.xml')) return { ...base, format: 'xlsx', zipEntries: entries };
    if (names.some(isDatasetEntry)) return { ...base, format: 'dataset', zipEntries: entries };
    if (names.some((n) => n.endsWith('.shp'))) return { ...base, format: 'shapefile', zipEntries: entries };
    if (names.some((n) => /\.(geo|topo)?json$/.test(n))) return { ...base, format: 'geojson', zipEntries: entries };
    throw new ImportFileError(REASONS.notText());
  }
  const encoding = detectEncoding(sample);
  if (looksBinary(sample, encoding)) throw new ImportFileError(REASONS.notText());
  const head = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be')
    .decode(sample.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  const ext = extname(name).toLowerCase();
  if (head.startsWith('{') || ['.geojson', '.topojson', '.json'].includes(ext)) {
    return { ...base, format: /"type"\s*:\s*"Topology"/.test(head) || ext === '.topojson' ? 'topojson' : 'geojson' };
  }
  if (ext === '.xls') throw new ImportFileError(REASONS.oldExcel());
  return { ...base, format: 'csv' };
}

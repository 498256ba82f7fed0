import { closeSync, openSync, writeSync } from 'node:fs';
import type { ImportRowError } from '../domain/import.ts';
import type { Reason } from './reasons.ts';

/** Most errors an import collects before it stops reading: enough to see every pattern of mistake. */
export const MAX_ERRORS = 100_000;
/** Errors kept in memory for the status and the preview; the rest are only in the CSV file. */
export const KEPT_ERRORS = 200;
/** A cell's text as quoted in an error, cut short when it is junk. */
const MAX_VALUE = 200;

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const ERROR_CSV_HEADER = 'file,row,column,value,reason,reason_zh';

export function errorCsvLine(e: ImportRowError, withChinese = true): string {
  const fields = [e.file, e.row === null ? '' : String(e.row), e.column, e.value, e.reason];
  return (withChinese ? [...fields, e.reasonZh] : fields).map(csvField).join(',');
}

/**
 * Every row error of one import: counted, the first ones kept for the status, and all of them
 * written to a CSV file as they come (so a file with a million bad rows does not fill memory).
 * The CSV starts with a byte-order mark so that Excel opens it as UTF-8.
 */
export class ErrorLog {
  count = 0;
  readonly first: ImportRowError[] = [];
  private fd: number | null = null;
  private buffer: string[] = [];

  constructor(
    readonly csvPath: string | null,
    readonly max = MAX_ERRORS,
  ) {
    if (csvPath) {
      this.fd = openSync(csvPath, 'w');
      writeSync(this.fd, '\uFEFF' + ERROR_CSV_HEADER + '\n');
    }
  }

  /** Whether the import should stop reading: too many errors to be worth more. */
  get full(): boolean {
    return this.count >= this.max;
  }

  add(file: string, row: number | null, column: string, value: string | undefined, reason: Reason): void {
    if (this.full) return;
    const text = value ?? '';
    const e: ImportRowError = {
      file,
      row,
      column,
      value: text.length > MAX_VALUE ? text.slice(0, MAX_VALUE) + '…' : text,
      reason: reason.en,
      reasonZh: reason.zh,
    };
    this.count++;
    if (this.first.length < KEPT_ERRORS) this.first.push(e);
    if (this.fd !== null) {
      this.buffer.push(errorCsvLine(e));
      if (this.buffer.length >= 1000) this.flush();
    }
  }

  flush(): void {
    if (this.fd !== null && this.buffer.length) {
      writeSync(this.fd, this.buffer.join('\n') + '\n');
      this.buffer = [];
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { ImportStatus } from '../domain/import.ts';
import type { Db } from '../store/db.ts';
import type { ImportWorkerData, ImportWorkerMessage } from './import_worker.ts';
import { runImport, type ImportOutcome, type ImportProgress, type ImportRequest } from './run_import.ts';

/**
 * Uploaded files and the imports running on them, per database. An import runs off the request
 * that starts it: on a worker thread with its own connection when the database is a file, in
 * this thread (between chunks) when it is in memory (tests). One import at a time: two would
 * both build on the same current version.
 */
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;
/** Uploads not imported are removed after a day. */
const UPLOAD_TTL_MS = 24 * 3600 * 1000;
const KEPT_JOBS = 50;

export class UploadTooLarge extends Error {}
export class ImportBusy extends Error {}

interface UploadMeta {
  name: string;
  size: number;
  at: string;
}

interface Job {
  status: ImportStatus;
  started: number;
  uploadId: string | null;
  cancel: Int32Array;
  done: Promise<void>;
}

export class ImportJobs {
  readonly root: string;
  private readonly jobs = new Map<string, Job>();
  /** called after an import writes a new version */
  onWritten: ((datasetId: number) => void) | null = null;

  constructor(private readonly db: Db) {
    // DATA_DIR for a database file, a temporary folder for one in memory
    this.root = db.memory || db.name === ':memory:' ? mkdtempSync(join(tmpdir(), 'coverage-imports-')) : dirname(db.name);
    mkdirSync(this.uploadsDir, { recursive: true });
    mkdirSync(this.jobsDir, { recursive: true });
    this.removeOldUploads();
  }

  get uploadsDir(): string {
    return join(this.root, 'uploads');
  }

  get jobsDir(): string {
    return join(this.root, 'imports');
  }

  /** Streams a request body to a file under DATA_DIR/uploads; over `limit` bytes it stops and removes it. */
  async saveUpload(body: Readable, name: string, limit = MAX_UPLOAD_BYTES): Promise<{ uploadId: string; name: string; size: number }> {
    const uploadId = randomUUID();
    const path = join(this.uploadsDir, uploadId);
    const out = createWriteStream(path);
    let size = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            // the route answers 413 and closes the connection; nothing more is written
            body.unpipe(out);
            reject(new UploadTooLarge(`larger than ${limit} bytes`));
          }
        });
        body.on('error', reject);
        body.on('aborted', () => reject(new Error('upload aborted')));
        out.on('error', reject);
        out.on('finish', resolve);
        body.pipe(out);
      });
    } catch (err) {
      out.destroy();
      rmSync(path, { force: true });
      throw err;
    }
    const meta: UploadMeta = { name: basename(name) || 'upload', size, at: new Date().toISOString() };
    writeFileSync(`${path}.json`, JSON.stringify(meta));
    return { uploadId, name: meta.name, size };
  }

  /** An uploaded file, or null when there is no such upload. */
  upload(uploadId: string): { path: string; name: string; size: number } | null {
    const path = join(this.uploadsDir, uploadId);
    if (!/^[0-9a-f-]{36}$/.test(uploadId) || !existsSync(path) || !existsSync(`${path}.json`)) return null;
    const meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as UploadMeta;
    return { path, name: meta.name, size: meta.size };
  }

  /** Uploads older than a day and the error lists of imports older than a week go. */
  private removeOldUploads(): void {
    const now = Date.now();
    for (const [dir, ttl] of [[this.uploadsDir, UPLOAD_TTL_MS], [this.jobsDir, 7 * UPLOAD_TTL_MS]] as const)
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (now - statSync(p).mtimeMs > ttl) rmSync(p, { recursive: true, force: true });
      }
  }

  running(): ImportStatus | null {
    for (const j of this.jobs.values()) if (!['done', 'failed', 'cancelled'].includes(j.status.phase)) return this.snapshot(j);
    return null;
  }

  /** Starts an import and returns at once; ImportBusy when one is running. */
  start(request: ImportRequest, uploadId: string | null): ImportStatus {
    if (this.running()) throw new ImportBusy('another import is running');
    const id = randomUUID();
    const dir = join(this.jobsDir, id);
    mkdirSync(dir, { recursive: true });
    const status: ImportStatus = {
      id,
      kind: request.kind,
      fileName: request.fileName,
      dryRun: request.dryRun ?? false,
      phase: 'queued',
      rowsRead: 0,
      rowsWritten: 0,
      errorCount: 0,
      errors: [],
      warnings: [],
      datasetId: null,
      version: null,
      message: null,
      startedAt: new Date().toISOString(),
      elapsedMs: 0,
    };
    const job: Job = { status, started: Date.now(), uploadId, cancel: new Int32Array(new SharedArrayBuffer(4)), done: Promise.resolve() };
    this.jobs.set(id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(old);
    const onProgress = (p: ImportProgress) => Object.assign(status, p);
    const onDone = (o: ImportOutcome) => this.finish(job, o, dir);
    const errorCsvPath = join(dir, 'errors.csv');
    if (this.db.memory || this.db.name === ':memory:') {
      job.done = runImport(this.db, request, { workDir: dir, errorCsvPath, progress: onProgress, stopped: () => job.cancel[0] === 1 }).then(onDone, (err: unknown) =>
        this.fail(job, err),
      );
    } else {
      const data: ImportWorkerData = { dbFile: this.db.name, request, errorCsvPath, workDir: dir, cancel: job.cancel.buffer as SharedArrayBuffer };
      const worker = new Worker(new URL('./import_worker.mjs', import.meta.url), { workerData: data });
      job.done = new Promise((resolve) => {
        let finished = false;
        worker.on('message', (m: ImportWorkerMessage) => {
          if (m.type === 'progress') onProgress(m.progress);
          else {
            finished = true;
            onDone(m.outcome);
          }
        });
        worker.on('error', (err) => {
          finished = true;
          this.fail(job, err);
        });
        worker.on('exit', (code) => {
          if (!finished) this.fail(job, new Error(`the import worker stopped (exit code ${code})`));
          resolve();
        });
      });
    }
    return this.snapshot(job);
  }

  private finish(job: Job, o: ImportOutcome, dir: string): void {
    Object.assign(job.status, {
      phase: o.phase,
      rowsRead: o.rowsRead,
      rowsWritten: o.rowsWritten,
      errorCount: o.errorCount,
      errors: o.errors,
      warnings: o.warnings,
      datasetId: o.datasetId,
      version: o.version,
      message: o.message,
    });
    job.status.elapsedMs = Date.now() - job.started;
    if (o.datasetId !== null) {
      // the file is in the new version now; keep failed uploads so the user can try again
      if (job.uploadId) for (const p of [join(this.uploadsDir, job.uploadId), join(this.uploadsDir, `${job.uploadId}.json`)]) rmSync(p, { force: true });
      this.onWritten?.(o.datasetId);
    }
    rmSync(join(dir, 'dataset'), { recursive: true, force: true });
  }

  private fail(job: Job, err: unknown): void {
    Object.assign(job.status, { phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    job.status.elapsedMs = Date.now() - job.started;
  }

  private snapshot(job: Job): ImportStatus {
    const done = ['done', 'failed', 'cancelled'].includes(job.status.phase);
    return { ...job.status, elapsedMs: done ? job.status.elapsedMs : Date.now() - job.started };
  }

  status(id: string): ImportStatus | null {
    const job = this.jobs.get(id);
    return job ? this.snapshot(job) : null;
  }

  recent(): ImportStatus[] {
    return [...this.jobs.values()].reverse().map((j) => this.snapshot(j));
  }

  /** Asks a running import to stop; it rolls back whatever it had staged or written. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || ['done', 'failed', 'cancelled'].includes(job.status.phase)) return false;
    Atomics.store(job.cancel, 0, 1);
    return true;
  }

  /** Waits for an import to end (tests, CLI). */
  async settled(id: string): Promise<ImportStatus | null> {
    const job = this.jobs.get(id);
    if (!job) return null;
    await job.done;
    return this.snapshot(job);
  }

  /** The full error list of an import as CSV, or null. */
  errorsCsv(id: string): string | null {
    const path = join(this.jobsDir, id, 'errors.csv');
    return this.jobs.has(id) && existsSync(path) ? path : null;
  }
}

const registry = new WeakMap<Db, ImportJobs>();

/** The import jobs of a database, created on first use. */
export function importJobsFor(db: Db): ImportJobs {
  let jobs = registry.get(db);
  if (!jobs) {
    jobs = new ImportJobs(db);
    registry.set(db, jobs);
  }
  return jobs;
}

import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { importIdSchema } from '../domain/import.ts';
import { importJobsFor, MAX_UPLOAD_BYTES, UploadTooLarge } from '../ingest/import_jobs.ts';
import { writeZip } from '../ingest/zip.ts';
import { exportDatasetFiles } from '../store/export_dataset.ts';
import type { AppContext } from '../trpc/context.ts';

/**
 * The /api side of imports: the raw upload (a file is not JSON, and may be 500 MB), the full
 * error list of an import as CSV, and a version as a zip in the import format. The route table
 * in api_routes.ts gives each its path and role.
 */
export type ImportReply = { status: number; message: string } | { type: string; body: string | Uint8Array; filename?: string };

export const uploadQuery = z.object({ name: z.string().min(1).max(255).default('upload') });
export const errorsQuery = z.object({});

/** POST /api/imports/upload?name=FILE with the file as the body: streamed to DATA_DIR/uploads. */
export async function receiveUpload(req: IncomingMessage, query: z.output<typeof uploadQuery>, ctx: AppContext): Promise<ImportReply> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = (): ImportReply => {
    // the rest of the body is not read: the connection closes after the answer
    ctx.http?.setHeader('connection', 'close');
    return { status: 413, message: `the file is too large: the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` };
  };
  if (declared > MAX_UPLOAD_BYTES) return tooLarge();
  try {
    const saved = await importJobsFor(ctx.db).saveUpload(req, query.name);
    if (saved.size === 0) return { status: 400, message: 'the file is empty' };
    return { type: 'application/json', body: JSON.stringify(saved) };
  } catch (err) {
    if (err instanceof UploadTooLarge) return tooLarge();
    throw err;
  }
}

/** GET /api/imports/:id/errors.csv: every row error of an import (file, row, column, value, reason). */
export async function errorsCsv(match: RegExpMatchArray, ctx: AppContext): Promise<ImportReply> {
  const id = importIdSchema.safeParse(match[1]);
  const path = id.success ? importJobsFor(ctx.db).errorsCsv(id.data) : null;
  if (!path) return { status: 404, message: `no import ${match[1]}` };
  return { type: 'text/csv; charset=utf-8', body: readFileSync(path), filename: `import-errors-${match[1].slice(0, 8)}.csv` };
}

/** GET /api/exports/dataset.zip?dataset=ID: a version in the import format. */
export function datasetZip(datasetId: number, version: number, ctx: AppContext): ImportReply {
  const files = exportDatasetFiles(ctx.db, datasetId);
  return { type: 'application/zip', body: writeZip(files), filename: `dataset-v${version}.zip` };
}

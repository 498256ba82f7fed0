import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { commitInputSchema, importIdSchema, previewInputSchema } from '../../domain/import.ts';
import { ImportBusy, importJobsFor } from '../../ingest/import_jobs.ts';
import { previewImport } from '../../ingest/preview.ts';
import { plannerProcedure, router } from '../trpc.ts';

/**
 * Importing a programme office's own files: preview what an uploaded file holds (writing
 * nothing), commit it as a new dataset version (runs off the request; poll `status`), cancel.
 * Uploads come in through POST /api/imports/upload.
 */
function uploaded(ctx: { db: Parameters<typeof importJobsFor>[0] }, uploadId: string) {
  const upload = importJobsFor(ctx.db).upload(uploadId);
  if (!upload) throw new TRPCError({ code: 'NOT_FOUND', message: `no upload ${uploadId}: upload the file again` });
  return upload;
}

export const importsRouter = router({
  /** Format, encoding, sheet, header, proposed mapping, coordinate system, the first rows and errors. */
  preview: plannerProcedure.input(previewInputSchema).query(({ ctx, input }) => {
    const { uploadId, ...options } = input;
    const upload = uploaded(ctx, uploadId);
    return previewImport(ctx.db, upload.path, upload.name, options);
  }),

  /** Starts the import the user confirmed (mapping and coordinate system); returns its status at once. */
  commit: plannerProcedure.input(commitInputSchema).mutation(({ ctx, input }) => {
    const { uploadId, dryRun, ...options } = input;
    const upload = uploaded(ctx, uploadId);
    try {
      const status = importJobsFor(ctx.db).start({ path: upload.path, fileName: upload.name, dryRun, ...options }, uploadId);
      ctx.audit.after = { importId: status.id, file: upload.name, size: upload.size };
      return status;
    } catch (err) {
      if (err instanceof ImportBusy) throw new TRPCError({ code: 'CONFLICT', message: 'another import is running: wait for it to finish' });
      throw err;
    }
  }),

  /** Where an import is: rows read, errors so far, phase; at the end the new version or the errors. */
  status: plannerProcedure.input(z.object({ id: importIdSchema })).query(({ ctx, input }) => {
    const status = importJobsFor(ctx.db).status(input.id);
    if (!status) throw new TRPCError({ code: 'NOT_FOUND', message: `no import ${input.id}` });
    return status;
  }),

  /** Imports since the server started, newest first (the running one included). */
  recent: plannerProcedure.query(({ ctx }) => importJobsFor(ctx.db).recent()),

  /** Stops a running import; nothing of it is written. */
  cancel: plannerProcedure.input(z.object({ id: importIdSchema })).mutation(({ ctx, input }) => ({ cancelled: importJobsFor(ctx.db).cancel(input.id) })),
});

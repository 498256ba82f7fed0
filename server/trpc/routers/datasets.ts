import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { datasetIdSchema } from '../../domain/index.ts';
import { listVersions, restoreVersion } from '../../store/dataset_versions.ts';
import { currentDatasetId, getDataset, listDatasets } from '../../store/datasets.ts';
import { plannerProcedure, viewerProcedure, router } from '../trpc.ts';

export const datasetsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listDatasets(ctx.db)),

  /** The version the dashboard shows (the last one loaded, imported or restored); null when there is none. */
  current: viewerProcedure.query(({ ctx }) => {
    const id = currentDatasetId(ctx.db);
    return id === null ? null : getDataset(ctx.db, id);
  }),

  /** Every version, newest first, with row counts, what made it, and which is current. */
  versions: plannerProcedure.query(({ ctx }) => listVersions(ctx.db)),

  /** Makes an older version current again; nothing is copied or deleted. */
  restore: plannerProcedure.input(z.object({ datasetId: datasetIdSchema })).mutation(({ ctx, input }) => {
    ctx.audit.before = { current: currentDatasetId(ctx.db) };
    if (!restoreVersion(ctx.db, input.datasetId)) throw new TRPCError({ code: 'NOT_FOUND', message: `no dataset version ${input.datasetId}` });
    ctx.audit.after = { current: input.datasetId };
    return listVersions(ctx.db);
  }),
});

import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { datasetIdSchema, villageCodeSchema, type Village } from '../../domain/index.ts';
import { resolveDataset } from '../resolve_dataset.ts';
import { villageRecord } from '../../results/village_record.ts';
import { plannerProcedure, router } from '../trpc.ts';

export const villagesRouter = router({
  byCode: plannerProcedure
    .input(z.object({ datasetId: datasetIdSchema.optional(), code: villageCodeSchema }))
    .query(({ ctx, input }): Village & { workerIds: string[] } => {
      const { columns } = resolveDataset(ctx, input.datasetId);
      const { villages: v, workers: w } = columns;
      const i = v.index.get(input.code);
      if (i === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `no village ${input.code} in this dataset` });
      const workerIds: string[] = [];
      for (let k = 0; k < w.count; k++) {
        for (let r = w.rosterStart[k]; r < w.rosterStart[k + 1]; r++) if (w.rosterVillage[r] === i) workerIds.push(w.id[k]);
      }
      return { ...villageRecord(v, i), workerIds };
    }),
});

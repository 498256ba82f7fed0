import { TRPCError } from '@trpc/server';
import { currentDatasetId, getDataset } from '../store/datasets.ts';
import type { AppContext } from './context.ts';

/** The dataset a request names, or the current one; NOT_FOUND when there is none. */
export function resolveDataset(ctx: AppContext, datasetId: number | undefined) {
  const id = datasetId ?? currentDatasetId(ctx.db);
  const dataset = id === null ? null : getDataset(ctx.db, id);
  if (!dataset) throw new TRPCError({ code: 'NOT_FOUND', message: `no dataset ${datasetId ?? '(none loaded)'}` });
  return { dataset, ...ctx.datasets.get(dataset.id) };
}

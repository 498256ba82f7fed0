import { TRPCError } from '@trpc/server';
import { currentDatasetId, getDataset } from '../store/datasets.ts';
import type { AppContext } from './context.ts';
import type { WorkerParams } from '../engine/assign_workers.ts';

/** The dataset a request names, or the current one; NOT_FOUND when there is none. */
export function resolveDataset(ctx: AppContext, datasetId: number | undefined) {
  const id = datasetId ?? currentDatasetId(ctx.db);
  const dataset = id === null ? null : getDataset(ctx.db, id);
  if (!dataset) throw new TRPCError({ code: 'NOT_FOUND', message: `no dataset ${datasetId ?? '(none loaded)'}` });
  return { dataset, ...ctx.datasets.get(dataset.id) };
}

/** The dataset with its analyses for these parameters computed (both threads), ready to read. */
export async function resolveAnalysis(ctx: AppContext, datasetId: number | undefined, params: WorkerParams) {
  const loaded = resolveDataset(ctx, datasetId);
  await loaded.analysis.prepare(params);
  return loaded;
}

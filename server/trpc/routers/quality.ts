import { qualityInputSchema } from '../../domain/import.ts';
import { qualityLayer } from '../../results/data_quality.ts';
import { resolveDataset } from '../resolve_dataset.ts';
import { plannerProcedure, router } from '../trpc.ts';

export const qualityRouter = router({
  /**
   * Villages outside their township or county, on the same spot as another, or with no people;
   * workers farther than `workerFarKm` from a roster village. Only the flagged ones.
   */
  flags: plannerProcedure.input(qualityInputSchema).query(({ ctx, input }) => {
    const { columns } = resolveDataset(ctx, input.datasetId);
    return qualityLayer(ctx.db, columns, input.workerFarKm);
  }),
});

import { listDatasets } from '../../store/datasets.ts';
import { publicProcedure, router } from '../trpc.ts';

export const datasetsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDatasets(ctx.db)),
});

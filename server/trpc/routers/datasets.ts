import { listDatasets } from '../../store/datasets.ts';
import { viewerProcedure, router } from '../trpc.ts';

export const datasetsRouter = router({
  list: viewerProcedure.query(({ ctx }) => listDatasets(ctx.db)),
});

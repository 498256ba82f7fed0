import { router } from '../trpc.ts';
import { analysisRouter } from './analysis.ts';
import { datasetsRouter } from './datasets.ts';
import { unitsRouter } from './units.ts';
import { villagesRouter } from './villages.ts';

export const appRouter = router({
  analysis: analysisRouter,
  datasets: datasetsRouter,
  units: unitsRouter,
  villages: villagesRouter,
});

export type AppRouter = typeof appRouter;

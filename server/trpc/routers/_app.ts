import { router } from '../trpc.ts';
import { analysisRouter } from './analysis.ts';
import { auditRouter } from './audit.ts';
import { authRouter } from './auth.ts';
import { datasetsRouter } from './datasets.ts';
import { importsRouter } from './imports.ts';
import { qualityRouter } from './quality.ts';
import { unitsRouter } from './units.ts';
import { usersRouter } from './users.ts';
import { villagesRouter } from './villages.ts';

export const appRouter = router({
  analysis: analysisRouter,
  audit: auditRouter,
  auth: authRouter,
  datasets: datasetsRouter,
  imports: importsRouter,
  quality: qualityRouter,
  units: unitsRouter,
  users: usersRouter,
  villages: villagesRouter,
});

export type AppRouter = typeof appRouter;

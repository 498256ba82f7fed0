import { router } from '../trpc.ts';
import { analysisRouter } from './analysis.ts';
import { auditRouter } from './audit.ts';
import { authRouter } from './auth.ts';
import { datasetsRouter } from './datasets.ts';
import { importsRouter } from './imports.ts';
import { planningRouter } from './planning.ts';
import { reachRouter } from './reach.ts';
import { scenariosRouter } from './scenarios.ts';
import { snapshotsRouter } from './snapshots.ts';
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
  planning: planningRouter,
  reach: reachRouter,
  scenarios: scenariosRouter,
  snapshots: snapshotsRouter,
  quality: qualityRouter,
  units: unitsRouter,
  users: usersRouter,
  villages: villagesRouter,
});

export type AppRouter = typeof appRouter;

import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { planJobIdSchema, scenarioIdSchema, scenarioNameSchema } from '../../domain/index.ts';
import { compareScenarios } from '../../results/scenario_compare.ts';
import { deleteScenario, getScenario, insertScenario, listScenarios, renameScenario } from '../../store/scenarios.ts';
import type { AppContext } from '../context.ts';
import { plannerProcedure, router } from '../trpc.ts';

export const scenariosRouter = router({
  list: plannerProcedure.query(({ ctx }) => listScenarios(ctx.db)),

  get: plannerProcedure.input(z.object({ id: scenarioIdSchema })).query(({ ctx, input }) => {
    const { served: _served, ...scenario } = found(ctx, input.id);
    return scenario;
  }),

  /** Saves a finished planning run under a name. */
  save: plannerProcedure.input(z.object({ job: planJobIdSchema, name: scenarioNameSchema })).mutation(({ ctx, input }) => {
    const outcome = ctx.plans.outcome(input.job);
    if (!outcome) throw new TRPCError({ code: 'NOT_FOUND', message: 'no finished planning run with this id (runs are kept for two hours)' });
    const { villages } = ctx.datasets.get(outcome.datasetId).columns;
    const { plan } = outcome;
    const served = Array.from(plan.sites, (_, i) => Array.from(plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1]), (v) => villages.code[v]));
    const id = insertScenario(ctx.db, { name: input.name, datasetId: outcome.datasetId, request: outcome.request, result: outcome.result, served });
    ctx.audit.after = { id, name: input.name, sites: outcome.result.sites.length };
    return { id };
  }),

  rename: plannerProcedure.input(z.object({ id: scenarioIdSchema, name: scenarioNameSchema })).mutation(({ ctx, input }) => {
    const old = renameScenario(ctx.db, input.id, input.name);
    if (old === null) throw new TRPCError({ code: 'NOT_FOUND', message: `no scenario ${input.id}` });
    ctx.audit.before = { name: old };
    ctx.audit.after = { name: input.name };
    return { id: input.id, name: input.name };
  }),

  delete: plannerProcedure.input(z.object({ id: scenarioIdSchema })).mutation(({ ctx, input }) => {
    const s = found(ctx, input.id);
    deleteScenario(ctx.db, input.id);
    ctx.audit.before = { id: s.id, name: s.name, sites: s.result.sites.length };
    return { deleted: true };
  }),

  /** Two plans side by side. */
  compare: plannerProcedure.input(z.object({ a: scenarioIdSchema, b: scenarioIdSchema })).query(({ ctx, input }) => compareScenarios(found(ctx, input.a), found(ctx, input.b))),
});

function found(ctx: AppContext, id: number) {
  const s = getScenario(ctx.db, id);
  if (!s) throw new TRPCError({ code: 'NOT_FOUND', message: `no scenario ${id}` });
  return s;
}

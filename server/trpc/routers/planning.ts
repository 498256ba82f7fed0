import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { planJobIdSchema, planRequestSchema, scenarioIdSchema, villageCodeSchema } from '../../domain/index.ts';
import { PlanningBusy } from '../../planning/plan_jobs.ts';
import { checkPlanRequest, PlanInputError, type PlanOutcome } from '../../planning/run_plan.ts';
import { scenarioOutcome } from '../../planning/scenario_outcome.ts';
import { explainSite } from '../../results/plan_explanation.ts';
import { getScenario } from '../../store/scenarios.ts';
import type { AppContext } from '../context.ts';
import { resolveDataset } from '../resolve_dataset.ts';
import { plannerProcedure, router } from '../trpc.ts';

/** A finished run, or a saved scenario. */
const sourceSchema = z.union([z.object({ job: planJobIdSchema }).strict(), z.object({ scenario: scenarioIdSchema }).strict()]);

export const planningRouter = router({
  /** Starts choosing villages for new workers; returns the run's id at once (poll `status`). */
  start: plannerProcedure.input(planRequestSchema).mutation(({ ctx, input }) => {
    const loaded = resolveDataset(ctx, input.datasetId);
    const subject = { datasetId: loaded.dataset.id, columns: loaded.columns, analysis: loaded.analysis };
    try {
      checkPlanRequest(subject, input);
      return { id: ctx.plans.start(subject, input), datasetId: loaded.dataset.id };
    } catch (err) {
      if (err instanceof PlanInputError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
      if (err instanceof PlanningBusy) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: err.message });
      throw err;
    }
  }),

  /** Where a run is (step, done of total), and its result once done. */
  status: plannerProcedure.input(z.object({ id: planJobIdSchema })).query(({ ctx, input }) => {
    const status = ctx.plans.status(input.id);
    if (!status) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such planning run (runs are kept for two hours)' });
    return status;
  }),

  cancel: plannerProcedure.input(z.object({ id: planJobIdSchema })).mutation(({ ctx, input }) => {
    if (!ctx.plans.cancel(input.id)) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such planning run' });
    return { cancelled: true };
  }),

  /** The villages each chosen site serves (codes, by rank), to draw the new catchments. */
  served: plannerProcedure.input(sourceSchema).query(async ({ ctx, input }) => {
    const outcome = await outcomeOf(ctx, input);
    const { villages } = ctx.datasets.get(outcome.datasetId).columns;
    const { plan } = outcome;
    return Array.from(plan.sites, (_, i) => Array.from(plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1]), (v) => villages.code[v]));
  }),

  /** Why the plan chose this village: what it serves, and the best nearby village it did not choose. */
  why: plannerProcedure.input(z.object({ source: sourceSchema, code: villageCodeSchema })).query(async ({ ctx, input }) => {
    const outcome = await outcomeOf(ctx, input.source);
    const explanation = explainSite(ctx.datasets.get(outcome.datasetId).columns, outcome, input.code);
    if (!explanation) throw new TRPCError({ code: 'NOT_FOUND', message: `the plan has no site in village ${input.code}` });
    return explanation;
  }),
});

async function outcomeOf(ctx: AppContext, source: z.infer<typeof sourceSchema>): Promise<PlanOutcome> {
  if ('job' in source) {
    const outcome = ctx.plans.outcome(source.job);
    if (!outcome) throw new TRPCError({ code: 'NOT_FOUND', message: 'no finished planning run with this id' });
    return outcome;
  }
  const scenario = getScenario(ctx.db, source.scenario);
  if (!scenario) throw new TRPCError({ code: 'NOT_FOUND', message: `no scenario ${source.scenario}` });
  const loaded = resolveDataset(ctx, scenario.datasetId);
  const subject = { datasetId: scenario.datasetId, columns: loaded.columns, analysis: loaded.analysis };
  return ctx.plans.savedOutcomes.get(`${scenario.id}|${scenario.createdAt}`, () => scenarioOutcome(subject, scenario));
}

import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  adminCodeSchema,
  analysisParamsSchema,
  datasetIdSchema,
  gapFilterSchema,
  pageSchema,
  resolveParams,
  serviceTypeSchema,
  villageCodeSchema,
} from '../../domain/index.ts';
import { workerCatchments } from '../../engine/worker_catchments.ts';
import { childUnits, coverageSummary } from '../../results/coverage_summary.ts';
import { distanceHistogramOf, TooManyBinsError } from '../../results/distance_histogram.ts';
import { gapContext, gapRow, rankedGaps } from '../../results/gap_rows.ts';
import { serviceRows } from '../../results/service_rows.ts';
import { villageAnalysis } from '../../results/village_analysis.ts';
import { workerRows, workersIn } from '../../results/worker_rows.ts';
import { resolveAnalysis } from '../resolve_dataset.ts';
import { plannerProcedure, router } from '../trpc.ts';
import { unitIndexOf } from '../unit_index.ts';

const base = { datasetId: datasetIdSchema.optional(), params: analysisParamsSchema };
const unitCode = adminCodeSchema.nullable().default(null);
/**
 * Planners only: even the aggregated figures here are exact, small counts included. Viewers get
 * what the programme reaches from reach.summary, with small counts withheld. All analyses go
 * through the analysis queue.
 */
const plannerAnalysis = plannerProcedure.meta({ analysis: true });

export const analysisRouter = router({
  /** Coverage figures for a unit (or the whole dataset) and for each unit one level down. */
  coverage: plannerAnalysis.input(z.object({ ...base, code: unitCode }).prefault({})).query(async ({ ctx, input }) => {
    const params = resolveParams(input.params);
    const loaded = await resolveAnalysis(ctx, input.datasetId, params);
    const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
    return {
      unit: coverageSummary(loaded, params, unit, loaded.dataset.name),
      children: childUnits(loaded, unit).map((u) => coverageSummary(loaded, params, u, loaded.dataset.name)),
    };
  }),

  /** Villages not served or missing a service standard, highest need first. */
  gaps: plannerAnalysis
    .input(z.object({ ...base, code: unitCode, filter: gapFilterSchema.default({}), ...pageSchema.shape }).prefault({}))
    .query(async ({ ctx, input }) => {
      const params = resolveParams(input.params);
      const loaded = await resolveAnalysis(ctx, input.datasetId, params);
      const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
      const ranked = rankedGaps(loaded, params, unit, input.filter);
      const from = input.page * input.pageSize;
      const gctx = gapContext(loaded, params, input.filter);
      const rows = Array.from(ranked.subarray(from, from + input.pageSize), (v, i) => gapRow(loaded, gctx, v, from + i + 1));
      return { total: ranked.length, page: input.page, pageSize: input.pageSize, rows };
    }),

  /** One village: its worker, distance to each service type against its standard, status, need. */
  village: plannerAnalysis.input(z.object({ ...base, code: villageCodeSchema })).query(async ({ ctx, input }) => {
    const params = resolveParams(input.params);
    const loaded = await resolveAnalysis(ctx, input.datasetId, params);
    const i = loaded.columns.villages.index.get(input.code);
    if (i === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `no village ${input.code} in this dataset` });
    return villageAnalysis(loaded, params, i);
  }),

  /** Service points of a unit with the villages and children they serve against capacity. */
  services: plannerAnalysis
    .input(z.object({ ...base, code: unitCode, type: serviceTypeSchema.optional(), ...pageSchema.shape }).prefault({}))
    .query(async ({ ctx, input }) => {
      const params = resolveParams(input.params);
      const loaded = await resolveAnalysis(ctx, input.datasetId, params);
      if (input.code !== null) unitIndexOf(loaded.columns, input.code);
      const rows = serviceRows(loaded, params, input.code, input.type);
      const from = input.page * input.pageSize;
      return { total: rows.length, page: input.page, pageSize: input.pageSize, rows: rows.slice(from, from + input.pageSize) };
    }),

  /** Workers of a unit with caseload, demand and capacity. */
  workers: plannerAnalysis.input(z.object({ ...base, code: unitCode, ...pageSchema.shape }).prefault({})).query(async ({ ctx, input }) => {
    const params = resolveParams(input.params);
    const loaded = await resolveAnalysis(ctx, input.datasetId, params);
    if (input.code !== null) unitIndexOf(loaded.columns, input.code);
    const rows = workerRows(loaded, params, input.code);
    const from = input.page * input.pageSize;
    return { total: rows.length, page: input.page, pageSize: input.pageSize, rows: rows.slice(from, from + input.pageSize) };
  }),

  /** Worker catchment polygons of a county or township, for the map. */
  catchments: plannerAnalysis
    .input(z.object({ ...base, code: adminCodeSchema.refine((c) => c.length >= 6, 'catchments are drawn for one county or township') }))
    .query(async ({ ctx, input }) => {
      const params = resolveParams(input.params);
      const loaded = await resolveAnalysis(ctx, input.datasetId, params);
      unitIndexOf(loaded.columns, input.code);
      const assignment = loaded.analysis.assignment(params);
      return workerCatchments(loaded.columns, assignment, workersIn(loaded, input.code));
    }),

  /**
   * Villages of a unit (or the whole dataset) per distance bin to the nearest service of one type,
   * with the type's standard. binKm defaults to a nice width giving about 30 bins up to the unit's
   * 99th percentile; a binKm giving more than 1,000 bins is refused.
   */
  distanceHistogram: plannerAnalysis
    .input(z.object({ ...base, code: unitCode, type: serviceTypeSchema, binKm: z.number().positive('a bin width must be positive').max(2000).optional() }))
    .query(async ({ ctx, input }) => {
      const params = resolveParams(input.params);
      const loaded = await resolveAnalysis(ctx, input.datasetId, params);
      const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
      try {
        return distanceHistogramOf(loaded, params, unit, input.type, input.binKm);
      } catch (err) {
        if (err instanceof TooManyBinsError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message });
        throw err;
      }
    }),
});

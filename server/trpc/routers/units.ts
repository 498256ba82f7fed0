import { z } from 'zod';
import { ADMIN_LEVELS, adminCodeSchema, datasetIdSchema, type UnitSummary } from '../../domain/index.ts';
import { SUMMARY_FIELDS, type UnitTotals } from '../../engine/summarize_units.ts';
import type { DatasetColumns } from '../../engine/columns.ts';
import { coverageGrowthOf } from '../../results/coverage_growth.ts';
import { resolveDataset } from '../resolve_dataset.ts';
import { plannerProcedure, router, viewerProcedure } from '../trpc.ts';
import { unitIndexOf } from '../unit_index.ts';
import { searchUnits } from '../../results/search_units.ts';

const unitFields = { datasetId: datasetIdSchema.optional(), code: adminCodeSchema.nullable().default(null) };
/** No input at all means the whole current dataset. */
const unitInput = z.object(unitFields).prefault({});

function summaryOf(columns: DatasetColumns, totals: UnitTotals, unit: number | null, datasetName: string): UnitSummary {
  const figures = Object.fromEntries(
    SUMMARY_FIELDS.map((f) => [f, unit === null ? totals.total[f] : totals.perUnit[f][unit]]),
  ) as Record<(typeof SUMMARY_FIELDS)[number], number>;
  const { admin } = columns;
  return {
    code: unit === null ? null : admin.code[unit],
    name: unit === null ? datasetName : admin.name[unit],
    level: unit === null ? 'dataset' : ADMIN_LEVELS[admin.level[unit]],
    ...figures,
  };
}


export const unitsRouter = router({
  /** Exact figures for one unit, or for the whole dataset when no code is given (planners; viewers use reach.summary). */
  summary: plannerProcedure.input(unitInput).query(({ ctx, input }) => {
    const { dataset, columns, totals } = resolveDataset(ctx, input.datasetId);
    const unit = input.code === null ? null : unitIndexOf(columns, input.code);
    return summaryOf(columns, totals, unit, dataset.name);
  }),

  /** The units one level down (provinces when no code is given), each with its figures. */
  children: plannerProcedure.input(unitInput).query(({ ctx, input }) => {
    const { dataset, columns, totals } = resolveDataset(ctx, input.datasetId);
    const parent = input.code === null ? -1 : unitIndexOf(columns, input.code);
    const { admin } = columns;
    const children: UnitSummary[] = [];
    for (let u = 0; u < admin.count; u++) {
      if (admin.parent[u] === parent && (parent >= 0 || admin.level[u] === 0)) children.push(summaryOf(columns, totals, u, dataset.name));
    }
    return children;
  }),

  /** The unit and its ancestors, province first: for breadcrumbs. */
  path: viewerProcedure.input(z.object({ ...unitFields, code: adminCodeSchema })).query(({ ctx, input }) => {
    const { columns } = resolveDataset(ctx, input.datasetId);
    const { admin } = columns;
    const path: { code: string; name: string; level: string }[] = [];
    for (let u = unitIndexOf(columns, input.code); u >= 0; u = admin.parent[u])
      path.unshift({ code: admin.code[u], name: admin.name[u], level: ADMIN_LEVELS[admin.level[u]] });
    return path;
  }),

  /** Units and villages whose name contains the text or whose code starts with it: for the search box. */
  search: plannerProcedure
    .input(z.object({ datasetId: datasetIdSchema.optional(), q: z.string().trim().min(1).max(40), limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => searchUnits(resolveDataset(ctx, input.datasetId).columns, input.q, input.limit)),

  /**
   * Villages newly covered and covered in all, for every year from the first covered year to the
   * last (years with none new included), in a unit or the whole dataset; [] when none is covered.
   */
  growth: plannerProcedure.input(unitInput).query(({ ctx, input }) => {
    const loaded = resolveDataset(ctx, input.datasetId);
    const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
    return coverageGrowthOf(loaded, unit);
  }),
});

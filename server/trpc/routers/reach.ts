import { reachInputSchema, resolveParams } from '../../domain/index.ts';
import { roleAtLeast } from '../../domain/user.ts';
import { reachSummary } from '../../results/reach_summary.ts';
import { resolveAnalysis } from '../resolve_dataset.ts';
import { router, viewerProcedure } from '../trpc.ts';
import { unitIndexOf } from '../unit_index.ts';

export const reachRouter = router({
  /**
   * What the programme reaches in a unit (or everywhere): headline figures, provinces, counties,
   * growth by year. No village-level figure; for anyone below planner, counts under the privacy
   * threshold are withheld ("<5").
   */
  summary: viewerProcedure
    .meta({ analysis: true })
    .input(reachInputSchema)
    .query(async ({ ctx, input }) => {
      const params = resolveParams(input.params);
      const loaded = await resolveAnalysis(ctx, input.datasetId, params);
      const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
      const protect = !ctx.user || !roleAtLeast(ctx.user.role, 'planner');
      return reachSummary(loaded, params, unit, { threshold: ctx.security.privacyThreshold, protect });
    }),
});

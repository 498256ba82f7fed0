import type { AnalysisParams, Dataset, SnapshotPayload } from '../domain/index.ts';
import { protectCount } from '../privacy/protect_counts.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import type { Scenario } from '../store/scenarios.ts';
import { reachSummary } from './reach_summary.ts';

/**
 * What a snapshot link will show, computed once at publishing: the reach of the unit as a viewer
 * sees it (small counts withheld, whoever publishes), and a scenario's totals, never its
 * villages.
 */
export function snapshotOf(
  loaded: LoadedDataset & { dataset: Dataset & { nameZh?: string } },
  params: AnalysisParams,
  unit: number | null,
  scenario: Scenario | null,
  o: { title: { zh: string; en: string }; view: string; threshold: number },
): SnapshotPayload {
  const c = (n: number) => protectCount(n, o.threshold, true);
  return {
    title: o.title,
    publishedAt: new Date().toISOString(),
    view: o.view,
    reach: reachSummary(loaded, params, unit, { threshold: o.threshold, protect: true }),
    scenario: scenario && {
      name: scenario.name,
      method: scenario.result.method,
      sites: c(scenario.result.sites.length),
      villagesServed: c(scenario.result.villagesServed),
      served: {
        children: c(scenario.result.served.children),
        leftBehind: c(scenario.result.served.leftBehind),
        disabled: c(scenario.result.served.disabled),
        orphaned: c(scenario.result.served.orphaned),
        difficult: c(scenario.result.served.difficult),
      },
      gapPercent: scenario.result.gapPercent,
      years: [...new Set(scenario.result.sites.map((s) => s.year))].sort(),
    },
  };
}

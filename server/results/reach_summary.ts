import { CHILD_CATEGORIES, type AnalysisParams, type Dataset, type ReachCounts, type ReachSummary, type ReachUnit } from '../domain/index.ts';
import { protectCount } from '../privacy/protect_counts.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { coverageGrowthOf } from './coverage_growth.ts';

/**
 * What the programme reaches in a unit (or the whole dataset): headline figures, each province
 * and county, and growth by year. Only unit-level figures; with `protect`, every count below
 * the threshold becomes "<threshold".
 */
export function reachSummary(loaded: LoadedDataset & { dataset: Dataset & { nameZh?: string } }, params: AnalysisParams, unit: number | null, o: { threshold: number; protect: boolean }): ReachSummary {
  const { columns, analysis, dataset } = loaded;
  const { admin } = columns;
  const agg = analysis.coverage(params);
  const c = (n: number) => protectCount(n, o.threshold, o.protect);
  const countsOf = (u: number): ReachCounts => ({
    villages: c(agg.villages[u]),
    coveredVillages: c(agg.coveredVillages[u]),
    workers: c(agg.workers[u]),
    children: c(agg.reached.children[u]),
    ...(Object.fromEntries(CHILD_CATEGORIES.map((k) => [k, c(agg.reached[k][u])])) as Pick<ReachCounts, (typeof CHILD_CATEGORIES)[number]>),
  });
  const unitOf = (u: number): ReachUnit => {
    const counts = countsOf(u);
    // a share next to a village count would give away a withheld covered-village count
    const hidden = typeof counts.coveredVillages === 'string' || typeof counts.villages === 'string';
    return { code: admin.code[u], name: admin.name[u], coveredShare: agg.villages[u] > 0 && !hidden ? agg.coveredVillages[u] / agg.villages[u] : null, ...counts };
  };
  const scope = unit === null ? '' : admin.code[unit];
  const within = (u: number, length: number) => admin.code[u].length === length && (admin.code[u].startsWith(scope) || scope.startsWith(admin.code[u]));
  const provinces: number[] = [];
  const counties: number[] = [];
  for (let u = 0; u < admin.count; u++) {
    if (within(u, 2)) provinces.push(u);
    else if (within(u, 6) && admin.code[u].startsWith(scope)) counties.push(u);
  }
  const coveredCounties = counties.filter((u) => agg.coveredVillages[u] > 0).length;
  return {
    dataset: { id: dataset.id, name: dataset.name, nameZh: dataset.nameZh ?? dataset.name, version: dataset.version, synthetic: dataset.synthetic, createdAt: dataset.createdAt },
    unit: { code: unit === null ? null : admin.code[unit], name: unit === null ? dataset.name : admin.name[unit] },
    threshold: o.threshold,
    protected: o.protect,
    headline: { ...countsOf(unit ?? admin.count), counties: c(counties.length), coveredCounties: c(coveredCounties) },
    byProvince: provinces.map(unitOf),
    byCounty: counties.map(unitOf),
    growth: coverageGrowthOf(loaded, unit).map((g) => ({ year: g.year, newVillages: c(g.newVillages), cumulativeVillages: c(g.cumulativeVillages) })),
  };
}

import type { CategoryCounts, SiteExplanation } from '../domain/index.ts';
import type { DatasetColumns } from '../engine/columns.ts';
import { bestAlternative } from '../engine/expansion/explain.ts';
import { haversineKm } from '../engine/geo.ts';
import { addVillage, emptyCounts, type PlanOutcome } from '../planning/run_plan.ts';

/** Why the plan chose the site in village `code`; null when no site is there. */
export function explainSite(columns: DatasetColumns, outcome: PlanOutcome, code: string): SiteExplanation | null {
  const { villages } = columns;
  const site = outcome.result.sites.find((s) => s.code === code);
  if (!site) return null;
  const { plan, instance, params } = outcome;
  const i = site.rank - 1;
  const v = instance.candidates[plan.sites[i]];
  const served = Array.from(plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1]), (u) => {
    const counts: CategoryCounts = emptyCounts();
    addVillage(columns, u, counts);
    return { code: villages.code[u], name: villages.name[u], km: haversineKm(villages.lon[v], villages.lat[v], villages.lon[u], villages.lat[u]), weight: instance.weight[u], served: counts };
  }).sort((a, b) => a.km - b.km || (a.code < b.code ? -1 : 1));
  const capacity = params.enforceCapacity ? outcome.request.newWorkerCapacity : Infinity;
  const alt = bestAlternative(instance, plan, i, capacity, villages.lon, villages.lat, Math.max(2 * params.workerReachKm, 5));
  const alternative =
    alt.candidate < 0 ? null : { code: villages.code[instance.candidates[alt.candidate]], name: villages.name[instance.candidates[alt.candidate]], km: alt.km, gain: alt.gain };
  return { site, sites: outcome.result.sites.length, villages: served, alternative };
}

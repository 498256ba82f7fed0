/**
 * Expansion planning on the national dataset, the product's way (runPlan: instance, lazy greedy,
 * caseload packing, bound), against plain greedy that re-evaluates every candidate at every step
 * (timed for a few steps and extrapolated); then HiGHS on one county, and greedy against the
 * exact optimum on 20 sampled counties.
 */
import { planRequestSchema, resolveParams, type PlanRequestInput, type PlanResult } from '../server/domain/index.ts';
import { DatasetAnalysis } from '../server/engine/dataset_analysis.ts';
import { evaluateSite, siteValue, takeSite } from '../server/engine/expansion/site_value.ts';
import { runToEnd } from '../server/engine/expansion/steps.ts';
import { planSetup, runPlan, type PlanSubject } from '../server/planning/run_plan.ts';
import { mulberry32 } from '../data/generator/prng.ts';
import { loadNational } from './load_national.ts';
import { median, report } from './report.ts';

const columns = loadNational();
const analysis = new DatasetAnalysis(columns);
const subject: PlanSubject = { datasetId: 1, columns, analysis };
const plan = async (input: PlanRequestInput, boundTimeMs = 0): Promise<PlanResult> => {
  const { result } = await runPlan(subject, planRequestSchema.parse(input), { signal: new AbortController().signal, onProgress: () => {}, boundTimeMs });
  return result;
};
const pct = (x: number) => `${x.toFixed(2)} %`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
await analysis.prepare(resolveParams(planRequestSchema.parse({ target: { kind: 'workers', perPhase: [1] } }).params));

// 1. National greedy, K = 1,000, with and without caseload capacity.
const rows: [string, string][] = [];
let greedyWithCapacityMs = 0;
for (const enforceCapacity of [true, false]) {
  const label = enforceCapacity ? 'capacity 100 children' : 'no capacity';
  const times: number[] = [];
  let result: PlanResult | null = null;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    result = await plan({ target: { kind: 'workers', perPhase: [1000] }, params: { enforceCapacity } });
    times.push(performance.now() - t0);
  }
  if (enforceCapacity) greedyWithCapacityMs = median(times);
  rows.push([`national greedy K = 1,000, ${label}: median time`, ms(median(times))]);
  rows.push([`  weighted children newly served / stated bound / gap`, `${result!.value.toFixed(0)} / ${result!.bound.toFixed(0)} / ${pct(result!.gapPercent)}`]);
  if (!enforceCapacity) {
    const t0 = performance.now();
    const tightened = await plan({ target: { kind: 'workers', perPhase: [1000] }, params: { enforceCapacity } }, 60_000);
    rows.push([`  with the Lagrangian bound (60 iterations at most): time / bound / gap`, `${ms(performance.now() - t0)} / ${tightened.bound.toFixed(0)} / ${pct(tightened.gapPercent)}`]);
  }
}

// 2. Baseline: plain greedy, every candidate re-evaluated at every step (same instance), a few steps timed.
{
  const request = planRequestSchema.parse({ target: { kind: 'workers', perPhase: [1000] } });
  const setup = runToEnd(planSetup(subject, request, resolveParams(request.params)));
  const { instance, capacity } = setup;
  const taken = new Uint8Array(instance.weight.length);
  const steps = 5;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    let best = -1, bestValue = -1;
    for (let k = 0; k < instance.candidates.length; k++) {
      evaluateSite(instance, k, taken, capacity);
      if (siteValue.bound > bestValue) {
        best = k;
        bestValue = siteValue.bound;
      }
    }
    takeSite(instance, best, taken, capacity, []);
  }
  const perStep = (performance.now() - t0) / steps;
  rows.push(['baseline: plain greedy, per step (all 355k candidates re-evaluated)', ms(perStep)]);
  rows.push(['baseline extrapolated to K = 1,000 (choosing only, capacity 100)', `${(perStep).toFixed(0)} s`]);
  rows.push(['ratio baseline / project (whole run)', `${((perStep * 1000) / greedyWithCapacityMs).toFixed(0)}x`]);
}

// 3. Exact on counties: one timed, then 20 sampled, greedy against the optimum.
const counties = columns.admin.code.filter((c) => c.length === 6);
const rng = mulberry32(2026);
const sample = Array.from({ length: 20 }, () => counties[Math.floor(rng() * counties.length)]);
for (const enforceCapacity of [false, true]) {
  const label = enforceCapacity ? 'capacity 100' : 'no capacity';
  const ratios: number[] = [];
  const gaps: number[] = [];
  const solveTimes: number[] = [];
  let optimal = 0;
  for (const county of sample) {
    const u = columns.admin.index.get(county)!;
    const candidates = analysis.index.unitEnd[u] - analysis.index.unitStart[u];
    const k = Math.max(1, Math.round(candidates / 40));
    const base = { unit: county, target: { kind: 'workers' as const, perPhase: [k] }, params: { enforceCapacity } };
    let greedy: PlanResult, exact: PlanResult;
    try {
      // as the product runs it: without capacity the bound tightens for up to 2 s
      greedy = await plan(base, enforceCapacity ? 0 : 2000);
      const t0 = performance.now();
      exact = await plan({ ...base, method: 'exact', timeLimitS: 10 });
      solveTimes.push(performance.now() - t0);
    } catch (err) {
      console.log(`county ${county}: ${(err as Error).message}`);
      continue;
    }
    if (exact.optimal) optimal++;
    ratios.push(exact.value > 0 ? greedy.value / exact.value : 1);
    gaps.push(greedy.gapPercent);
  }
  rows.push([`20 sampled counties, ${label}, K = candidates / 40: exact solve (incl. greedy start), median / max`, `${ms(median(solveTimes))} / ${ms(Math.max(...solveTimes))}`]);
  rows.push([`  proven optimal within 0.01 % (others: best found in 10 s)`, `${optimal} of ${ratios.length}`]);
  rows.push([`  greedy / exact value: mean / worst`, `${(ratios.reduce((a, b) => a + b, 0) / ratios.length).toFixed(4)} / ${Math.min(...ratios).toFixed(4)}`]);
  rows.push([`  greedy's stated gap (${enforceCapacity ? 'marginal bound' : 'Lagrangian bound'}): mean / max`, `${pct(gaps.reduce((a, b) => a + b, 0) / gaps.length)} / ${pct(Math.max(...gaps))}`]);
}
rows.push(['peak RSS', `${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GiB`]);
report('expansion planning (national dataset)', rows);
process.exit(0);

import { resolveParams } from '../domain/index.ts';
import type { ExpansionPlan } from '../engine/expansion/greedy.ts';
import { runToEnd } from '../engine/expansion/steps.ts';
import type { Scenario } from '../store/scenarios.ts';
import { planSetup, type PlanOutcome, type PlanSubject } from './run_plan.ts';

/**
 * A saved scenario as a finished run, to explain its choices: the instance rebuilt from its
 * request on its dataset version (the same data and parameters give the same instance), and its
 * sites and served villages as saved.
 */
export async function scenarioOutcome(subject: PlanSubject, s: Scenario): Promise<PlanOutcome> {
  const params = resolveParams(s.request.params);
  await subject.analysis.prepare(params);
  const setup = runToEnd(planSetup(subject, s.request, params));
  const { villages } = subject.columns;
  const candidateOf = new Map(Array.from(setup.instance.candidates, (v, k) => [v, k]));
  const sites = Int32Array.from(s.result.sites, (x) => candidateOf.get(villages.index.get(x.code) ?? -1) ?? -1);
  if (sites.includes(-1)) throw new Error(`scenario ${s.id} names sites that are not candidates in its dataset`);
  const servedStart = new Uint32Array(sites.length + 1);
  s.served.forEach((list, i) => (servedStart[i + 1] = servedStart[i] + list.length));
  const plan: ExpansionPlan = {
    sites,
    phase: Uint8Array.from(s.result.sites, (x) => x.phase - 1),
    gain: Float64Array.from(s.result.sites, (x) => x.gain),
    servedStart,
    servedVillage: Int32Array.from(s.served.flat(), (code) => villages.index.get(code) ?? -1),
    value: s.result.value,
    phaseValue: Float64Array.from(s.result.phases, (p) => p.value),
    phaseCost: Float64Array.from(s.result.phases, (p) => p.cost),
    phaseBound: Float64Array.from(s.result.phases, (p) => p.bound ?? NaN),
    bound: s.result.bound,
    exhausted: false,
  };
  return { datasetId: s.datasetId, request: s.request, params, instance: setup.instance, plan, cost: setup.cost, result: s.result };
}

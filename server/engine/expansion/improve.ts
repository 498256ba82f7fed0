import type { ExpansionPlan } from './greedy.ts';
import type { ExpansionInstance } from './instance.ts';
import { packBest } from './site_value.ts';

/**
 * With a capacity, the greedy packs each worker's caseload when it places them, before it knows
 * the later sites; afterwards a site may do better with villages nobody took. Each round repacks
 * every site, in rank order, from the villages in its reach that no other site serves (an exact
 * knapsack, packBest), keeping the new caseload only when it serves more. The plan's value never
 * falls; its bound stays valid (it bounds the optimum, whatever the assignment).
 */
export function improveCaseloads(inst: ExpansionInstance, plan: ExpansionPlan, capacity: number, rounds = 3): ExpansionPlan {
  if (capacity === Infinity || plan.sites.length === 0) return plan;
  const owner = new Int32Array(inst.weight.length).fill(-1);
  const served: number[][] = Array.from(plan.sites, (_, i) => Array.from(plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1])));
  const gain = Float64Array.from(plan.gain);
  served.forEach((list, i) => list.forEach((v) => (owner[v] = i)));
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (let i = 0; i < plan.sites.length; i++) {
      const k = plan.sites[i];
      const pool: number[] = [];
      for (let e = inst.adjStart[k]; e < inst.adjStart[k + 1]; e++) {
        const v = inst.adjVillage[e];
        if (owner[v] === -1 || owner[v] === i) pool.push(v);
      }
      const next: number[] = [];
      const value = packBest(inst, pool, capacity, next);
      if (value <= gain[i] + 1e-9) continue;
      for (const v of served[i]) owner[v] = -1;
      for (const v of next) owner[v] = i;
      served[i] = next;
      gain[i] = value;
      changed = true;
    }
    if (!changed) break;
  }
  const servedStart = new Uint32Array(served.length + 1);
  served.forEach((list, i) => (servedStart[i + 1] = servedStart[i] + list.length));
  const phaseValue = new Float64Array(plan.phaseValue.length);
  for (let i = 0; i < gain.length; i++) for (let p = plan.phase[i]; p < phaseValue.length; p++) phaseValue[p] += gain[i];
  const value = gain.reduce((a, b) => a + b, 0);
  return { ...plan, gain, servedStart, servedVillage: Int32Array.from(served.flat()), value, phaseValue, phaseBound: Float64Array.from(plan.phaseBound, (b, p) => Math.max(b, phaseValue[p])), bound: Math.max(plan.bound, value) };
}

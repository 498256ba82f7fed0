import type { ExactModel } from './exact_model.ts';
import type { ExpansionPlan } from './greedy.ts';
import type { ExpansionInstance } from './instance.ts';
import { evaluateSite, siteValue, takeSite } from './site_value.ts';

/**
 * The plan a solver's column values describe, in the same form as the greedy's: sites ranked by
 * what each adds (without capacity: greedily among the chosen sites, each village counted for
 * the first site that reaches it; with capacity: the villages the solver assigned, plus any
 * village of no vulnerable children in reach, which costs nothing), phases filled in rank order.
 * Only the last phase has a bound (the solver's); the others get NaN.
 */
export function planFromSolution(inst: ExpansionInstance, model: ExactModel, colValue: ArrayLike<number>, o: { cost: Float64Array; capacity: number; phaseBudgets: number[]; bound: number }): ExpansionPlan {
  const chosen: number[] = [];
  for (let k = 0; k < model.candidates; k++) if (colValue[k] > 0.5) chosen.push(k);
  const taken = new Uint8Array(inst.weight.length);
  const order: number[] = [];
  const servedLists: number[][] = [];
  const gains: number[] = [];

  if (o.capacity === Infinity) {
    const left = new Set(chosen);
    while (left.size > 0) {
      let best = -1, bestGain = -1;
      for (const k of left) {
        evaluateSite(inst, k, taken, Infinity);
        if (siteValue.gain > bestGain || (siteValue.gain === bestGain && k < best)) {
          best = k;
          bestGain = siteValue.gain;
        }
      }
      left.delete(best);
      const served: number[] = [];
      gains.push(takeSite(inst, best, taken, Infinity, served));
      order.push(best);
      servedLists.push(served);
    }
  } else {
    const assigned = new Map<number, number[]>(chosen.map((k) => [k, []]));
    for (let j = 0; j < model.colVillage.length; j++) {
      if (colValue[model.candidates + j] <= 0.5) continue;
      const v = model.colVillage[j];
      if (taken[v]) continue; // the solver never assigns one village twice; be safe
      taken[v] = 1;
      assigned.get(model.colSite[j])?.push(v);
    }
    const weightOf = (list: number[]) => list.reduce((s, v) => s + inst.weight[v], 0);
    const ranked = [...assigned.entries()].sort((a, b) => weightOf(b[1]) - weightOf(a[1]) || a[0] - b[0]);
    for (const [k, list] of ranked) {
      for (let e = inst.adjStart[k]; e < inst.adjStart[k + 1]; e++) {
        const v = inst.adjVillage[e];
        if (!taken[v] && inst.load[v] === 0) {
          taken[v] = 1;
          list.push(v);
        }
      }
      order.push(k);
      servedLists.push(list);
      gains.push(weightOf(list));
    }
  }

  const P = o.phaseBudgets.length;
  const phase = new Uint8Array(order.length);
  const phaseValue = new Float64Array(P), phaseCost = new Float64Array(P);
  let p = 0, budget = o.phaseBudgets[0], spent = 0, value = 0;
  for (let i = 0; i < order.length; i++) {
    while (p < P - 1 && spent + o.cost[order[i]] > budget + 1e-9) {
      phaseValue[p] = value;
      phaseCost[p] = spent;
      budget += o.phaseBudgets[++p];
    }
    phase[i] = p;
    spent += o.cost[order[i]];
    value += gains[i];
  }
  for (; p < P; p++) {
    phaseValue[p] = value;
    phaseCost[p] = spent;
  }
  const servedStart = new Uint32Array(order.length + 1);
  servedLists.forEach((list, i) => (servedStart[i + 1] = servedStart[i] + list.length));
  const phaseBound = new Float64Array(P).fill(NaN);
  phaseBound[P - 1] = Math.max(o.bound, value);
  return {
    sites: Int32Array.from(order),
    phase,
    gain: Float64Array.from(gains),
    servedStart,
    servedVillage: Int32Array.from(servedLists.flat()),
    value,
    phaseValue,
    phaseCost,
    phaseBound,
    bound: phaseBound[P - 1],
    exhausted: false,
  };
}

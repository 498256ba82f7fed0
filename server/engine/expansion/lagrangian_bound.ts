import { fractionalKnapsack } from './fractional_knapsack.ts';
import type { ExpansionInstance } from './instance.ts';

/**
 * A tighter bound on the optimum without capacity, from the Lagrangian relaxation of "a village
 * counts once a chosen site reaches it" (x_v <= sum of y_c over sites reaching v). For any
 * prices 0 <= p_v <= w_v,
 *   OPT <= sum_v (w_v - p_v) + (best sites within the budget by the sum of their villages' prices),
 * where the second term is a fractional knapsack over the sites. p = w gives the greedy's own
 * bound (each site's gain, added up); subgradient steps lower the prices of villages that many
 * of the best sites share and raise none above its weight, which typically closes most of the
 * distance to the greedy value. Every iterate is a valid bound; the smallest is kept.
 *
 * `target` is the best known plan's value (the Polyak step aims at it). A generator: one yield
 * per iteration, so a caller can spread the work and stop when time is up.
 */
export function* lagrangianBound(inst: ExpansionInstance, cost: Float64Array, budget: number, target: number, iterations: number): Generator<number, number> {
  const n = inst.candidates.length;
  const V = inst.weight.length;
  const { adjStart, adjVillage, weight } = inst;
  const price = Float64Array.from(weight);
  const sums = new Float64Array(n);
  const chosenShare = new Float64Array(n);
  const used = new Float64Array(V);
  const order = new Int32Array(n);
  let best = Infinity;
  let scale = 2;
  let sinceImproved = 0;
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let e = adjStart[k]; e < adjStart[k + 1]; e++) s += price[adjVillage[e]];
      sums[k] = s;
    }
    let bound = fractionalKnapsack(sums, cost, budget, chosenShare, order);
    for (let v = 0; v < V; v++) if (weight[v] > price[v]) bound += weight[v] - price[v];
    if (it === 0 || bound < best - 1e-9 * Math.max(1, best)) {
      best = bound;
      sinceImproved = 0;
    } else if (++sinceImproved >= 4) {
      scale /= 2;
      sinceImproved = 0;
    }
    yield best;
    if (best - target <= 1e-9 * Math.max(1, best)) break;

    // subgradient: villages the chosen sites reach more than once get cheaper, those not
    // reached at all (but counted at full weight) dearer, within [0, w_v]
    used.fill(0);
    for (let k = 0; k < n; k++) {
      if (!chosenShare[k]) continue;
      for (let e = adjStart[k]; e < adjStart[k + 1]; e++) used[adjVillage[e]] += chosenShare[k];
    }
    let norm = 0;
    for (let v = 0; v < V; v++) {
      if (weight[v] <= 0) continue;
      const g = used[v] - (weight[v] > price[v] ? 1 : 0);
      norm += g * g;
    }
    if (norm === 0) break;
    const step = (scale * (bound - target)) / norm;
    for (let v = 0; v < V; v++) {
      if (weight[v] <= 0) continue;
      const g = used[v] - (weight[v] > price[v] ? 1 : 0);
      const p = price[v] - step * g;
      price[v] = p < 0 ? 0 : p > weight[v] ? weight[v] : p;
    }
  }
  return best;
}

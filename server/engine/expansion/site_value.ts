import type { ExpansionInstance } from './instance.ts';

/**
 * What a new worker at candidate k would add, given the villages `taken` by sites already
 * chosen. A site's villages are listed in the order a worker takes them (highest weight per
 * child first), so both figures are one scan:
 * - `gain`: the weighted children newly served. Without a capacity, every untaken village in
 *   reach; with one, whole villages in order while they fit (one that does not fit is skipped
 *   for smaller ones after it).
 * - `bound`: the same filling allowed a fraction of the first village that does not fit (the
 *   fractional knapsack, which no choice of whole villages can beat). It can only fall as more
 *   villages are taken, which the lazy greedy and the optimality bound rest on. Without a
 *   capacity it equals the gain.
 */
export const siteValue = { gain: 0, bound: 0 };

export function evaluateSite(inst: ExpansionInstance, k: number, taken: Uint8Array, capacity: number): void {
  const { adjStart, adjVillage, weight, load } = inst;
  const a = adjStart[k], b = adjStart[k + 1];
  let used = 0, gain = 0, usedWhole = 0, bound = 0, open = true;
  for (let e = a; e < b; e++) {
    const v = adjVillage[e];
    if (taken[v]) continue;
    if (used + load[v] <= capacity) {
      used += load[v];
      gain += weight[v];
    }
    if (!open) continue;
    if (usedWhole + load[v] <= capacity) {
      usedWhole += load[v];
      bound += weight[v];
    } else {
      bound += (weight[v] * (capacity - usedWhole)) / load[v];
      open = false;
    }
  }
  siteValue.gain = gain;
  siteValue.bound = bound;
}

/**
 * Places a worker at candidate k: marks the villages they serve as taken, appends them to
 * `served`, and returns the weighted children newly served (siteValue.gain for the same state).
 */
export function takeSite(inst: ExpansionInstance, k: number, taken: Uint8Array, capacity: number, served: number[]): number {
  const { adjStart, adjVillage, weight, load } = inst;
  let used = 0, gain = 0;
  for (let e = adjStart[k]; e < adjStart[k + 1]; e++) {
    const v = adjVillage[e];
    if (taken[v] || used + load[v] > capacity) continue;
    used += load[v];
    gain += weight[v];
    taken[v] = 1;
    served.push(v);
  }
  return gain;
}

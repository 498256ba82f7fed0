import type { ExpansionInstance } from './instance.ts';

/**
 * What a new worker at candidate k would add, given the villages `taken` by sites already
 * chosen: `gain`, the weighted children they would newly serve, and `bound`, an upper bound
 * on that gain which can only fall as more villages are taken (the lazy greedy's key and the
 * optimality bound rest on it).
 *
 * Without a capacity the worker serves every untaken village within reach: gain = bound.
 * With one, the worker fills their caseload with the villages of highest weight per child
 * first (whole villages; one that does not fit is skipped for smaller ones); the bound is the
 * same filling allowed to take a fraction of the first village that does not fit (the
 * fractional knapsack, which no choice of whole villages can beat).
 */
export const siteValue = { gain: 0, bound: 0 };

// Scratch space for the capacitated case, reused so evaluations allocate nothing.
let scratch = new Int32Array(256);

export function evaluateSite(inst: ExpansionInstance, k: number, taken: Uint8Array, capacity: number): void {
  const { adjStart, adjVillage, weight, load } = inst;
  const a = adjStart[k], b = adjStart[k + 1];
  if (capacity === Infinity) {
    let gain = 0;
    for (let e = a; e < b; e++) {
      const v = adjVillage[e];
      if (!taken[v]) gain += weight[v];
    }
    siteValue.gain = siteValue.bound = gain;
    return;
  }
  const m = byDensity(inst, a, b, taken);
  let used = 0, gain = 0, usedWhole = 0, bound = 0, open = true;
  for (let i = 0; i < m; i++) {
    const v = scratch[i];
    if (used + load[v] <= capacity) {
      used += load[v];
      gain += weight[v];
    }
    if (!open) continue;
    if (usedWhole + load[v] <= capacity) {
      usedWhole += load[v];
      bound += weight[v];
    } else {
      // the fractional knapsack takes what fits of this village and stops
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
  const a = adjStart[k], b = adjStart[k + 1];
  let gain = 0;
  if (capacity === Infinity) {
    for (let e = a; e < b; e++) {
      const v = adjVillage[e];
      if (taken[v]) continue;
      taken[v] = 1;
      served.push(v);
      gain += weight[v];
    }
    return gain;
  }
  const m = byDensity(inst, a, b, taken);
  let used = 0;
  for (let i = 0; i < m; i++) {
    const v = scratch[i];
    if (used + load[v] > capacity) continue;
    used += load[v];
    gain += weight[v];
    taken[v] = 1;
    served.push(v);
  }
  return gain;
}

/**
 * The untaken villages of adjacency range [a, b) into scratch, highest weight per child first;
 * villages with no vulnerable children (nothing to serve, nothing to carry) go first, ties keep
 * the adjacency order (nearest first). Returns how many.
 */
function byDensity(inst: ExpansionInstance, a: number, b: number, taken: Uint8Array): number {
  const { adjVillage, density } = inst;
  if (scratch.length < b - a) scratch = new Int32Array(2 * (b - a));
  let m = 0;
  for (let e = a; e < b; e++) if (!taken[adjVillage[e]]) scratch[m++] = adjVillage[e];
  if (m > 32) {
    // Array.prototype.sort is stable; typed-array sort is not guaranteed to be
    const sorted = Array.from(scratch.subarray(0, m)).sort((x, y) => (density[x] > density[y] ? -1 : density[x] < density[y] ? 1 : 0));
    scratch.set(sorted);
    return m;
  }
  for (let i = 1; i < m; i++) {
    const v = scratch[i];
    const d = density[v];
    let j = i - 1;
    while (j >= 0 && density[scratch[j]] < d) {
      scratch[j + 1] = scratch[j];
      j--;
    }
    scratch[j + 1] = v;
  }
  return m;
}

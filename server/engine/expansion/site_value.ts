import type { ExpansionInstance } from './instance.ts';

/**
 * What a new worker at candidate k would add, given the villages `taken` by sites already
 * chosen. A site's villages are listed in the order a worker takes them (highest weight per
 * child first), so both figures are one scan:
 * - `gain`: without a capacity, the weighted children of every untaken village in reach; with
 *   one, whole villages in order while they fit (one that does not fit is skipped for smaller
 *   ones after it): a quick lower estimate of what placing the worker adds (takeSite packs
 *   the caseload exactly).
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
 * Places a worker at candidate k: the best whole-village caseload among the untaken villages in
 * reach (packBest), marked as taken and appended to `served`. Returns the weighted children
 * newly served.
 */
export function takeSite(inst: ExpansionInstance, k: number, taken: Uint8Array, capacity: number, served: number[]): number {
  const items = untakenInReach(inst, k, taken);
  const from = served.length;
  const gain = packBest(inst, items, capacity, served);
  for (let i = from; i < served.length; i++) taken[served[i]] = 1;
  return gain;
}

/** What takeSite would add, without taking anything. */
export function bestGain(inst: ExpansionInstance, k: number, taken: Uint8Array, capacity: number): number {
  return packBest(inst, untakenInReach(inst, k, taken), capacity, null);
}

function untakenInReach(inst: ExpansionInstance, k: number, taken: Uint8Array): number[] {
  const items: number[] = [];
  for (let e = inst.adjStart[k]; e < inst.adjStart[k + 1]; e++) if (!taken[inst.adjVillage[e]]) items.push(inst.adjVillage[e]);
  return items;
}

/** Above this many cells the dynamic programme is not worth its memory: fill in order instead. */
const MAX_TABLE = 4_000_000;

/**
 * The most weighted children one worker can carry from `items` (villages, in taking order):
 * without a capacity, all of them; with one, the 0/1 knapsack solved exactly by dynamic
 * programming over the capacity (children are whole numbers), ties to villages earlier in the
 * order. Villages with no vulnerable children cost nothing and are always taken. Appends the
 * villages taken to `out` (when given) in taking order; returns their weight.
 */
export function packBest(inst: ExpansionInstance, items: number[], capacity: number, out: number[] | null): number {
  const { weight, load } = inst;
  const m = items.length;
  if (capacity === Infinity || m === 0) {
    let total = 0;
    for (const v of items) total += weight[v];
    out?.push(...items);
    return total;
  }
  const C = Math.floor(capacity);
  if (m * (C + 1) > MAX_TABLE) {
    let used = 0, total = 0;
    for (const v of items) {
      if (used + load[v] > C) continue;
      used += load[v];
      total += weight[v];
      out?.push(v);
    }
    return total;
  }
  const best = new Float64Array(C + 1);
  const keep = new Uint8Array(m * (C + 1));
  for (let i = 0; i < m; i++) {
    const l = load[items[i]], w = weight[items[i]];
    if (l === 0) continue;
    const row = i * (C + 1);
    for (let c = C; c >= l; c--) {
      const with_ = best[c - l] + w;
      if (with_ > best[c] + 1e-9) {
        best[c] = with_;
        keep[row + c] = 1;
      }
    }
  }
  if (out) {
    const takenHere = new Uint8Array(m);
    for (let i = m - 1, c = C; i >= 0; i--) {
      if (load[items[i]] === 0) takenHere[i] = 1;
      else if (keep[i * (C + 1) + c]) {
        takenHere[i] = 1;
        c -= load[items[i]];
      }
    }
    for (let i = 0; i < m; i++) if (takenHere[i]) out.push(items[i]);
  }
  return best[C];
}

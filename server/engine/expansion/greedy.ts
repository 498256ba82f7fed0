import type { ExpansionInstance } from './instance.ts';
import { groupNeeds } from './equity.ts';
import { fractionalKnapsack } from './fractional_knapsack.ts';
import { MaxHeap } from './max_heap.ts';
import { evaluateSite, siteValue, takeSite } from './site_value.ts';
import type { Progress } from './steps.ts';

export interface ExpansionOptions {
  /** per phase: the budget in cost units (with unit costs, the number of new sites) */
  phaseBudgets: number[];
  /** per candidate: what a site there costs */
  cost: Float64Array;
  /** caseload capacity of a new worker in vulnerable children; Infinity when not enforced */
  capacity: number;
  /** per candidate: its group (county) for the equity rule, -1 for none */
  group: Int32Array | null;
  /** every group with candidates gets at least this many sites */
  groupMinimum: number;
}

/** A plan: chosen candidates in order, what each serves, and its value per phase with a bound. */
export interface ExpansionPlan {
  /** candidate indices, in the order chosen */
  sites: Int32Array;
  phase: Uint8Array;
  /** weighted children each site newly serves */
  gain: Float64Array;
  /** villages site i serves: servedVillage[servedStart[i] .. servedStart[i + 1]) */
  servedStart: Uint32Array;
  servedVillage: Int32Array;
  value: number;
  /** per phase, cumulative: weighted children served and cost spent up to its end */
  phaseValue: Float64Array;
  phaseCost: Float64Array;
  /** per phase: an upper bound on what any plan within the cumulative budget could serve */
  phaseBound: Float64Array;
  bound: number;
  /** true when choosing stopped early because no candidate adds anything */
  exhausted: boolean;
}

const EPS = 1e-9;

/**
 * Lazy greedy (Minoux's accelerated greedy): repeatedly place the site of largest value per
 * cost, keeping every other candidate in a heap under its last computed value, which can only
 * fall as villages are taken; a candidate is re-evaluated only when it reaches the top. The
 * result is exactly the plain greedy's (ties: the lower candidate index).
 *
 * A site's value is its bound (site_value.ts): its gain, and with a capacity the gain with a
 * fraction of the next village allowed. Choosing by the bound keeps the heap exact (whole-village
 * gains can rise when a neighbour takes a big village, which would make stale keys wrong), and
 * it differs from the gain by less than one village.
 *
 * Equity: while a group with candidates has fewer sites than the minimum, only candidates of
 * such groups are placed (best first); then all candidates compete.
 *
 * The bound: for any set S of chosen sites, a plan within budget B serves at most
 * value(S) + (the best sum of bound(c | S) over candidates c costing at most B in total), since
 * whatever a plan's site serves beyond S is within that site's bound. The fractional knapsack
 * over the bounds gives that sum; it is taken both before choosing and at the end of each
 * phase, and the smaller is reported. It ignores the equity rule, so it bounds that plan too.
 *
 * A generator so that a caller can report progress and stop between steps; `runToEnd` runs it.
 */
export function* greedyExpansion(inst: ExpansionInstance, o: ExpansionOptions): Generator<Progress, ExpansionPlan> {
  const n = inst.candidates.length;
  const { cost, capacity } = o;
  const totalBudget = o.phaseBudgets.reduce((a, b) => a + b, 0);
  const taken = new Uint8Array(inst.weight.length);
  /** per candidate: an upper bound on its current gain per cost (stale until re-evaluated) */
  const key = new Float64Array(n);
  const initialBound = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    evaluateSite(inst, k, taken, capacity);
    initialBound[k] = siteValue.bound;
    key[k] = siteValue.bound / cost[k];
    if (k % 50_000 === 49_999) yield { done: 0, total: totalBudget };
  }
  const chosen = new Uint8Array(n);

  // Equity: how many sites each group still needs.
  const groups = o.group ?? new Int32Array(n).fill(-1);
  const { need } = groupNeeds(groups, o.groupMinimum);
  const placed = new Uint32Array(need.length);
  let deficit = need.reduce((a, b) => a + b, 0);
  const inDeficit = (k: number) => groups[k] >= 0 && placed[groups[k]] < need[groups[k]];

  const all = (filter: (k: number) => boolean) => {
    const ids: number[] = [];
    for (let k = 0; k < n; k++) if (!chosen[k] && filter(k)) ids.push(k);
    return MaxHeap.from(ids, (k) => key[k]);
  };
  let equityStage = deficit > 0;
  let heap = equityStage ? all(inDeficit) : all(() => true);

  const sites: number[] = [];
  const phaseOf: number[] = [];
  const gains: number[] = [];
  const servedStart: number[] = [0];
  const served: number[] = [];
  const P = o.phaseBudgets.length;
  const phaseValue = new Float64Array(P), phaseCost = new Float64Array(P), phaseBound = new Float64Array(P);
  const initialBounds = boundsBeforeChoosing(initialBound, cost);
  let value = 0, spent = 0, remaining = 0, cumulativeBudget = 0;
  let exhausted = false;
  /** candidates too costly for what is left of this phase's budget */
  const aside: number[] = [];

  // The best affordable, eligible candidate by value per cost (ties: lower index), or -1.
  // Every candidate popped and not chosen goes back with its fresh key, except those set aside.
  const popped: number[] = [];
  const select = (minGain: number): number => {
    let best = -1, bestRatio = -Infinity;
    popped.length = 0;
    while (heap.size > 0) {
      const top = heap.topKey();
      if (top < bestRatio || (top === bestRatio && heap.topId() > best)) break;
      const k = heap.pop();
      if (cost[k] > remaining + EPS) {
        aside.push(k);
        continue;
      }
      if (equityStage && !inDeficit(k)) continue; // its group is done: it competes in the next stage
      evaluateSite(inst, k, taken, capacity);
      const ratio = (key[k] = siteValue.bound / cost[k]);
      if (siteValue.gain >= minGain && (ratio > bestRatio || (ratio === bestRatio && k < best))) {
        if (best >= 0) popped.push(best);
        best = k;
        bestRatio = ratio;
      } else {
        popped.push(k);
      }
    }
    for (const k of popped) heap.push(k, key[k]);
    return best;
  };

  for (let p = 0; p < P; p++) {
    remaining += o.phaseBudgets[p];
    cumulativeBudget += o.phaseBudgets[p];
    for (const k of aside) heap.push(k, key[k]);
    aside.length = 0;
    while (!exhausted) {
      // equity sites are placed even when they add nothing: the minimum asks for a site
      const best = select(equityStage ? 0 : EPS);
      if (best < 0) {
        if (equityStage && !aside.some(inDeficit)) {
          equityStage = false;
          heap = all(() => true);
          aside.length = 0;
          continue;
        }
        // nothing affordable adds anything, and gains only fall: later phases cannot add either
        if (!equityStage && aside.length === 0) exhausted = true;
        break;
      }
      chosen[best] = 1;
      const gain = takeSite(inst, best, taken, capacity, served);
      evaluateSite(inst, best, taken, capacity);
      key[best] = siteValue.bound / cost[best];
      sites.push(best);
      phaseOf.push(p);
      gains.push(gain);
      servedStart.push(served.length);
      value += gain;
      spent += cost[best];
      remaining -= cost[best];
      const g = groups[best];
      if (g >= 0 && placed[g]++ < need[g] && --deficit === 0 && equityStage) {
        equityStage = false;
        heap = all(() => true);
      }
      if (sites.length % 25 === 0) yield { done: spent, total: totalBudget };
    }
    phaseValue[p] = value;
    phaseCost[p] = spent;
    const now = value + boundOfBest(inst, taken, capacity, key, cost, cumulativeBudget);
    phaseBound[p] = Math.max(value, Math.min(initialBounds(cumulativeBudget), now));
  }

  return {
    sites: Int32Array.from(sites),
    phase: Uint8Array.from(phaseOf),
    gain: Float64Array.from(gains),
    servedStart: Uint32Array.from(servedStart),
    servedVillage: Int32Array.from(served),
    value,
    phaseValue,
    phaseCost,
    phaseBound,
    bound: phaseBound[P - 1],
    exhausted,
  };
}

/** The fractional knapsack over the bounds before anything is chosen, for any budget. */
function boundsBeforeChoosing(bound: Float64Array, cost: Float64Array): (budget: number) => number {
  const share = new Float64Array(bound.length);
  const order = new Int32Array(bound.length);
  return (budget) => fractionalKnapsack(bound, cost, budget, share, order);
}

/**
 * The fractional knapsack over current bounds within `budget`, re-evaluating lazily: a
 * candidate's stale key is refreshed when it reaches the top, and it is taken into the knapsack
 * once its fresh key is still the largest. Refreshed keys are kept.
 */
function boundOfBest(inst: ExpansionInstance, taken: Uint8Array, capacity: number, key: Float64Array, cost: Float64Array, budget: number): number {
  const heap = MaxHeap.from(Array.from(key.keys()), (k) => key[k]);
  let room = budget, total = 0;
  while (room > EPS && heap.size > 0) {
    const k = heap.pop();
    evaluateSite(inst, k, taken, capacity);
    key[k] = siteValue.bound / cost[k];
    if (heap.size > 0 && key[k] < heap.topKey()) {
      heap.push(k, key[k]);
      continue;
    }
    if (siteValue.bound <= 0) break;
    if (cost[k] <= room) {
      total += siteValue.bound;
      room -= cost[k];
    } else {
      total += key[k] * room;
      room = 0;
    }
  }
  return total;
}

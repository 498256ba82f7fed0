import { describe, expect, it } from 'vitest';
import { buildExactModel, startFromPlan } from '../../../server/engine/expansion/exact_model.ts';
import { planFromSolution } from '../../../server/engine/expansion/exact_plan.ts';
import { lagrangianBound } from '../../../server/engine/expansion/lagrangian_bound.ts';
import { greedyExpansion } from '../../../server/engine/expansion/greedy.ts';
import { runToEnd } from '../../../server/engine/expansion/steps.ts';
import type { ExpansionInstance } from '../../../server/engine/expansion/instance.ts';
import { solveExact, SolverCancelled } from '../../../server/planning/exact_solver.ts';
import { randomInstance } from '../engine/expansion/random_instance.ts';
import { mulberry32, randInt, seedMsg } from '../engine/random_dataset.ts';

const SEEDS = Array.from({ length: 16 }, (_, i) => 7300 + i);

/** The optimum by enumeration: every set of at most k sites, and with capacity every assignment of villages to them. */
function bruteOptimum(inst: ExpansionInstance, k: number, capacity: number, group: Int32Array | null, need: Uint32Array | null): number {
  const n = inst.candidates.length;
  let best = -Infinity;
  const reach = (c: number) => new Set(inst.adjVillage.subarray(inst.adjStart[c], inst.adjStart[c + 1]));
  for (let mask = 0; mask < 1 << n; mask++) {
    const sites = Array.from({ length: n }, (_, c) => c).filter((c) => mask & (1 << c));
    if (sites.length > k) continue;
    if (group && need && need.some((m, g) => sites.filter((c) => group[c] === g).length < m)) continue;
    const reaches = sites.map(reach);
    const villages = [...new Set(reaches.flatMap((r) => [...r]))].filter((v) => inst.weight[v] > 0);
    if (capacity === Infinity) {
      best = Math.max(best, villages.reduce((s, v) => s + inst.weight[v], 0));
      continue;
    }
    // each village to one site reaching it, or to none
    const used = new Float64Array(sites.length);
    const assign = (i: number, value: number): void => {
      if (i === villages.length) {
        best = Math.max(best, value);
        return;
      }
      const v = villages[i];
      assign(i + 1, value);
      for (let s = 0; s < sites.length; s++) {
        if (!reaches[s].has(v) || used[s] + inst.load[v] > capacity) continue;
        used[s] += inst.load[v];
        assign(i + 1, value + inst.weight[v]);
        used[s] -= inst.load[v];
      }
    };
    assign(0, 0);
  }
  return best;
}

describe('exact expansion with HiGHS', () => {
  it.each(SEEDS)('finds the brute-force optimum, at least the greedy value and at most the greedy bound (seed %i)', async (seed) => {
    const rng = mulberry32(seed);
    const n = 2 + randInt(rng, 7);
    const inst = randomInstance(rng, n, 2 + randInt(rng, 7), 1 + randInt(rng, 4));
    const k = 1 + randInt(rng, Math.min(3, n));
    const capacity = rng() < 0.5 ? Infinity : 15 + randInt(rng, 40);
    const cost = new Float64Array(n).fill(1);
    const greedy = runToEnd(greedyExpansion(inst, { phaseBudgets: [k], cost, capacity, group: null, groupMinimum: 0 }));
    const model = buildExactModel(inst, { budget: k, cost, capacity, group: null, need: null }, 1e30);
    const servedBy = new Map<number, number>();
    greedy.sites.forEach((site, i) => greedy.servedVillage.subarray(greedy.servedStart[i], greedy.servedStart[i + 1]).forEach((v) => servedBy.set(v, site)));
    const result = await solveExact(model, { start: startFromPlan(model, greedy.sites, servedBy), timeLimitS: 30 });
    expect(result.optimal, seedMsg(seed, result.status)).toBe(true);
    const optimum = bruteOptimum(inst, k, capacity, null, null);
    expect(result.objective!).toBeCloseTo(optimum, 6);
    expect(result.objective!).toBeGreaterThanOrEqual(greedy.value - 1e-6);
    expect(result.objective!).toBeLessThanOrEqual(greedy.bound + 1e-6);
    expect(result.dualBound).toBeGreaterThanOrEqual(result.objective! - 1e-6);

    // the plan read back from the solution has the solver's value, sites within budget, villages once
    const plan = planFromSolution(inst, model, result.colValue!, { cost, capacity, phaseBudgets: [k], bound: result.dualBound });
    expect(plan.value).toBeCloseTo(result.objective!, 6);
    expect(plan.sites.length).toBeLessThanOrEqual(k);
    const served = [...plan.servedVillage];
    expect(new Set(served).size).toBe(served.length);
    if (capacity !== Infinity) {
      plan.sites.forEach((_, i) => {
        const load = [...plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1])].reduce((s, v) => s + inst.load[v], 0);
        expect(load).toBeLessThanOrEqual(capacity);
      });
    }
  });

  it('meets county minimums, or reports the model infeasible', async () => {
    const rng = mulberry32(77);
    const inst = randomInstance(rng, 8, 10, 4);
    const group = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2]);
    const cost = new Float64Array(8).fill(1);
    const need = Uint32Array.from([1, 1, 1]);
    const model = buildExactModel(inst, { budget: 3, cost, capacity: Infinity, group, need }, 1e30);
    const result = await solveExact(model, { start: null, timeLimitS: 30 });
    expect(result.optimal).toBe(true);
    const chosen = [0, 1, 2, 3, 4, 5, 6, 7].filter((c) => result.colValue![c] > 0.5);
    expect(new Set(chosen.map((c) => group[c])).size).toBe(3);
    expect(result.objective!).toBeCloseTo(bruteOptimum(inst, 3, Infinity, group, need), 6);

    const tooFew = buildExactModel(inst, { budget: 2, cost, capacity: Infinity, group, need }, 1e30);
    const infeasible = await solveExact(tooFew, { start: null, timeLimitS: 30 });
    expect(infeasible.infeasible).toBe(true);
    expect(infeasible.colValue).toBeNull();
  });

  it('stops when cancelled', async () => {
    const rng = mulberry32(5);
    const inst = randomInstance(rng, 8, 10, 4);
    const model = buildExactModel(inst, { budget: 2, cost: new Float64Array(8).fill(1), capacity: Infinity, group: null, need: null }, 1e30);
    const controller = new AbortController();
    const solving = solveExact(model, { start: null, timeLimitS: 30, signal: controller.signal });
    controller.abort();
    await expect(solving).rejects.toBeInstanceOf(SolverCancelled);
  });
});

describe('the Lagrangian bound', () => {
  it.each(SEEDS)('is at least the optimum and at most the greedy bound (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const n = 2 + randInt(rng, 8);
    const inst = randomInstance(rng, n, 2 + randInt(rng, 10), 1 + randInt(rng, 5));
    const k = 1 + randInt(rng, Math.min(3, n));
    const cost = new Float64Array(n).fill(1);
    const greedy = runToEnd(greedyExpansion(inst, { phaseBudgets: [k], cost, capacity: Infinity, group: null, groupMinimum: 0 }));
    const bound = runToEnd(lagrangianBound(inst, cost, k, greedy.value, 40));
    expect(bound, seedMsg(seed)).toBeGreaterThanOrEqual(bruteOptimum(inst, k, Infinity, null, null) - 1e-6);
    expect(bound).toBeLessThanOrEqual(greedy.bound + 1e-6);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORY_WEIGHTS } from '../../../../server/domain/index.ts';
import { assignWorkers, STATUS_SERVED } from '../../../../server/engine/assign_workers.ts';
import { buildDatasetIndex } from '../../../../server/engine/dataset_index.ts';
import { equityShortfall } from '../../../../server/engine/expansion/equity.ts';
import { greedyExpansion, type ExpansionOptions } from '../../../../server/engine/expansion/greedy.ts';
import { improveCaseloads } from '../../../../server/engine/expansion/improve.ts';
import { packBest } from '../../../../server/engine/expansion/site_value.ts';
import { runToEnd } from '../../../../server/engine/expansion/steps.ts';
import { buildExpansionInstance, villageWeight, type ExpansionInstance } from '../../../../server/engine/expansion/instance.ts';
import { mulberry32, randInt, randomDataset, seedMsg, turfKm, vulnerableOf, type Rng } from '../random_dataset.ts';
import { randomInstance } from './random_instance.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => 9100 + i);

describe('expansion instance', () => {
  it.each(SEEDS)('candidates are the villages on no roster, reaching the unserved villages within reach (turf) (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const cols = randomDataset(seed, { layout: rng() < 0.7 ? 'box' : 'mixed', maxVillages: 150 });
    const index = buildDatasetIndex(cols);
    const reachKm = 1 + rng() * 15;
    const assignment = assignWorkers(cols, index, { workerReachKm: reachKm, enforceCapacity: rng() < 0.5, capacityOverride: null });
    const capacity = rng() < 0.5 ? Infinity : 5 + randInt(rng, 60);
    const inst = buildExpansionInstance(cols, index, assignment, { reachKm, weights: DEFAULT_CATEGORY_WEIGHTS, capacity, range: [0, cols.villages.count], list: null });
    const { villages, workers } = cols;

    const onRoster = new Set<number>();
    for (let r = 0; r < workers.rosterVillage.length; r++) if (workers.rosterVillage[r] >= 0) onRoster.add(workers.rosterVillage[r]);
    const expected = Array.from({ length: villages.count }, (_, v) => v).filter((v) => !onRoster.has(v));
    expect([...inst.candidates], seedMsg(seed)).toEqual(expected);

    inst.candidates.forEach((c, k) => {
      const got = [...inst.adjVillage.subarray(inst.adjStart[k], inst.adjStart[k + 1])];
      for (let v = 0; v < villages.count; v++) {
        if (assignment.status[v] === STATUS_SERVED || vulnerableOf(villages, v) > capacity) {
          expect(got, seedMsg(seed, `village ${v} is served, or too large for one worker: not demand`)).not.toContain(v);
          continue;
        }
        const km = turfKm(villages.lon[c], villages.lat[c], villages.lon[v], villages.lat[v]);
        if (km < reachKm - 1e-3) expect(got, seedMsg(seed, `village ${v} at ${km} km of candidate ${c}`)).toContain(v);
        if (km > reachKm + 1e-3) expect(got, seedMsg(seed)).not.toContain(v);
      }
      // listed in the order a worker takes them: weight per child descending, then index
      for (let i = 1; i < got.length; i++) {
        const [d0, d1] = [inst.density[got[i - 1]], inst.density[got[i]]];
        expect(d0 > d1 || (d0 === d1 && got[i - 1] < got[i])).toBe(true);
      }
    });
    for (let v = 0; v < villages.count; v++) {
      const demand = assignment.status[v] !== STATUS_SERVED && vulnerableOf(villages, v) <= capacity;
      expect(inst.weight[v]).toBe(demand ? villageWeight(cols, v, DEFAULT_CATEGORY_WEIGHTS) : 0);
    }
  });
});

/**
 * A site's value, written plainly: without a capacity, all untaken villages; with one, the bound
 * is the fractional knapsack (by weight per child, then index), and what it takes is the best
 * whole-village caseload (checked against brute force below).
 */
function referenceGain(inst: ExpansionInstance, k: number, taken: Set<number>, capacity: number): { gain: number; bound: number; villages: number[] } {
  const near = [...inst.adjVillage.subarray(inst.adjStart[k], inst.adjStart[k + 1])].filter((v) => !taken.has(v));
  if (capacity === Infinity) {
    const gain = near.reduce((s, v) => s + inst.weight[v], 0);
    return { gain, bound: gain, villages: near };
  }
  const d = inst.density;
  const order = [...near].sort((a, b) => (d[a] !== d[b] ? (d[a] > d[b] ? -1 : 1) : a - b));
  let room = capacity, bound = 0;
  for (const v of order) {
    if (inst.load[v] <= room) {
      room -= inst.load[v];
      bound += inst.weight[v];
    } else {
      bound += (inst.weight[v] * room) / inst.load[v];
      break;
    }
  }
  const villages: number[] = [];
  const gain = packBest(inst, order, capacity, villages);
  return { gain, bound, villages };
}

/** The best subset of villages within the capacity, by enumeration. */
function bruteKnapsack(inst: ExpansionInstance, items: number[], capacity: number): number {
  let best = 0;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    let load = 0, weight = 0;
    items.forEach((v, i) => {
      if (mask & (1 << i)) {
        load += inst.load[v];
        weight += inst.weight[v];
      }
    });
    if (load <= capacity) best = Math.max(best, weight);
  }
  return best;
}

describe('packBest', () => {
  it.each(SEEDS)('carries the most weighted children one worker can (brute force) (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const inst = randomInstance(rng, 1, 14, 14);
    const items = [...inst.adjVillage.subarray(inst.adjStart[0], inst.adjStart[1])];
    const capacity = randInt(rng, 120);
    const taken: number[] = [];
    const value = packBest(inst, items, capacity, taken);
    expect(value, seedMsg(seed)).toBeCloseTo(bruteKnapsack(inst, items, capacity), 9);
    expect(taken.reduce((s, v) => s + inst.load[v], 0)).toBeLessThanOrEqual(capacity);
    expect(taken.reduce((s, v) => s + inst.weight[v], 0)).toBeCloseTo(value, 9);
  });
});

describe('improveCaseloads', () => {
  it.each(SEEDS)('never lowers the value, keeps every caseload within capacity and every village to one site (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const n = 2 + randInt(rng, 40);
    const inst = randomInstance(rng, n, 5 + randInt(rng, 60), 2 + randInt(rng, 10));
    const capacity = 10 + randInt(rng, 60);
    const plan = runToEnd(greedyExpansion(inst, { phaseBudgets: [1 + randInt(rng, 6)], cost: new Float64Array(n).fill(1), capacity, group: null, groupMinimum: 0 }));
    const better = improveCaseloads(inst, plan, capacity);
    expect(better.value).toBeGreaterThanOrEqual(plan.value - 1e-9);
    expect([...better.sites]).toEqual([...plan.sites]);
    const seen = new Set<number>();
    better.sites.forEach((k, i) => {
      const list = [...better.servedVillage.subarray(better.servedStart[i], better.servedStart[i + 1])];
      const reach = new Set(inst.adjVillage.subarray(inst.adjStart[k], inst.adjStart[k + 1]));
      expect(list.reduce((s, v) => s + inst.load[v], 0)).toBeLessThanOrEqual(capacity);
      expect(list.reduce((s, v) => s + inst.weight[v], 0)).toBeCloseTo(better.gain[i], 9);
      for (const v of list) {
        expect(reach.has(v)).toBe(true);
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      }
    });
    expect(better.value).toBeCloseTo(better.gain.reduce((a, b) => a + b, 0), 9);
  });
});

/** Plain greedy: every step evaluates every affordable candidate; best value (bound) per cost, lower index on ties. */
function referenceGreedy(inst: ExpansionInstance, o: ExpansionOptions) {
  const taken = new Set<number>();
  const chosen = new Set<number>();
  const sites: number[] = [];
  const phases: number[] = [];
  let remaining = 0;
  let value = 0;
  for (let p = 0; p < o.phaseBudgets.length; p++) {
    remaining += o.phaseBudgets[p];
    for (;;) {
      let best = -1, bestRatio = -Infinity;
      for (let k = 0; k < inst.candidates.length; k++) {
        if (chosen.has(k) || o.cost[k] > remaining + 1e-9) continue;
        const { gain, bound } = referenceGain(inst, k, taken, o.capacity);
        if (gain > 1e-9 && bound / o.cost[k] > bestRatio) {
          best = k;
          bestRatio = bound / o.cost[k];
        }
      }
      if (best < 0) break;
      const { gain, villages } = referenceGain(inst, best, taken, o.capacity);
      for (const v of villages) taken.add(v);
      chosen.add(best);
      sites.push(best);
      phases.push(p);
      value += gain;
      remaining -= o.cost[best];
    }
  }
  return { sites, phases, value };
}

function randomOptions(rng: Rng, n: number): ExpansionOptions {
  const budgetMode = rng() < 0.4;
  const phases = 1 + randInt(rng, 3);
  return {
    phaseBudgets: Array.from({ length: phases }, () => (budgetMode ? 1 + rng() * 6 : 1 + randInt(rng, 4))),
    cost: Float64Array.from({ length: n }, () => (budgetMode ? 0.5 + randInt(rng, 6) / 2 : 1)),
    capacity: rng() < 0.5 ? Infinity : 10 + randInt(rng, 80),
    group: null,
    groupMinimum: 0,
  };
}

describe('lazy greedy', () => {
  it.each(SEEDS)('chooses exactly what the plain greedy chooses, and its bound is at least its value (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const n = 1 + randInt(rng, 60);
    const inst = randomInstance(rng, n, 1 + randInt(rng, 80), 1 + randInt(rng, 12));
    const o = randomOptions(rng, n);
    const plan = runToEnd(greedyExpansion(inst, o));
    const ref = referenceGreedy(inst, o);
    expect([...plan.sites], seedMsg(seed)).toEqual(ref.sites);
    expect([...plan.phase], seedMsg(seed)).toEqual(ref.phases);
    expect(plan.value).toBeCloseTo(ref.value, 9);
    expect(plan.bound).toBeGreaterThanOrEqual(plan.value - 1e-9);
    // what each site serves adds up to its gain, and no village is served twice
    const seen = new Set<number>();
    plan.sites.forEach((_, i) => {
      const served = [...plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1])];
      expect(served.reduce((s, v) => s + inst.weight[v], 0)).toBeCloseTo(plan.gain[i], 9);
      for (const v of served) {
        expect(seen.has(v)).toBe(false);
        seen.add(v);
      }
    });
    // per phase: cumulative value and cost never fall, and each phase keeps to its budget
    let budget = 0;
    for (let p = 0; p < o.phaseBudgets.length; p++) {
      budget += o.phaseBudgets[p];
      expect(plan.phaseCost[p]).toBeLessThanOrEqual(budget + 1e-9);
      expect(plan.phaseBound[p]).toBeGreaterThanOrEqual(plan.phaseValue[p] - 1e-9);
      if (p > 0) expect(plan.phaseValue[p]).toBeGreaterThanOrEqual(plan.phaseValue[p - 1]);
    }
  });

  it.each(SEEDS.slice(0, 20))('with one site and no capacity, equals the best single site (brute force) (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const n = 1 + randInt(rng, 40);
    const inst = randomInstance(rng, n, 1 + randInt(rng, 60), 1 + randInt(rng, 10));
    const capacity = Infinity;
    const plan = runToEnd(greedyExpansion(inst, { phaseBudgets: [1], cost: new Float64Array(n).fill(1), capacity, group: null, groupMinimum: 0 }));
    const best = Math.max(0, ...Array.from({ length: n }, (_, k) => referenceGain(inst, k, new Set(), capacity).gain));
    expect(plan.value).toBeCloseTo(best, 9);
  });

  it.each(SEEDS.slice(0, 20))('meets county minimums when the budget allows, and says which counties it cannot (seed %i)', (seed) => {
    const rng = mulberry32(seed);
    const n = 5 + randInt(rng, 50);
    const inst = randomInstance(rng, n, 1 + randInt(rng, 80), 1 + randInt(rng, 8));
    const groups = 1 + randInt(rng, 6);
    const group = Int32Array.from({ length: n }, () => (rng() < 0.1 ? -1 : randInt(rng, groups)));
    const minimum = 1 + randInt(rng, 3);
    const k = 1 + randInt(rng, 12);
    const o: ExpansionOptions = { phaseBudgets: [k], cost: new Float64Array(n).fill(1), capacity: Infinity, group, groupMinimum: minimum };
    const plan = runToEnd(greedyExpansion(inst, o));
    const short = equityShortfall(plan.sites, group, minimum);
    const inGroup = Array.from({ length: groups }, (_, g) => group.filter((x) => x === g).length);
    const needed = inGroup.reduce((s, c) => s + Math.min(c, minimum), 0);
    if (needed <= k) {
      // every group gets its minimum (or all its candidates, reported as too few)
      for (const s of short) expect(s.reason, seedMsg(seed)).toBe('fewCandidates');
    } else {
      // every site goes to a county still below its minimum, and some stay below
      expect(short.length, seedMsg(seed)).toBeGreaterThan(0);
      expect(plan.sites.length).toBe(k);
      for (const site of plan.sites) expect(group[site]).toBeGreaterThanOrEqual(0);
    }
    for (let g = 0; g < groups; g++) {
      const placed = [...plan.sites].filter((s) => group[s] === g).length;
      const listed = short.find((s) => s.group === g);
      if (placed < Math.min(minimum, inGroup[g]) || (inGroup[g] > 0 && inGroup[g] < minimum)) expect(listed, seedMsg(seed, `group ${g}`)).toBeDefined();
    }
    expect(plan.bound).toBeGreaterThanOrEqual(plan.value - 1e-9);
  });
});

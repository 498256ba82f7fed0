import { CHILD_CATEGORIES, EXACT_MAX_CANDIDATES, resolveParams, type AnalysisParams, type CategoryCounts, type PlanProgress, type PlanRequest, type PlanResult, type PlanSite } from '../domain/index.ts';
import type { DatasetColumns } from '../engine/columns.ts';
import type { DatasetAnalysis } from '../engine/dataset_analysis.ts';
import { groupNeeds, equityShortfall } from '../engine/expansion/equity.ts';
import { buildExactModel, startFromPlan } from '../engine/expansion/exact_model.ts';
import { planFromSolution } from '../engine/expansion/exact_plan.ts';
import { greedyExpansion, type ExpansionPlan } from '../engine/expansion/greedy.ts';
import { improveCaseloads } from '../engine/expansion/improve.ts';
import { expansionInstance, tooLargeForOneWorker, type ExpansionInstance } from '../engine/expansion/instance.ts';
import { lagrangianBound } from '../engine/expansion/lagrangian_bound.ts';
import type { Progress } from '../engine/expansion/steps.ts';
import { solveExact, type SolverProgress } from './exact_solver.ts';

/** A request the data cannot satisfy (more sites than candidates, an unknown village...): the caller's to fix. */
export class PlanInputError extends Error {}

export class PlanCancelled extends Error {
  constructor() {
    super('the planning run was cancelled');
  }
}

export interface PlanSubject {
  datasetId: number;
  columns: DatasetColumns;
  analysis: DatasetAnalysis;
}

export interface PlanHooks {
  signal: AbortSignal;
  onProgress: (p: Omit<PlanProgress, 'state'>) => void;
  /** how long the Lagrangian bound may keep tightening, in ms */
  boundTimeMs?: number;
  /** the plan as soon as it is chosen, while its bound is still being tightened */
  onProvisional?: (result: PlanResult) => void;
}

/** Everything a finished run knows: what the user sees, and what "why this village" and saving need. */
export interface PlanOutcome {
  datasetId: number;
  request: PlanRequest;
  params: AnalysisParams;
  instance: ExpansionInstance;
  plan: ExpansionPlan;
  /** per candidate: its cost */
  cost: Float64Array;
  result: PlanResult;
}

/** What a plan is solved with: candidates, their costs and counties, budgets per phase, capacity. */
export interface PlanSetup {
  instance: ExpansionInstance;
  cost: Float64Array;
  group: Int32Array;
  groupCodes: string[];
  budgets: number[];
  capacity: number;
  /** the villages in scope: a unit's are one range of indices */
  range: [number, number];
}

const SLICE_MS = 30;

/**
 * Runs a planning request to its end: builds the instance, chooses sites (greedy, or exact with
 * HiGHS for small instances), tightens the bound, and assembles the result. Work is done in
 * slices of a few tens of milliseconds so other requests are answered meanwhile, progress is
 * reported, and `signal` stops it between slices.
 */
export async function runPlan(subject: PlanSubject, request: PlanRequest, hooks: PlanHooks): Promise<PlanOutcome> {
  const started = performance.now();
  checkPlanRequest(subject, request);
  const params = resolveParams(request.params);
  hooks.onProgress({ step: 'preparing', done: 0, total: 1, message: null });
  await subject.analysis.prepare(params);
  checkCancelled(hooks.signal);

  const setup = await drive(planSetup(subject, request, params), hooks, 'candidates');
  const { instance, cost, budgets, capacity, group } = setup;

  const notes: string[] = [];
  const tooLarge = capacity === Infinity ? 0 : tooLargeForOneWorker(subject.columns, subject.analysis.assignment(params), capacity, setup.range);
  if (tooLarge > 0) notes.push(`tooLarge:${tooLarge}`);

  const chosen = await drive(greedyExpansion(instance, { phaseBudgets: budgets, cost, capacity, group, groupMinimum: request.countyMinimum }), hooks, 'choosing');
  const greedy = improveCaseloads(instance, chosen, capacity);
  if (greedy.exhausted) notes.push('exhausted');

  let plan = greedy;
  let boundKind: PlanResult['boundKind'] = 'marginal';
  let optimal = false;
  if (request.method === 'exact') {
    const solved = await solveExactly(setup, request, greedy, hooks);
    plan = solved.plan;
    optimal = solved.optimal;
    boundKind = 'solver';
    notes.push(...solved.notes);
  } else if (capacity === Infinity) {
    hooks.onProvisional?.(describePlan(subject.columns, request, setup, plan, { boundKind, optimal, notes, elapsedMs: performance.now() - started }));
    // tighten the final bound for as long as allowed
    const total = budgets.reduce((a, b) => a + b, 0);
    const deadline = performance.now() + (hooks.boundTimeMs ?? 2000);
    const gen = lagrangianBound(instance, cost, total, plan.value, 60);
    let best = plan.bound;
    for (let r = gen.next(), i = 1; !r.done && performance.now() < deadline; r = gen.next(), i++) {
      best = Math.min(best, r.value);
      hooks.onProgress({ step: 'bounding', done: i, total: 60, message: null });
      await yieldTurn(hooks.signal);
    }
    if (best < plan.bound - 1e-9) {
      plan = { ...plan, bound: Math.max(plan.value, best), phaseBound: Float64Array.from(plan.phaseBound, (b, p) => (p === budgets.length - 1 ? Math.max(plan.value, best) : b)) };
      boundKind = 'lagrangian';
    }
  }
  hooks.onProgress({ step: 'finished', done: 1, total: 1, message: null });
  const result = describePlan(subject.columns, request, setup, plan, { boundKind, optimal, notes, elapsedMs: performance.now() - started });
  return { datasetId: subject.datasetId, request, params, instance, plan, cost, result };
}

/**
 * What can be checked before any work: the unit and listed villages exist, there are
 * candidates, a number of workers does not exceed them, the exact solver gets a small instance.
 * Throws PlanInputError with a message for the user.
 */
export function checkPlanRequest(subject: PlanSubject, request: PlanRequest): void {
  const { villages, admin } = subject.columns;
  const { index } = subject.analysis;
  let [from, to] = [0, villages.count];
  if (request.unit !== null) {
    const u = admin.index.get(request.unit);
    if (u === undefined) throw new PlanInputError(`no administrative unit ${request.unit} in this dataset`);
    [from, to] = [index.unitStart[u], index.unitEnd[u]];
  }
  const unknown = [...(request.candidates ?? []), ...(request.target.kind === 'budget' ? Object.keys(request.target.siteCosts) : [])].filter((c) => !villages.index.has(c));
  if (unknown.length) throw new PlanInputError(`${unknown.length} listed villages are not in this dataset, e.g. ${unknown.slice(0, 3).join(', ')}`);
  let candidates = 0;
  const scope = request.candidates ? [...new Set(request.candidates.map((c) => villages.index.get(c)!))] : null;
  if (scope) {
    for (const v of scope) if (v >= from && v < to && index.rosterWorker[v] < 0) candidates++;
  } else {
    for (let v = from; v < to; v++) if (index.rosterWorker[v] < 0) candidates++;
  }
  if (candidates === 0) throw new PlanInputError('no candidate villages here: every village in scope already has a worker');
  if (request.target.kind === 'workers') {
    const total = request.target.perPhase.reduce((a, b) => a + b, 0);
    if (total > candidates) throw new PlanInputError(`the plan asks for ${total} new workers but there are only ${candidates} candidate villages`);
  }
  if (request.method === 'exact' && candidates > EXACT_MAX_CANDIDATES)
    throw new PlanInputError(`the exact solver takes up to ${EXACT_MAX_CANDIDATES} candidate villages (about a county); this scope has ${candidates}: choose a county, or the greedy method`);
}

/** Candidates in scope, their costs and counties, the instance, the phase budgets. */
export function* planSetup(subject: PlanSubject, request: PlanRequest, params: AnalysisParams): Generator<Progress, PlanSetup> {
  const { columns, analysis } = subject;
  const { villages, admin } = columns;
  let range: [number, number] = [0, villages.count];
  if (request.unit !== null) {
    const u = admin.index.get(request.unit)!;
    range = [analysis.index.unitStart[u], analysis.index.unitEnd[u]];
  }
  const list = request.candidates && Int32Array.from(new Set(request.candidates.map((c) => villages.index.get(c)!)));
  const capacity = params.enforceCapacity ? request.newWorkerCapacity : Infinity;
  const instance = yield* expansionInstance(columns, analysis.index, analysis.assignment(params), { reachKm: params.workerReachKm, weights: params.weights, capacity, range, list });

  const n = instance.candidates.length;
  const t = request.target;
  const cost = new Float64Array(n).fill(t.kind === 'budget' ? t.costPerSite : 1);
  if (t.kind === 'budget') {
    for (let k = 0; k < n; k++) cost[k] = t.siteCosts[villages.code[instance.candidates[k]]] ?? t.costPerSite;
  }
  // Counties by admin unit: each village's deepest unit, walked up to its county once per unit
  // (not once per village: a national plan has 355,000 candidates).
  const { villageUnit, prefixParent } = analysis.index;
  const countyOfUnit = new Int32Array(admin.count).fill(-2);
  const countyOf = (u: number): number => {
    if (u < 0) return -1;
    if (countyOfUnit[u] === -2) countyOfUnit[u] = admin.code[u].length === 6 ? u : admin.code[u].length < 6 ? -1 : countyOf(prefixParent[u]);
    return countyOfUnit[u];
  };
  const groupOfCounty = new Map<number, number>();
  const groupCodes: string[] = [];
  const group = Int32Array.from(instance.candidates, (v) => {
    const county = countyOf(villageUnit[v]);
    if (county < 0) return -1;
    let g = groupOfCounty.get(county);
    if (g === undefined) {
      g = groupCodes.length;
      groupOfCounty.set(county, g);
      groupCodes.push(admin.code[county]);
    }
    return g;
  });
  return { instance, cost, group, groupCodes, budgets: [...t.perPhase], capacity, range };
}

async function solveExactly(setup: PlanSetup, request: PlanRequest, greedy: ExpansionPlan, hooks: PlanHooks): Promise<{ plan: ExpansionPlan; optimal: boolean; notes: string[] }> {
  const { instance, cost, budgets, capacity, group } = setup;
  const budget = budgets.reduce((a, b) => a + b, 0);
  const notes: string[] = [];
  let need: Uint32Array | null = null;
  if (request.countyMinimum > 0) {
    need = groupNeeds(group, request.countyMinimum).need;
    // the cheapest way to meet every minimum: if even that is over budget, solve without them
    const cheapest = new Float64Array(need.length).fill(Infinity);
    for (let k = 0; k < group.length; k++) cheapest[group[k]] = Math.min(cheapest[group[k]], cost[k]);
    const needed = need.reduce((s, m, g) => s + (m ? m * cheapest[g] : 0), 0);
    if (needed > budget + 1e-9) {
      notes.push('equityInfeasible');
      need = null;
    }
  }
  const model = buildExactModel(instance, { budget, cost, capacity, group, need }, Infinity);
  const servedBy = new Map<number, number>();
  greedy.sites.forEach((site, i) => greedy.servedVillage.subarray(greedy.servedStart[i], greedy.servedStart[i + 1]).forEach((v) => servedBy.set(v, site)));
  // the greedy plan is a feasible start only if it meets the minimums the model enforces
  const meetsMinimums = need === null || equityShortfall(greedy.sites, group, request.countyMinimum).every((s) => s.reason === 'fewCandidates');
  hooks.onProgress({ step: 'solving', done: 0, total: 1, message: null });
  const result = await solveExact(model, {
    start: meetsMinimums ? startFromPlan(model, greedy.sites, servedBy) : null,
    timeLimitS: request.timeLimitS,
    signal: hooks.signal,
    onProgress: (p: SolverProgress) => hooks.onProgress({ step: 'solving', done: 0, total: 1, message: p.gap === null ? null : `gap ${(100 * p.gap).toFixed(2)}%` }),
  }).catch((err: unknown) => {
    if (hooks.signal.aborted) throw new PlanCancelled();
    throw err;
  });
  if (!result.colValue) {
    if (result.infeasible) throw new PlanInputError('no plan meets every county minimum within this budget');
    throw new PlanInputError(`the solver found no plan in ${request.timeLimitS} s (${result.status}); allow more time or use the greedy method`);
  }
  if (!result.optimal) notes.push(`solverStopped:${result.status}`);
  // the solver's bound and the greedy's are both valid: report the smaller (a solve stopped
  // early may not have improved on its root relaxation yet)
  const bound = Math.max(result.objective ?? 0, Math.min(result.dualBound, greedy.bound));
  return { plan: planFromSolution(instance, model, result.colValue, { cost, capacity, phaseBudgets: budgets, bound }), optimal: result.optimal, notes };
}

/** The result the user sees: sites with names and what each serves, totals, phases, bound, equity. */
export function describePlan(
  columns: DatasetColumns,
  request: PlanRequest,
  setup: PlanSetup,
  plan: ExpansionPlan,
  extra: Pick<PlanResult, 'boundKind' | 'optimal' | 'notes' | 'elapsedMs'>,
): PlanResult {
  const { villages, admin } = columns;
  const { instance, cost, group, groupCodes } = setup;
  const total = emptyCounts();
  const sites: PlanSite[] = Array.from(plan.sites, (k, i) => {
    const v = instance.candidates[k];
    const served = emptyCounts();
    const list = plan.servedVillage.subarray(plan.servedStart[i], plan.servedStart[i + 1]);
    for (const u of list) addVillage(columns, u, served);
    addCounts(total, served);
    return {
      rank: i + 1,
      phase: plan.phase[i] + 1,
      year: request.firstYear + plan.phase[i],
      code: villages.code[v],
      name: villages.name[v],
      lon: villages.lon[v],
      lat: villages.lat[v],
      gain: plan.gain[i],
      served,
      villages: list.length,
      cost: cost[k],
    };
  });
  const phases = Array.from(plan.phaseValue, (value, p) => ({
    phase: p + 1,
    year: request.firstYear + p,
    sites: sites.filter((s) => s.phase === p + 1).length,
    cost: plan.phaseCost[p],
    value,
    bound: Number.isNaN(plan.phaseBound[p]) ? null : plan.phaseBound[p],
  }));
  let equity: PlanResult['equity'] = null;
  if (request.countyMinimum > 0) {
    const short = equityShortfall(plan.sites, group, request.countyMinimum).map((s) => ({
      code: groupCodes[s.group],
      name: admin.name[admin.index.get(groupCodes[s.group]) ?? -1] ?? groupCodes[s.group],
      sites: s.sites,
      reason: s.reason,
    }));
    equity = { countyMinimum: request.countyMinimum, counties: groupCodes.length, short };
  }
  return {
    method: request.method,
    value: plan.value,
    bound: plan.bound,
    gapPercent: plan.bound > 0 ? (100 * (plan.bound - plan.value)) / plan.bound : 0,
    sites,
    phases,
    served: total,
    villagesServed: plan.servedVillage.length,
    cost: sites.reduce((s, x) => s + x.cost, 0),
    candidates: instance.candidates.length,
    equity,
    ...extra,
  };
}

export function emptyCounts(): CategoryCounts {
  return { children: 0, leftBehind: 0, disabled: 0, orphaned: 0, difficult: 0 };
}

export function addVillage(columns: DatasetColumns, v: number, into: CategoryCounts): void {
  into.children += columns.villages.children[v];
  for (const c of CHILD_CATEGORIES) into[c] += columns.villages[c][v];
}

function addCounts(into: CategoryCounts, from: CategoryCounts): void {
  into.children += from.children;
  for (const c of CHILD_CATEGORIES) into[c] += from[c];
}

/** Runs a step-by-step analysis in slices, reporting progress and giving other requests a turn. */
async function drive<T>(gen: Generator<Progress, T>, hooks: PlanHooks, step: PlanProgress['step']): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    hooks.onProgress({ step, done: r.value.done, total: r.value.total, message: null });
    await yieldTurn(hooks.signal);
    sliceStart = performance.now();
  }
}

async function yieldTurn(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  checkCancelled(signal);
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new PlanCancelled();
}

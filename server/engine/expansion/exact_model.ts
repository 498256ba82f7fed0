import type { ExpansionInstance } from './instance.ts';

/**
 * The expansion problem as a mixed-integer programme, in the sparse row form HiGHS takes.
 *
 * Without capacity (weighted maximum coverage):
 *   max  sum_v w_v x_v
 *   s.t. x_v <= sum_{c reaching v} y_c      (a village counts once a chosen site reaches it)
 *        sum_c cost_c y_c <= budget
 *        sum_{c in county g} y_c >= need_g   (equity)
 *        y binary, 0 <= x <= 1               (x is integral at an optimum)
 * With capacity, each village goes to at most one site and a site carries at most its capacity:
 *   max  sum_(c,v) w_v z_cv
 *   s.t. sum_c z_cv <= 1,  z_cv <= y_c,  sum_v load_v z_cv <= capacity * y_c,  budget, equity
 *        y, z binary
 * Villages of no weight are left out: they change nothing.
 */
export interface ExactModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** constraint matrix by rows */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** columns 0 .. candidates-1 are the sites y_c; the rest serve villages */
  candidates: number;
  /** per column after the sites: the village it serves, and (with capacity) the site that serves it */
  colVillage: Int32Array;
  colSite: Int32Array;
}

export interface ExactOptions {
  budget: number;
  cost: Float64Array;
  capacity: number;
  group: Int32Array | null;
  /** per group: the sites it must get (0 for none) */
  need: Uint32Array | null;
}

class RowBuilder {
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];
  lower: number[] = [];
  upper: number[] = [];

  add(cols: number[], vals: number[], lower: number, upper: number): void {
    this.indices.push(...cols);
    this.values.push(...vals);
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
  }
}

export function buildExactModel(inst: ExpansionInstance, o: ExactOptions, infinity: number): ExactModel {
  const n = inst.candidates.length;
  const { adjStart, adjVillage, weight, load } = inst;
  const rows = new RowBuilder();
  const colVillage: number[] = [];
  const colSite: number[] = [];
  const colCost: number[] = [];
  const integer: number[] = [];

  if (o.capacity === Infinity) {
    // one x per village of weight that some candidate reaches, with the candidates reaching it
    const reachedBy = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      for (let e = adjStart[k]; e < adjStart[k + 1]; e++) {
        const v = adjVillage[e];
        if (weight[v] <= 0) continue;
        let list = reachedBy.get(v);
        if (!list) reachedBy.set(v, (list = []));
        list.push(k);
      }
    }
    for (const [v, sites] of reachedBy) {
      const col = n + colVillage.length;
      colVillage.push(v);
      colSite.push(-1);
      colCost.push(weight[v]);
      integer.push(0);
      rows.add([col, ...sites], [1, ...sites.map(() => -1)], -infinity, 0);
    }
  } else {
    const edgesOf = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      const capacityRow: number[] = [], capacityVal: number[] = [];
      for (let e = adjStart[k]; e < adjStart[k + 1]; e++) {
        const v = adjVillage[e];
        if (weight[v] <= 0 || load[v] > o.capacity) continue;
        const col = n + colVillage.length;
        colVillage.push(v);
        colSite.push(k);
        colCost.push(weight[v]);
        integer.push(1);
        let list = edgesOf.get(v);
        if (!list) edgesOf.set(v, (list = []));
        list.push(col);
        rows.add([col, k], [1, -1], -infinity, 0);
        capacityRow.push(col);
        capacityVal.push(load[v]);
      }
      if (capacityRow.length) rows.add([...capacityRow, k], [...capacityVal, -o.capacity], -infinity, 0);
    }
    for (const cols of edgesOf.values()) if (cols.length > 1) rows.add(cols, cols.map(() => 1), -infinity, 1);
  }

  const sites = Array.from({ length: n }, (_, k) => k);
  rows.add(sites, Array.from(o.cost), -infinity, o.budget);
  if (o.group && o.need) {
    const members = new Map<number, number[]>();
    for (let k = 0; k < n; k++) {
      const g = o.group[k];
      if (g < 0 || !o.need[g]) continue;
      let list = members.get(g);
      if (!list) members.set(g, (list = []));
      list.push(k);
    }
    for (const [g, list] of members) rows.add(list, list.map(() => 1), o.need[g], infinity);
  }

  const numCols = n + colVillage.length;
  return {
    numCols,
    numRows: rows.lower.length,
    colCost: Float64Array.from([...new Array<number>(n).fill(0), ...colCost]),
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    integrality: Int32Array.from([...new Array<number>(n).fill(1), ...integer]),
    rowLower: Float64Array.from(rows.lower),
    rowUpper: Float64Array.from(rows.upper),
    starts: Int32Array.from(rows.starts),
    indices: Int32Array.from(rows.indices),
    values: Float64Array.from(rows.values),
    candidates: n,
    colVillage: Int32Array.from(colVillage),
    colSite: Int32Array.from(colSite),
  };
}

/** A starting point for the solver from a plan's chosen sites and the villages each serves. */
export function startFromPlan(model: ExactModel, sites: ArrayLike<number>, servedBy: Map<number, number>): Float64Array {
  const x = new Float64Array(model.numCols);
  for (let i = 0; i < sites.length; i++) x[sites[i]] = 1;
  for (let j = 0; j < model.colVillage.length; j++) {
    const site = servedBy.get(model.colVillage[j]);
    if (site === undefined) continue;
    if (model.colSite[j] < 0 || model.colSite[j] === site) x[model.candidates + j] = 1;
  }
  return x;
}

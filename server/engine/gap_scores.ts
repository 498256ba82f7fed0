import { CHILD_CATEGORIES, SERVICE_TYPES, type ChildCategory, type ServiceType } from '../domain/index.ts';
import { STATUS_SERVED, type WorkerAssignment } from './assign_workers.ts';
import type { VillageColumns } from './columns.ts';
import type { ServiceDistances } from './nearest_services.ts';

/** How far beyond a standard counts when a type has no service point at all: ten times the standard. */
export const MISSING_SERVICE_EXCESS = 10;

export interface GapParams {
  standardsKm: number[];
  weights: Record<ChildCategory, number>;
  /** only this category's children count, and only villages that have some */
  category?: ChildCategory;
  /** only this service type's standard counts, and only villages that miss it */
  serviceType?: ServiceType;
}

export interface GapScores {
  /** need score per village; -1 when the village is not a gap under the filter */
  score: Float64Array;
  /** per village: bit t set when it misses the standard of SERVICE_TYPES[t] */
  missed: Uint8Array;
}

/**
 * A village is a gap when it is not served by a worker or misses a service standard.
 * Its need score is its weighted vulnerable children times how far it falls short:
 *   need = (sum over categories of weight x children) x (shortfall)
 *   shortfall = (1 if not served by a worker) + sum over missed standards of (distance - standard) / standard
 * so a village 30 km from a 15 km standard counts one more unit of shortfall, like having no worker.
 *
 * @example
 * const { score } = gapScores(villages, distances, assignment, { standardsKm, weights });
 */
export function gapScores(v: VillageColumns, distances: ServiceDistances, assignment: WorkerAssignment, p: GapParams): GapScores {
  const n = v.count;
  const missed = new Uint8Array(n);
  // Column by column, each pass a plain loop over one array: several times faster than a
  // village at a time through the per-type and per-category arrays. Sums keep their order.
  const shortfall = new Float64Array(n);
  if (!p.serviceType) for (let i = 0; i < n; i++) if (assignment.status[i] !== STATUS_SERVED) shortfall[i] = 1;
  const chosenType = p.serviceType ? SERVICE_TYPES.indexOf(p.serviceType) : -1;
  for (let t = 0; t < SERVICE_TYPES.length; t++) {
    const km = distances.km[t];
    const standard = p.standardsKm[t];
    const bit = 1 << t;
    const counts = chosenType < 0 || chosenType === t;
    for (let i = 0; i < n; i++) {
      const d = km[i];
      if (!(d > standard)) continue;
      missed[i] |= bit;
      if (counts) shortfall[i] += d === Infinity ? MISSING_SERVICE_EXCESS : (d - standard) / standard;
    }
  }
  const categories = p.category ? [p.category] : CHILD_CATEGORIES;
  const children = categories.map((c) => v[c]);
  const weights = categories.map((c) => p.weights[c]);
  const score = shortfall; // reused: each village's shortfall becomes its score
  const inCategory = p.category ? v[p.category] : null;
  for (let i = 0; i < n; i++) {
    const s = shortfall[i];
    if (!(s > 0) || (inCategory !== null && inCategory[i] === 0)) {
      score[i] = -1;
      continue;
    }
    let weighted = 0;
    for (let c = 0; c < children.length; c++) weighted += weights[c] * children[c][i];
    score[i] = weighted * s;
  }
  return { score, missed };
}

/** Gap villages in [start, end), highest need first; ties in code order. */
export function rankGaps(score: Float64Array, start: number, end: number): Int32Array {
  const ids: number[] = [];
  for (let i = start; i < end; i++) if (score[i] >= 0) ids.push(i);
  ids.sort((a, b) => score[b] - score[a] || a - b);
  return Int32Array.from(ids);
}

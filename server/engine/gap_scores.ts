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
  const score = new Float64Array(n);
  const missed = new Uint8Array(n);
  const types = p.serviceType ? [SERVICE_TYPES.indexOf(p.serviceType)] : SERVICE_TYPES.map((_, t) => t);
  const categories = p.category ? [p.category] : CHILD_CATEGORIES;
  const counts: Record<ChildCategory, Uint32Array> = { leftBehind: v.leftBehind, disabled: v.disabled, orphaned: v.orphaned, difficult: v.difficult };
  for (let i = 0; i < n; i++) {
    let mask = 0;
    for (let t = 0; t < SERVICE_TYPES.length; t++) if (distances.km[t][i] > p.standardsKm[t]) mask |= 1 << t;
    missed[i] = mask;

    let shortfall = p.serviceType || assignment.status[i] === STATUS_SERVED ? 0 : 1;
    for (const t of types) {
      const km = distances.km[t][i];
      const standard = p.standardsKm[t];
      if (km > standard) shortfall += km === Infinity ? MISSING_SERVICE_EXCESS : (km - standard) / standard;
    }
    let weighted = 0;
    let inCategory = 0;
    for (const c of categories) {
      weighted += p.weights[c] * counts[c][i];
      inCategory += counts[c][i];
    }
    score[i] = shortfall > 0 && (!p.category || inCategory > 0) ? weighted * shortfall : -1;
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

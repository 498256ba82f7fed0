import { rangeStats } from './range_stats.ts';

/** Mean, median and 90th percentile of a per-village value for every unit (and the whole dataset at index unitCount). */
export interface UnitDistanceStats {
  mean: Float64Array;
  median: Float64Array;
  p90: Float64Array;
}

/**
 * Kept between calls (one per thread): a fresh 5 MB per service type adds to the memory V8
 * counts towards its next full collection, which on a national dataset costs 50-100 ms.
 */
let scratch = new Float64Array(0);

/**
 * Statistics of one service type's distances for every administrative unit. Independent of
 * every analysis parameter, so computed once per dataset.
 *
 * @param unitStart villages of unit u are [unitStart[u], unitEnd[u])
 */
export function distanceStats(km: Float64Array, unitStart: Uint32Array, unitEnd: Uint32Array): UnitDistanceStats {
  const units = unitStart.length;
  const size = units + 1;
  const out = { mean: new Float64Array(size), median: new Float64Array(size), p90: new Float64Array(size) };
  if (scratch.length < km.length) scratch = new Float64Array(km.length);
  for (let u = 0; u < size; u++) {
    const s = u < units ? rangeStats(km, unitStart[u], unitEnd[u], scratch) : rangeStats(km, 0, km.length, scratch);
    out.mean[u] = s.mean;
    out.median[u] = s.median;
    out.p90[u] = s.p90;
  }
  return out;
}

/** Villages per distance bin for one range of villages. */
export interface DistanceHistogram {
  /** width of each bin, km */
  binKm: number;
  /** counts[i]: values in [i × binKm, (i + 1) × binKm), the last bin ending at maxKm */
  counts: number[];
  /** values at or beyond maxKm, Infinity (no service of the type) included */
  over: number;
}

/**
 * Edge i of bins binKm wide: i × binKm rounded to 12 significant digits, so that floating-point
 * noise does not move an edge (3 × 0.1 is 0.30000000000000004; the edge is 0.3, and a village at
 * 0.3 km falls in [0.3, 0.4), as a reader expects).
 */
export const edgeKm = (i: number, binKm: number): number => Number((i * binKm).toPrecision(12));

/** The smallest n with edgeKm(n) >= maxKm: the last bin reaches maxKm and none starts at or beyond it. */
export function binCount(binKm: number, maxKm: number): number {
  let n = Math.max(1, Math.ceil(maxKm / binKm));
  while (n > 1 && edgeKm(n - 1, binKm) >= maxKm) n--;
  while (edgeKm(n, binKm) < maxKm) n++;
  return n;
}

/**
 * Histogram of km[start..end): bins [0, binKm), [binKm, 2 binKm), ... up to maxKm (the last bin
 * is cut at maxKm when maxKm is not a multiple of binKm), and everything at or beyond maxKm,
 * Infinity included, in `over`. Edges are edgeKm(i, binKm) (i × binKm without floating-point
 * noise), and a value lands in the bin whose edges it lies between by comparison with those edges,
 * not by a rounded division alone. counts and over add up to end - start.
 *
 * @param km distances per village, km; >= 0 or Infinity (NaN or negative throws a RangeError)
 * @param start first village of the range (a unit's villages are [unitStart[u], unitEnd[u]))
 * @param end one past the last village
 * @param binKm width of a bin, > 0
 * @param maxKm where the bins stop, > 0; at most 100,000 bins
 *
 * @example
 * const km = Float64Array.of(0.4, 1, 2.5, 7, Infinity);
 * distanceHistogram(km, 0, km.length, 1, 3);
 * // → { binKm: 1, counts: [1, 1, 1], over: 2 }
 */
export function distanceHistogram(km: Float64Array, start: number, end: number, binKm: number, maxKm: number): DistanceHistogram {
  if (!(binKm > 0) || !Number.isFinite(binKm)) throw new RangeError(`bin width must be a positive number of km, not ${binKm}`);
  if (!(maxKm > 0) || !Number.isFinite(maxKm)) throw new RangeError(`the histogram must end at a positive number of km, not ${maxKm}`);
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= km.length))
    throw new RangeError(`range [${start}, ${end}) is not within 0..${km.length}`);
  const n = binCount(binKm, maxKm);
  if (n > 100_000) throw new RangeError(`${n} bins of ${binKm} km up to ${maxKm} km are too many`);
  const edges = Float64Array.from({ length: n + 1 }, (_, i) => edgeKm(i, binKm));
  const counts = new Array<number>(n).fill(0);
  let over = 0;
  for (let v = start; v < end; v++) {
    const x = km[v];
    if (x >= maxKm) {
      over++;
      continue;
    }
    if (!(x >= 0)) throw new RangeError(`distance ${x} of village ${v} is not a distance`);
    let i = Math.min(n - 1, Math.floor(x / binKm));
    // the quotient can round across an edge: settle on the bin whose edges bracket x
    while (i > 0 && x < edges[i]) i--;
    while (i < n - 1 && x >= edges[i + 1]) i++;
    counts[i]++;
  }
  return { binKm, counts, over };
}

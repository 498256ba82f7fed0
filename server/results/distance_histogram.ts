import { SERVICE_TYPES, type AnalysisParams, type ServiceType } from '../domain/index.ts';
import { binCount, distanceHistogram, edgeKm } from '../engine/distance_histogram.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { villageRange } from './village_range.ts';

/** Villages of a unit per distance bin to the nearest service of one type, as the API returns them. */
export interface DistanceHistogramResult {
  type: ServiceType;
  /** the type's service standard under the request's parameters, km */
  standardKm: number;
  /** bin width, km: bin i is [i × binKm, (i + 1) × binKm) (edges without floating-point noise) */
  binKm: number;
  /** villages per bin; the bins end at counts.length × binKm */
  counts: number[];
  /** villages at or beyond the last bin's end, or with no service of the type at all */
  over: number;
  /** all villages of the unit: the counts and over add up to it */
  villages: number;
}

/** About how many bins the default bin width gives up to the 99th percentile. */
export const TARGET_BINS = 30;
/** The most bins a request may produce (a smaller binKm than that allows is refused). */
export const MAX_BINS = 1000;
/** The smallest default bin width, km: finer than village positions mean anything. */
export const MIN_DEFAULT_BIN_KM = 0.1;

/** A request that would give more than MAX_BINS bins; the router answers BAD_REQUEST. */
export class TooManyBinsError extends RangeError {}

/**
 * A nice bin width (1, 2 or 5 × a power of ten, at least 0.1 km) that cuts [0, rangeKm] into
 * about `target` bins: the one nearest rangeKm / target on a log scale.
 *
 * @example niceBinKm(14) // 0.5, giving 28 bins
 */
export function niceBinKm(rangeKm: number, target = TARGET_BINS): number {
  const raw = rangeKm / target;
  if (!(raw > MIN_DEFAULT_BIN_KM)) return MIN_DEFAULT_BIN_KM;
  const power = 10 ** Math.floor(Math.log10(raw));
  let best = power;
  for (const m of [1, 2, 5, 10]) {
    const step = Number((m * power).toPrecision(12));
    if (Math.abs(Math.log(step / raw)) < Math.abs(Math.log(best / raw))) best = step;
  }
  return Math.max(MIN_DEFAULT_BIN_KM, best);
}

/** Quantile p (linear between order statistics, as d3.quantile) of the finite values of km[start..end); NaN when none. */
export function finiteQuantile(km: Float64Array, start: number, end: number, p: number): number {
  const finite = new Float64Array(end - start);
  let n = 0;
  for (let v = start; v < end; v++) if (Number.isFinite(km[v])) finite[n++] = km[v];
  if (n === 0) return NaN;
  const sorted = finite.subarray(0, n).sort();
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Where the bins of a histogram end, and how wide they are: binKm as given, else a nice width
 * giving about 30 bins up to the 99th percentile (or up to the standard when every distance is
 * 0 or none is finite). The bins run to the percentile rounded up to a whole bin, or to the
 * standard when that is farther but within twice as far, so the standard usually falls on the chart.
 */
export function histogramBins(p99Km: number, standardKm: number, binKm?: number): { binKm: number; maxKm: number } {
  const top = p99Km > 0 ? p99Km : standardKm;
  const width = binKm ?? niceBinKm(top);
  const reach = standardKm > top && standardKm <= 2 * top ? standardKm : top;
  const bins = binCount(width, reach);
  if (bins > MAX_BINS)
    throw new TooManyBinsError(`bins of ${width} km up to ${reach} km would be ${bins} bins; at most ${MAX_BINS}: take a wider binKm`);
  return { binKm: width, maxKm: edgeKm(bins, width) };
}

/** The distance histogram of a unit (or the whole dataset when unit is null) for one service type. */
export function distanceHistogramOf(loaded: LoadedDataset, params: AnalysisParams, unit: number | null, type: ServiceType, binKm?: number): DistanceHistogramResult {
  const km = loaded.analysis.distances.km[SERVICE_TYPES.indexOf(type)];
  const { start, end } = villageRange(loaded, unit);
  const standardKm = params.standardsKm[type];
  const bins = histogramBins(finiteQuantile(km, start, end, 0.99), standardKm, binKm);
  const h = distanceHistogram(km, start, end, bins.binKm, bins.maxKm);
  return { type, standardKm, binKm: h.binKm, counts: h.counts, over: h.over, villages: end - start };
}

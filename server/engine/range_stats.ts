/**
 * Mean and quantiles of values[start..end) without sorting: quickselect on a scratch copy.
 * Quantiles interpolate linearly between order statistics (as d3.quantile and R's type 7).
 */
export interface RangeStats {
  mean: number;
  median: number;
  p90: number;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Rearranges a[lo..hi] so that a[k] is the k-th smallest, smaller or equal before, larger or
 * equal after. Partitions without branches (every element is swapped; the boundary advances by
 * the comparison's 0 or 1), since on distances whether a value is below the pivot is a coin
 * toss the processor mispredicts half the time. Values equal to the pivot are split off in a
 * second pass, so ranges of equal values (every distance Infinity) shrink at once.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as pivot keeps sorted input fast
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let below = lo;
    for (let j = lo; j <= hi; j++) {
      const v = a[j];
      a[j] = a[below];
      a[below] = v;
      below += +(v < pivot);
    }
    if (k < below) {
      hi = below - 1;
      continue;
    }
    let equal = below;
    for (let j = below; j <= hi; j++) {
      const v = a[j];
      a[j] = a[equal];
      a[equal] = v;
      equal += +(v === pivot);
    }
    if (k < equal) return;
    lo = equal;
  }
}

/** Sorts a[lo..hi] in place; for the short ranges (a township's villages) this beats selecting. */
function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/** Linear interpolation between order statistics lo and lo + 1 (Infinity stays Infinity). */
function interpolate(low: number, next: number, fraction: number): number {
  if (fraction === 0 || next === low) return low;
  if (next === Infinity) return Infinity;
  return low + fraction * (next - low);
}

/** Smallest value in a[from..to], or Infinity for an empty range. */
function minOf(a: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let i = from; i <= to; i++) if (a[i] < m) m = a[i];
  return m;
}

/** Ranges longer than this are first tried by sampling (see bracketedStats). */
const SAMPLED = 256;

export function rangeStats(values: Float64Array, start: number, end: number, scratch: Float64Array): RangeStats {
  const n = end - start;
  if (n <= 0) return { mean: NaN, median: NaN, p90: NaN };
  if (n > SAMPLED) {
    const stats = bracketedStats(values, start, end);
    if (stats) return stats;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = values[start + i];
    scratch[i] = x;
    sum += x;
  }
  const hMed = (n - 1) * 0.5, loMed = Math.floor(hMed);
  const hP90 = (n - 1) * 0.9, loP90 = Math.floor(hP90);
  if (n <= 32) {
    insertionSort(scratch, 0, n - 1);
    // (no closure here: this runs for every unit and type, and tsx wraps each closure it makes)
    return {
      mean: sum / n,
      median: interpolate(scratch[loMed], scratch[Math.min(loMed + 1, n - 1)], hMed - loMed),
      p90: interpolate(scratch[loP90], scratch[Math.min(loP90 + 1, n - 1)], hP90 - loP90),
    };
  }
  // After selecting the median, everything above it is in the right part: the 90th percentile
  // is selected there, and each next order statistic is the minimum of what lies above.
  select(scratch, loMed, 0, n - 1);
  const medLow = scratch[loMed];
  const median = interpolate(medLow, hMed > loMed ? minOf(scratch, loMed + 1, n - 1) : medLow, hMed - loMed);
  select(scratch, loP90, loMed + 1 <= loP90 ? loMed + 1 : loMed, n - 1);
  const p90Low = scratch[loP90];
  const p90 = interpolate(p90Low, hP90 > loP90 ? minOf(scratch, loP90 + 1, n - 1) : p90Low, hP90 - loP90);
  return { mean: sum / n, median, p90 };
}

/** A buffer per bracket, kept between calls, one longer than the longest range yet. */
const buckets = [new Float64Array(1024), new Float64Array(1024)];
let sample = new Float64Array(1024);

/**
 * Mean, median and 90th percentile of a long range in one pass over it: a sorted sample of
 * about 4 sqrt(n) values gives, for each quantile, two bounds that very probably enclose the
 * order statistics it needs; the pass counts the values below the lower bound and keeps those
 * between the bounds, and only those few are sorted. Null when a bracket missed (the caller
 * then selects over the whole range): exact either way.
 */
function bracketedStats(values: Float64Array, start: number, end: number): RangeStats | null {
  const n = end - start;
  const s = Math.min(n, Math.max(64, Math.floor(4 * Math.sqrt(n))));
  if (sample.length < s) sample = new Float64Array(2 * s);
  for (let i = 0; i < s; i++) sample[i] = values[start + Math.floor(((i + 0.5) * n) / s)];
  const sorted = sample.subarray(0, s).sort() as Float64Array;
  const [low0, high0] = bracket(sorted, s, 0.5);
  const [low1, high1] = bracket(sorted, s, 0.9);
  let below0 = 0, below1 = 0, size0 = 0, size1 = 0;
  if (buckets[0].length <= n) buckets[0] = new Float64Array(n + 1);
  if (buckets[1].length <= n) buckets[1] = new Float64Array(n + 1);
  const b0 = buckets[0], b1 = buckets[1];
  let sum = 0;
  // Without branches: whether a value is below a bound is a coin toss the processor cannot
  // predict, and a mispredicted branch costs more than this whole iteration. Every value is
  // written to its bucket's next slot, which only advances when the value is kept.
  for (let i = start; i < end; i++) {
    const x = values[i];
    sum += x;
    below0 += +(x < low0);
    b0[size0] = x;
    size0 += +(x >= low0) & +(x <= high0);
    below1 += +(x < low1);
    b1[size1] = x;
    size1 += +(x >= low1) & +(x <= high1);
  }
  const median = quantileIn(b0, size0, below0, n, 0.5);
  const p90 = quantileIn(b1, size1, below1, n, 0.9);
  if (median === null || p90 === null) return null;
  return { mean: sum / n, median, p90 };
}

/** Sample values that enclose the q-quantile of the whole range with high probability (3 sigma of the sample rank). */
function bracket(sorted: Float64Array, s: number, q: number): [number, number] {
  const centre = q * (s - 1);
  const spread = 3 * Math.sqrt(s * q * (1 - q)) + 2;
  const a = Math.floor(centre - spread), z = Math.ceil(centre + spread);
  return [a < 0 ? -Infinity : sorted[a], z >= s ? Infinity : sorted[z]];
}

/** The q-quantile of n values from the `size` of them kept in bucket, `below` being smaller; null if it needs one not kept. */
function quantileIn(bucket: Float64Array, size: number, below: number, n: number, q: number): number | null {
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const next = Math.min(lo + 1, n - 1);
  if (lo < below || next >= below + size) return null;
  const k = lo - below;
  select(bucket, k, 0, size - 1);
  return interpolate(bucket[k], next > lo ? minOf(bucket, k + 1, size - 1) : bucket[k], h - lo);
}

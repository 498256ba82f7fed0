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

/** Rearranges a[lo..hi] so that a[k] is the k-th smallest, smaller before, larger after. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as pivot keeps sorted input fast
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
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

export function rangeStats(values: Float64Array, start: number, end: number, scratch: Float64Array): RangeStats {
  const n = end - start;
  if (n <= 0) return { mean: NaN, median: NaN, p90: NaN };
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

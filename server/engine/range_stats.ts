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

function quantileOfSelected(a: Float64Array, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  select(a, lo, 0, n - 1);
  const low = a[lo];
  if (h === lo) return low;
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < next) next = a[i];
  return next === Infinity || low === Infinity ? (next === low ? low : Infinity) : low + (h - lo) * (next - low);
}

export function rangeStats(values: Float64Array, start: number, end: number, scratch: Float64Array): RangeStats {
  const n = end - start;
  if (n <= 0) return { mean: NaN, median: NaN, p90: NaN };
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  const a = scratch.subarray(0, n);
  a.set(values.subarray(start, end));
  const median = quantileOfSelected(a, n, 0.5);
  const p90 = quantileOfSelected(a, n, 0.9);
  return { mean: sum / n, median, p90 };
}

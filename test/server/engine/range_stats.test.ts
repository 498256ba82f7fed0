import { quantile } from 'd3';
import { describe, expect, it } from 'vitest';
import { rangeStats } from '../../../server/engine/range_stats.ts';
import { expectedQuantile, mulberry32, randInt, type Rng } from './random_dataset.ts';

const SEEDS = Array.from({ length: 200 }, (_, i) => 5000 + i);

/** Random values: continuous, or few distinct (many duplicates), or sorted, with Infinity mixed in. */
function randomValues(rng: Rng, n: number): number[] {
  const kind = randInt(rng, 5);
  const infRate = pick([0, 0, 0.1, 0.5, 0.9, 1]);
  function pick<T>(xs: T[]): T {
    return xs[randInt(rng, xs.length)];
  }
  const vs = Array.from({ length: n }, () => {
    if (rng() < infRate) return Infinity;
    if (kind === 0) return rng() * 100;
    if (kind === 1) return randInt(rng, 4); // heavy duplicates
    if (kind === 2) return Math.exp(rng() * 10) / 10; // skewed, like distances
    return Math.round(rng() * 1000) / 8;
  });
  if (kind === 3) vs.sort((a, b) => a - b);
  if (kind === 4) vs.sort((a, b) => b - a);
  return vs;
}

const meanOf = (vs: number[]) => vs.reduce((s, x) => s + x, 0) / vs.length;
const same = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-12 * Math.abs(b);

describe('rangeStats', () => {
  for (const seed of SEEDS) {
    it(`mean, median and p90 match d3 on a random sub-range (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const n = rng() < 0.2 ? 1 + randInt(rng, 3) : 1 + randInt(rng, 400);
      const values = Float64Array.from(randomValues(rng, n));
      const original = values.slice();
      const start = rng() < 0.5 ? 0 : randInt(rng, n);
      const end = rng() < 0.5 ? n : start + randInt(rng, n - start + 1);
      const scratch = new Float64Array(n + randInt(rng, 5)).fill(-1);
      const got = rangeStats(values, start, end, scratch);
      const range = [...values.subarray(start, end)];
      const msg = `seed ${seed}: values[${start}..${end}) of ${n}: ${range.length <= 12 ? range.join(', ') : '…'}`;
      expect(values, `${msg}: input untouched`).toEqual(original);
      if (range.length === 0) {
        expect(got, msg).toEqual({ mean: NaN, median: NaN, p90: NaN });
        return;
      }
      const want = { mean: meanOf(range), median: expectedQuantile(range, 0.5), p90: expectedQuantile(range, 0.9) };
      expect(same(got.mean, want.mean), `${msg}: mean ${got.mean} vs ${want.mean}`).toBe(true);
      expect(got.median, `${msg}: median`).toBe(want.median);
      expect(got.p90, `${msg}: p90`).toBe(want.p90);
    });
  }

  it('handles a single element, two elements and all-equal values', () => {
    const s = new Float64Array(8);
    expect(rangeStats(Float64Array.of(3.5), 0, 1, s)).toEqual({ mean: 3.5, median: 3.5, p90: 3.5 });
    expect(rangeStats(Float64Array.of(1, 3), 0, 2, s)).toEqual({ mean: 2, median: 2, p90: quantile([1, 3], 0.9) });
    expect(rangeStats(Float64Array.of(7, 7, 7, 7, 7), 0, 5, s)).toEqual({ mean: 7, median: 7, p90: 7 });
    expect(rangeStats(Float64Array.of(9, 1, 2, 3, 9), 1, 4, s)).toEqual({ mean: 2, median: 2, p90: quantile([1, 2, 3], 0.9) });
  });

  it('gives Infinity exactly when the quantile position falls on (or next to) Infinity', () => {
    const s = new Float64Array(8);
    // no service of a type anywhere: every distance is Infinity
    expect(rangeStats(Float64Array.of(Infinity, Infinity, Infinity), 0, 3, s)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    expect(rangeStats(Float64Array.of(Infinity), 0, 1, s)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    // [1, 2, Inf]: the median falls on 2; p90 between 2 and Infinity
    expect(rangeStats(Float64Array.of(Infinity, 2, 1), 0, 3, s)).toEqual({ mean: Infinity, median: 2, p90: Infinity });
    // [1, Inf]: both between 1 and Infinity
    expect(rangeStats(Float64Array.of(Infinity, 1), 0, 2, s)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    // 11 values, one Infinity: median (position 5) and p90 (position 9) are finite
    const eleven = Float64Array.of(Infinity, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(rangeStats(eleven, 0, 11, new Float64Array(11))).toEqual({ mean: Infinity, median: 5, p90: 9 });
  });

  it('returns NaN for an empty range', () => {
    expect(rangeStats(Float64Array.of(1, 2, 3), 2, 2, new Float64Array(3))).toEqual({ mean: NaN, median: NaN, p90: NaN });
  });
});

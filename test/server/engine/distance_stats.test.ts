import { quantile } from 'd3';
import { describe, expect, it } from 'vitest';
import { distanceStats } from '../../../server/engine/distance_stats.ts';
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

/**
 * Random unit ranges that nest like administrative units: the whole range split into
 * provinces, each into smaller units, down to a few levels, with some villages in no unit of a
 * level and some units empty or repeated (a unit with the same villages as its parent).
 */
function randomUnits(rng: Rng, n: number): [number, number][] {
  const units: [number, number][] = [];
  const split = (start: number, end: number, depth: number) => {
    let p = start;
    while (p < end) {
      const len = Math.min(end - p, 1 + randInt(rng, Math.max(1, (end - start) >> 1) + 40));
      if (rng() < 0.15) {
        p += len; // villages in no unit at this level
        continue;
      }
      units.push([p, p + len]);
      if (rng() < 0.1) units.push([p, p + len]);
      if (rng() < 0.05) units.push([p, p]);
      if (depth < 4 && len > 1) split(p, p + len, depth + 1);
      p += len;
    }
  };
  split(0, n, 0);
  // the order of units in a dataset is its own, not by level
  for (let i = units.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [units[i], units[j]] = [units[j], units[i]];
  }
  return units;
}

function statsOf(values: Float64Array, start: number, end: number) {
  const s = distanceStats(values, Uint32Array.of(start), Uint32Array.of(end));
  return { mean: s.mean[0], median: s.median[0], p90: s.p90[0] };
}

describe('distanceStats', () => {
  for (const seed of SEEDS) {
    it(`mean, median and p90 of every unit and of all match d3 (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const n = rng() < 0.2 ? randInt(rng, 4) : 1 + randInt(rng, 1500);
      const values = Float64Array.from(randomValues(rng, n));
      const original = values.slice();
      const units = randomUnits(rng, n);
      const got = distanceStats(values, Uint32Array.from(units, (u) => u[0]), Uint32Array.from(units, (u) => u[1]));
      expect(values, `seed ${seed}: input untouched`).toEqual(original);
      for (const [u, [start, end]] of [...units.entries(), [units.length, [0, n]] as const]) {
        const range = [...values.subarray(start, end)];
        const msg = `seed ${seed}: unit ${u}, values[${start}..${end}) of ${n}: ${range.length <= 12 ? range.join(', ') : '…'}`;
        if (range.length === 0) {
          expect([got.mean[u], got.median[u], got.p90[u]], msg).toEqual([NaN, NaN, NaN]);
          continue;
        }
        const mean = meanOf(range);
        expect(same(got.mean[u], mean), `${msg}: mean ${got.mean[u]} vs ${mean}`).toBe(true);
        expect(got.median[u], `${msg}: median`).toBe(expectedQuantile(range, 0.5));
        expect(got.p90[u], `${msg}: p90`).toBe(expectedQuantile(range, 0.9));
      }
    });
  }

  it('handles a single element, two elements and all-equal values', () => {
    expect(statsOf(Float64Array.of(3.5), 0, 1)).toEqual({ mean: 3.5, median: 3.5, p90: 3.5 });
    expect(statsOf(Float64Array.of(1, 3), 0, 2)).toEqual({ mean: 2, median: 2, p90: quantile([1, 3], 0.9) });
    expect(statsOf(Float64Array.of(7, 7, 7, 7, 7), 0, 5)).toEqual({ mean: 7, median: 7, p90: 7 });
    expect(statsOf(Float64Array.of(9, 1, 2, 3, 9), 1, 4)).toEqual({ mean: 2, median: 2, p90: quantile([1, 2, 3], 0.9) });
  });

  it('gives Infinity exactly when the quantile position falls on (or next to) Infinity', () => {
    // no service of a type anywhere: every distance is Infinity
    expect(statsOf(Float64Array.of(Infinity, Infinity, Infinity), 0, 3)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    expect(statsOf(Float64Array.of(Infinity), 0, 1)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    // [1, 2, Inf]: the median falls on 2; p90 between 2 and Infinity
    expect(statsOf(Float64Array.of(Infinity, 2, 1), 0, 3)).toEqual({ mean: Infinity, median: 2, p90: Infinity });
    // [1, Inf]: both between 1 and Infinity
    expect(statsOf(Float64Array.of(Infinity, 1), 0, 2)).toEqual({ mean: Infinity, median: Infinity, p90: Infinity });
    // 11 values, one Infinity: median (position 5) and p90 (position 9) are finite
    const eleven = Float64Array.of(Infinity, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(statsOf(eleven, 0, 11)).toEqual({ mean: Infinity, median: 5, p90: 9 });
  });

  it('is exact when evenly spaced values mislead: every 16th of 4096 is 0, the rest far larger', () => {
    const values = Float64Array.from({ length: 4096 }, (_, i) => (i % 16 === 8 ? 0 : 1000 + (i * 7919) % 4096));
    const range = [...values];
    expect(statsOf(values, 0, 4096)).toEqual({ mean: meanOf(range), median: expectedQuantile(range, 0.5), p90: expectedQuantile(range, 0.9) });
  });

  it('returns NaN for an empty unit and for no villages at all', () => {
    expect(statsOf(Float64Array.of(1, 2, 3), 2, 2)).toEqual({ mean: NaN, median: NaN, p90: NaN });
    const none = distanceStats(new Float64Array(0), new Uint32Array(0), new Uint32Array(0));
    expect([none.mean[0], none.median[0], none.p90[0]]).toEqual([NaN, NaN, NaN]);
  });
});

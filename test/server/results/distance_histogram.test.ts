import { quantile } from 'd3';
import { describe, expect, it } from 'vitest';
import { finiteQuantile, histogramBins, MAX_BINS, niceBinKm, TooManyBinsError } from '../../../server/results/distance_histogram.ts';
import { mulberry32, randInt } from '../engine/random_dataset.ts';

describe('niceBinKm', () => {
  it('takes the 1-2-5 width nearest range / 30, at least 0.1 km', () => {
    expect(niceBinKm(15)).toBe(0.5);
    expect(niceBinKm(30)).toBe(1);
    expect(niceBinKm(45)).toBe(2); // 1.5 is nearer 2 than 1 on a log scale
    expect(niceBinKm(60)).toBe(2);
    expect(niceBinKm(100)).toBe(5); // 3.33 is nearer 5 than 2 on a log scale
    expect(niceBinKm(300)).toBe(10);
    expect(niceBinKm(6)).toBe(0.2);
    expect(niceBinKm(1)).toBe(0.1);
    expect(niceBinKm(0)).toBe(0.1);
    expect(niceBinKm(NaN)).toBe(0.1);
    for (let r = 3; r < 3000; r *= 1.07) {
      const w = niceBinKm(r);
      const bins = r / w;
      expect(bins, `${r} km`).toBeGreaterThanOrEqual(30 / 1.6);
      expect(bins, `${r} km`).toBeLessThanOrEqual(30 * 1.6);
    }
  });
});

describe('finiteQuantile', () => {
  it('is d3.quantile of the finite values in the range', () => {
    const rng = mulberry32(99);
    for (let k = 0; k < 100; k++) {
      const n = 1 + randInt(rng, 300);
      const km = Float64Array.from({ length: n }, () => (rng() < 0.1 ? Infinity : rng() * 50));
      const start = randInt(rng, n);
      const end = start + randInt(rng, n - start + 1);
      const finite = [...km.subarray(start, end)].filter(Number.isFinite);
      const got = finiteQuantile(km, start, end, 0.99);
      if (finite.length === 0) expect(got).toBeNaN();
      else expect(got).toBeCloseTo(quantile(finite, 0.99)!, 9);
    }
  });
});

describe('histogramBins', () => {
  it('ends on a whole bin at or beyond the percentile, stretched to a standard within twice as far', () => {
    expect(histogramBins(14.2, 15)).toEqual({ binKm: 0.5, maxKm: 15 });
    expect(histogramBins(14.2, 40)).toEqual({ binKm: 0.5, maxKm: 14.5 }); // the standard is too far: the chart marks it off scale
    expect(histogramBins(20, 5)).toEqual({ binKm: 0.5, maxKm: 20 });
    expect(histogramBins(20.1, 5, 3)).toEqual({ binKm: 3, maxKm: 21 });
    expect(histogramBins(0.3, 5)).toEqual({ binKm: 0.1, maxKm: 0.3 });
    // no finite distance, or all zero: the standard sets the range
    expect(histogramBins(NaN, 15)).toEqual({ binKm: 0.5, maxKm: 15 });
    expect(histogramBins(0, 60)).toEqual({ binKm: 2, maxKm: 60 });
  });

  it('refuses more than MAX_BINS bins', () => {
    expect(() => histogramBins(100, 15, 100 / (MAX_BINS + 1))).toThrow(TooManyBinsError);
    expect(histogramBins(100, 15, 100 / MAX_BINS).maxKm).toBeCloseTo(100, 9);
  });
});

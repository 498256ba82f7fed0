import { describe, expect, it } from 'vitest';
import { DatasetAnalysis } from '../../../server/engine/dataset_analysis.ts';
import { binCount, distanceHistogram, edgeKm } from '../../../server/engine/distance_histogram.ts';
import { mulberry32, pick, randInt, randomDataset, seedMsg, type Rng } from './random_dataset.ts';

/** An edge as a reader writes it: i × binKm to 12 significant digits, by decimal string. */
const edge = (i: number, binKm: number) => parseFloat((i * binKm).toPrecision(12));

/** Brute force: the number of bins by counting up, each value's bin by scanning every bin's edges. */
function bruteHistogram(km: ArrayLike<number>, start: number, end: number, binKm: number, maxKm: number) {
  let n = 1;
  while (edge(n, binKm) < maxKm) n++;
  const counts = new Array<number>(n).fill(0);
  let over = 0;
  for (let v = start; v < end; v++) {
    const x = km[v];
    if (x >= maxKm) {
      over++;
      continue;
    }
    let found = -1;
    for (let i = 0; i < n; i++) {
      const upper = i === n - 1 ? maxKm : edge(i + 1, binKm);
      if (edge(i, binKm) <= x && x < upper) {
        found = i;
        break;
      }
    }
    if (found < 0) throw new Error(`no bin for ${x}`);
    counts[found]++;
  }
  return { binKm, counts, over };
}

const BIN_WIDTHS = [0.1, 0.2, 0.3, 0.5, 0.7, 1, 2, 2.5, 5, 10, 1 / 3];

/** Distances like the engine's: continuous, on bin edges (as products and as decimals), 0, maxKm, Infinity. */
function randomKm(rng: Rng, n: number, binKm: number, maxKm: number): Float64Array {
  const kind = randInt(rng, 4);
  return Float64Array.from({ length: n }, () => {
    const r = rng();
    if (r < 0.05) return Infinity;
    if (r < 0.1) return 0;
    if (r < 0.15) return maxKm;
    if (r < 0.35) return randInt(rng, Math.ceil(maxKm / binKm) + 3) * binKm; // exactly on an edge product
    if (r < 0.45) return Number((randInt(rng, Math.ceil(maxKm / binKm) + 3) * binKm).toFixed(1)); // on an edge as written in decimal
    if (kind === 0) return rng() * maxKm * 1.5;
    if (kind === 1) return Math.exp(rng() * 6) / 10; // skewed
    if (kind === 2) return randInt(rng, 5) * 0.1; // few distinct values
    return rng() * maxKm;
  });
}

describe('distanceHistogram', () => {
  for (let seed = 7000; seed < 7300; seed++) {
    it(`matches brute force on random distances and sub-ranges (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const binKm = rng() < 0.8 ? pick(rng, BIN_WIDTHS) : 0.01 + rng() * 20;
      const maxKm = rng() < 0.5 ? (1 + randInt(rng, 60)) * binKm : rng() < 0.5 ? 0.05 + rng() * 100 : pick(rng, [0.3, 1.5, 15, 40, 60]);
      const n = rng() < 0.1 ? randInt(rng, 3) : 1 + randInt(rng, 2000);
      const km = randomKm(rng, n, binKm, maxKm);
      const before = km.slice();
      const start = rng() < 0.5 ? 0 : randInt(rng, n + 1);
      const end = rng() < 0.5 ? n : start + randInt(rng, n - start + 1);
      const got = distanceHistogram(km, start, end, binKm, maxKm);
      expect(got, seedMsg(seed, `bin ${binKm} up to ${maxKm}`)).toEqual(bruteHistogram(km, start, end, binKm, maxKm));
      expect(got.counts.reduce((s, c) => s + c, 0) + got.over).toBe(end - start);
      expect(km).toEqual(before);
    });
  }

  it('puts a value on an edge in the bin that starts there, edges as written in decimal, and maxKm and Infinity in over', () => {
    // 3 × 0.1 is 0.30000000000000004 in floating point; 0.3 km still starts the bin [0.3, 0.4)
    const km = Float64Array.of(0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.29999999, 0.45, 0.5, 0.6, Infinity);
    expect(distanceHistogram(km, 0, km.length, 0.1, 0.5)).toEqual({ binKm: 0.1, counts: [1, 1, 2, 2, 1], over: 3 });
    expect(distanceHistogram(Float64Array.of(15), 0, 1, 0.1, 30).counts[150]).toBe(1);
  });

  it('cuts the last bin at maxKm when it is not a multiple of the bin width', () => {
    const km = Float64Array.of(2.9, 3, 3.4, 3.5, 4);
    expect(distanceHistogram(km, 0, km.length, 1, 3.5)).toEqual({ binKm: 1, counts: [0, 0, 1, 2], over: 2 });
  });

  it('gives empty counts for an empty range and refuses bad arguments', () => {
    const km = Float64Array.of(1, 2, 3);
    expect(distanceHistogram(km, 1, 1, 1, 3)).toEqual({ binKm: 1, counts: [0, 0, 0], over: 0 });
    expect(() => distanceHistogram(km, 0, 3, 0, 3)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 0, 3, -1, 3)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 0, 3, 1, 0)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 0, 3, 1, Infinity)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 2, 1, 1, 3)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 0, 4, 1, 3)).toThrow(RangeError);
    expect(() => distanceHistogram(km, 0, 3, 1e-6, 1000)).toThrow(RangeError);
    expect(() => distanceHistogram(Float64Array.of(NaN), 0, 1, 1, 3)).toThrow(RangeError);
    expect(() => distanceHistogram(Float64Array.of(-1), 0, 1, 1, 3)).toThrow(RangeError);
  });

  it('counts bins as the smallest n with n × binKm reaching maxKm', () => {
    expect(binCount(0.1, 0.3)).toBe(3);
    expect(binCount(1, 30)).toBe(30);
    expect(binCount(1, 30.0001)).toBe(31);
    expect(binCount(5, 1)).toBe(1);
    for (const binKm of BIN_WIDTHS)
      for (let k = 1; k < 200; k++) {
        const n = binCount(binKm, k * binKm);
        const maxKm = k * binKm;
        expect(edgeKm(n, binKm) >= maxKm && (n === 1 || edgeKm(n - 1, binKm) < maxKm), `${binKm} × ${k}`).toBe(true);
      }
  });

  it("adds up to each unit's villages over the engine's distances on random datasets", () => {
    for (let seed = 7400; seed < 7420; seed++) {
      const analysis = new DatasetAnalysis(randomDataset(seed, { maxVillages: 200 }));
      const { unitStart, unitEnd } = analysis.index;
      for (const km of analysis.distances.km) {
        for (let u = 0; u < unitStart.length; u++) {
          const h = distanceHistogram(km, unitStart[u], unitEnd[u], 2, 50);
          expect(h, seedMsg(seed, `unit ${u}`)).toEqual(bruteHistogram(km, unitStart[u], unitEnd[u], 2, 50));
        }
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { coverageGrowth } from '../../../server/engine/coverage_growth.ts';
import { mulberry32, randInt, randomDataset, seedMsg } from './random_dataset.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';

/** Brute force: a count per year in a Map, then every year from the smallest to the largest. */
function bruteGrowth(years: ArrayLike<number>, start: number, end: number) {
  const perYear = new Map<number, number>();
  for (let v = start; v < end; v++) if (years[v] !== 0) perYear.set(years[v], (perYear.get(years[v]) ?? 0) + 1);
  if (perYear.size === 0) return [];
  const all = [...perYear.keys()];
  const rows = [];
  let cumulative = 0;
  for (let y = Math.min(...all); y <= Math.max(...all); y++) {
    cumulative += perYear.get(y) ?? 0;
    rows.push({ year: y, newVillages: perYear.get(y) ?? 0, cumulativeVillages: cumulative });
  }
  return rows;
}

describe('coverageGrowth', () => {
  for (let seed = 8000; seed < 8200; seed++) {
    it(`matches brute force on random years and sub-ranges (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const n = rng() < 0.1 ? randInt(rng, 3) : 1 + randInt(rng, 3000);
      const coveredRate = [0, 0.01, 0.3, 0.9, 1][randInt(rng, 5)];
      const firstYear = 2000 + randInt(rng, 20);
      const span = 1 + randInt(rng, 30);
      // sparse years leave gaps that must still appear as rows with 0 new villages
      const sparse = rng() < 0.4;
      const years = Uint16Array.from({ length: n }, () => {
        if (rng() >= coveredRate) return 0;
        const k = randInt(rng, span);
        return firstYear + (sparse ? k - (k % 4) : k);
      });
      const before = years.slice();
      const start = rng() < 0.5 ? 0 : randInt(rng, n + 1);
      const end = rng() < 0.5 ? n : start + randInt(rng, n - start + 1);
      const got = coverageGrowth(years, start, end);
      expect(got, seedMsg(seed)).toEqual(bruteGrowth(years, start, end));
      for (let i = 1; i < got.length; i++) expect(got[i].year).toBe(got[i - 1].year + 1);
      let covered = 0;
      for (let v = start; v < end; v++) if (years[v]) covered++;
      expect(got.at(-1)?.cumulativeVillages ?? 0).toBe(covered);
      expect(years).toEqual(before);
    });
  }

  it('fills years without newly covered villages and gives nothing when none is covered', () => {
    expect(coverageGrowth(Uint16Array.of(2016, 0, 2018, 2016), 0, 4)).toEqual([
      { year: 2016, newVillages: 2, cumulativeVillages: 2 },
      { year: 2017, newVillages: 0, cumulativeVillages: 2 },
      { year: 2018, newVillages: 1, cumulativeVillages: 3 },
    ]);
    expect(coverageGrowth(Uint16Array.of(0, 0, 0), 0, 3)).toEqual([]);
    expect(coverageGrowth(Uint16Array.of(2016, 0, 2018), 1, 2)).toEqual([]);
    expect(coverageGrowth(new Uint16Array(0), 0, 0)).toEqual([]);
    expect(() => coverageGrowth(Uint16Array.of(2016), 0, 2)).toThrow(RangeError);
    expect(() => coverageGrowth(Uint16Array.of(2016), 1, 0)).toThrow(RangeError);
  });

  it("gives each unit of a random dataset its villages' years, by the index's unit ranges", () => {
    for (let seed = 8300; seed < 8330; seed++) {
      const columns = randomDataset(seed, { maxVillages: 300 });
      const { unitStart, unitEnd } = buildDatasetIndex(columns);
      const { villages, admin } = columns;
      for (let u = 0; u < admin.count; u++) {
        const mine = villages.code.map((c, v) => (c.startsWith(admin.code[u]) ? villages.coveredSince[v] : 0));
        expect(coverageGrowth(villages.coveredSince, unitStart[u], unitEnd[u]), seedMsg(seed, admin.code[u])).toEqual(bruteGrowth(mine, 0, mine.length));
      }
    }
  });
});

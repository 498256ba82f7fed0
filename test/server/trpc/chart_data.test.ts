import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import type { Db } from '../../../server/store/db.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** analysis.distanceHistogram and units.growth (the data of the charts) over the default dataset, through the real router. */
let db: Db;
let datasetId: number;
let caller: ReturnType<typeof callerFor>;
beforeAll(() => {
  ({ db, datasetId } = openDefaultDb());
  caller = callerFor(db);
});

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
/** 1, 2 or 5 × a power of ten */
const isNice = (x: number) => [1, 2, 5].some((m) => Math.abs(Math.log10(x / m) - Math.round(Math.log10(x / m))) < 1e-9);

describe('analysis.distanceHistogram', () => {
  it("splits every village of the dataset into bins and over, the bins reaching the 99th percentile", async () => {
    const coverage = (await caller.analysis.coverage()).unit;
    for (const type of SERVICE_TYPES) {
      const h = await caller.analysis.distanceHistogram({ code: null, type });
      expect(h.type).toBe(type);
      expect(h.villages).toBe(138_294);
      expect(sum(h.counts) + h.over, type).toBe(h.villages);
      expect(h.standardKm).toBe(coverage.distance[type].standardKm);
      // a nice width, about 30 bins to the percentile (more when stretched to the standard)
      expect(isNice(h.binKm), `${type}: ${h.binKm}`).toBe(true);
      expect(h.counts.length, type).toBeGreaterThanOrEqual(15);
      expect(h.counts.length, type).toBeLessThanOrEqual(100);
      // at most about 1% lie beyond the last bin, which ends at or beyond the 99th percentile
      expect(h.over, type).toBeLessThanOrEqual(Math.ceil(0.01 * h.villages) + 1);
      // bins below the standard hold villages nearer than the standard; the coverage analysis counts those within it
      const maxKm = h.counts.length * h.binKm;
      if (h.standardKm < maxKm) {
        const k = Math.floor(h.standardKm / h.binKm + 1e-9);
        const below = sum(h.counts.slice(0, k));
        expect(below, type).toBeLessThanOrEqual(coverage.distance[type].meetingVillages);
        expect(below + h.counts[k], type).toBeGreaterThanOrEqual(coverage.distance[type].meetingVillages);
      }
    }
  });

  it("adds up to a unit's villages, with the request's standard and bin width", async () => {
    const summary = await caller.units.summary({ code: '5101' });
    const h = await caller.analysis.distanceHistogram({ code: '5101', type: 'school', params: { standardsKm: { school: 3 } }, binKm: 0.25 });
    expect(h).toMatchObject({ type: 'school', standardKm: 3, binKm: 0.25, villages: summary.villages });
    expect(sum(h.counts) + h.over).toBe(summary.villages);
    expect(h.counts.length * 0.25).toBeGreaterThanOrEqual(3); // the standard (within twice the percentile) is on the chart
  });

  it("bins a township's villages as their village cards give their distances", async () => {
    const township = '650102002';
    const codes = (db.prepare(`SELECT code FROM village WHERE dataset_id = ? AND code LIKE ? || '%' ORDER BY code`).all(datasetId, township) as { code: string }[]).map((r) => r.code);
    expect(codes.length).toBeGreaterThan(0);
    const kms = await Promise.all(codes.map(async (code) => (await caller.analysis.village({ code })).services.health?.km ?? Infinity));
    const h = await caller.analysis.distanceHistogram({ code: township, type: 'health', binKm: 0.5 });
    const maxKm = h.counts.length * 0.5;
    const expected = h.counts.map(() => 0);
    let over = 0;
    for (const km of kms) {
      if (km >= maxKm) over++;
      else expected[Math.floor(km / 0.5)]++;
    }
    expect(h.counts).toEqual(expected);
    expect(h.over).toBe(over);
    expect(h.villages).toBe(codes.length);
  });

  it('refuses bad types, codes and bin widths clearly', async () => {
    expect(await errorCode(caller.analysis.distanceHistogram({ code: null, type: 'hospital' as never }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.distanceHistogram({ code: '4x', type: 'school' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.distanceHistogram({ code: '99', type: 'school' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.analysis.distanceHistogram({ code: '41', type: 'school', binKm: 0 }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.distanceHistogram({ code: '41', type: 'school', binKm: -1 }))).toBe('BAD_REQUEST');
    // more than 1,000 bins
    expect(await errorCode(caller.analysis.distanceHistogram({ code: null, type: 'welfare', binKm: 0.001 }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.distanceHistogram({ code: null, type: 'school', params: { standardsKm: { school: 0 } } }))).toBe('BAD_REQUEST');
  });
});

describe('units.growth', () => {
  it("ends at each unit's covered villages, year after year, as SQL counts them", async () => {
    for (const code of [null, '41', '5101', '140108', '510113106']) {
      const rows = await caller.units.growth({ code });
      const summary = await caller.units.summary({ code });
      expect(rows.length, String(code)).toBeGreaterThan(0);
      expect(rows.at(-1)!.cumulativeVillages, String(code)).toBe(summary.coveredVillages);
      const perYear = db
        .prepare(`SELECT covered_since AS year, COUNT(*) AS n FROM village WHERE dataset_id = ? AND code LIKE ? || '%' AND covered_since IS NOT NULL GROUP BY covered_since`)
        .all(datasetId, code ?? '') as { year: number; n: number }[];
      const byYear = new Map(perYear.map((r) => [r.year, r.n]));
      let cumulative = 0;
      rows.forEach((r, i) => {
        if (i > 0) expect(r.year).toBe(rows[i - 1].year + 1);
        cumulative += r.newVillages;
        expect(r.cumulativeVillages).toBe(cumulative);
        expect(r.newVillages).toBe(byYear.get(r.year) ?? 0);
      });
      expect(rows[0].year).toBe(Math.min(...byYear.keys()));
      expect(rows.at(-1)!.year).toBe(Math.max(...byYear.keys()));
    }
    expect((await caller.units.summary()).coveredVillages).toBe(59_000);
  });

  it('gives no rows for a unit with no covered village', async () => {
    const row = db
      .prepare(`SELECT substr(code, 1, 9) AS township FROM village WHERE dataset_id = ? GROUP BY township HAVING COUNT(covered_since) = 0 LIMIT 1`)
      .get(datasetId) as { township: string } | undefined;
    expect(row).toBeDefined();
    expect(await caller.units.growth({ code: row!.township })).toEqual([]);
  });

  it('refuses bad codes and unknown units clearly', async () => {
    expect(await errorCode(caller.units.growth({ code: '4x' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.growth({ code: '99' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.growth({ datasetId: 999, code: null }))).toBe('NOT_FOUND');
  });
});

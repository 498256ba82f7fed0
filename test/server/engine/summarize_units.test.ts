import { describe, expect, it } from 'vitest';
import { mulberry32, type Rng } from '../../../data/generator/prng.ts';
import type { DatasetColumns } from '../../../server/engine/columns.ts';
import { SUMMARY_FIELDS, summarizeUnits, type SummaryField } from '../../../server/engine/summarize_units.ts';

const VILLAGE_FIGURES = ['population', 'children', 'leftBehind', 'disabled', 'orphaned', 'difficult'] as const;

/**
 * Random columns built by hand: a few provinces, prefectures, counties and townships (admin rows
 * in shuffled order, so parents do not come first), villages under random townships, workers at
 * random home villages.
 */
function randomColumns(rng: Rng): DatasetColumns {
  const int = (n: number) => Math.floor(rng() * n);
  const codes: string[] = [];
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const townships: string[] = [];
  for (let p = 0; p < 1 + int(3); p++) {
    const province = String(11 + p * 10);
    codes.push(province);
    for (let f = 1; f <= 1 + int(3); f++) {
      const prefecture = province + pad(f, 2);
      codes.push(prefecture);
      for (let c = 1; c <= 1 + int(3); c++) {
        const county = prefecture + pad(c, 2);
        codes.push(county);
        for (let t = 1; t <= 1 + int(3); t++) {
          townships.push(county + pad(t, 3));
          codes.push(county + pad(t, 3));
        }
      }
    }
  }
  for (let i = codes.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [codes[i], codes[j]] = [codes[j], codes[i]];
  }
  const index = new Map(codes.map((c, i) => [c, i]));
  const parentLength: Record<number, number> = { 2: 0, 4: 2, 6: 4, 9: 6 };
  const admin = {
    count: codes.length,
    code: codes,
    name: codes.map((c) => `unit ${c}`),
    level: Uint8Array.from(codes, (c) => [2, 4, 6, 9].indexOf(c.length)),
    parent: Int32Array.from(codes, (c) => (c.length === 2 ? -1 : index.get(c.slice(0, parentLength[c.length]))!)),
    index,
  };

  const nv = 1 + int(200);
  const villageCodes = Array.from({ length: nv }, (_, i) => townships[int(townships.length)] + pad(i, 3));
  const figure = () => Uint32Array.from({ length: nv }, () => int(5000));
  const villages = {
    count: nv,
    code: villageCodes,
    name: villageCodes.map((c) => `village ${c}`),
    lon: Float64Array.from({ length: nv }, () => 100 + rng()),
    lat: Float64Array.from({ length: nv }, () => 30 + rng()),
    population: figure(),
    children: figure(),
    leftBehind: figure(),
    disabled: figure(),
    orphaned: figure(),
    difficult: figure(),
    coveredSince: Uint16Array.from({ length: nv }, () => (rng() < 0.4 ? 2010 + int(16) : 0)),
    township: Int32Array.from(villageCodes, (c) => index.get(c.slice(0, 9))!),
    index: new Map(villageCodes.map((c, i) => [c, i])),
  };

  const nw = int(nv);
  const workers = {
    count: nw,
    id: Array.from({ length: nw }, (_, w) => `W${w}`),
    home: Int32Array.from({ length: nw }, () => int(nv)),
    lon: new Float64Array(nw),
    lat: new Float64Array(nw),
    capacity: new Uint32Array(nw).fill(40),
    startYear: new Uint16Array(nw).fill(2015),
    rosterStart: Uint32Array.from({ length: nw + 1 }, (_, w) => w),
    rosterVillage: new Int32Array(nw),
  };
  workers.rosterVillage.set(workers.home);
  const services = { count: 0, id: [], name: [], type: new Uint8Array(0), lon: new Float64Array(0), lat: new Float64Array(0), capacity: new Uint32Array(0), adminCode: [] };
  return { datasetId: 1, admin, villages, workers, services };
}

/** Sums over the villages (and workers' home villages) whose code starts with `prefix`. */
function bruteForce({ villages, workers }: DatasetColumns, prefix: string): Record<SummaryField, number> {
  const sums = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, 0])) as Record<SummaryField, number>;
  for (let i = 0; i < villages.count; i++) {
    if (!villages.code[i].startsWith(prefix)) continue;
    sums.villages++;
    if (villages.coveredSince[i] > 0) sums.coveredVillages++;
    for (const f of VILLAGE_FIGURES) sums[f] += villages[f][i];
  }
  for (let w = 0; w < workers.count; w++) if (villages.code[workers.home[w]].startsWith(prefix)) sums.workers++;
  return sums;
}

describe('summarizeUnits', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`matches a brute-force sum over villages by code prefix, for every unit and the total (seed ${seed})`, () => {
      const columns = randomColumns(mulberry32(seed));
      const { perUnit, total } = summarizeUnits(columns);
      for (let u = 0; u < columns.admin.count; u++) {
        const got = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, perUnit[f][u]]));
        expect(got, `unit ${columns.admin.code[u]}`).toEqual(bruteForce(columns, columns.admin.code[u]));
      }
      expect(total).toEqual(bruteForce(columns, ''));
    });
  }

  it("counts a worker at their home village's township and above, not where their roster reaches", () => {
    const columns = randomColumns(mulberry32(11));
    const { villages, workers, admin } = columns;
    // one worker living in the first village, whose roster is another village in another province
    const other = villages.code.findIndex((c) => c.slice(0, 2) !== villages.code[0].slice(0, 2));
    workers.count = 1;
    workers.home = Int32Array.of(0);
    workers.rosterStart = Uint32Array.of(0, 1);
    workers.rosterVillage = Int32Array.of(other >= 0 ? other : 0);
    const { perUnit, total } = summarizeUnits(columns);
    const home = villages.code[0];
    for (let u = 0; u < admin.count; u++) expect(perUnit.workers[u], admin.code[u]).toBe(home.startsWith(admin.code[u]) ? 1 : 0);
    expect(total.workers).toBe(1);
  });

  it('returns zeros for a dataset with no villages', () => {
    const columns = randomColumns(mulberry32(12));
    Object.assign(columns.villages, { count: 0 });
    columns.workers.count = 0;
    const { perUnit, total } = summarizeUnits(columns);
    for (const f of SUMMARY_FIELDS) {
      expect(total[f]).toBe(0);
      expect(perUnit[f].every((x) => x === 0)).toBe(true);
      expect(perUnit[f]).toHaveLength(columns.admin.count);
    }
  });
});

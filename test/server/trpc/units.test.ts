import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/store/db.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** units.* over the committed default dataset, checked against SQL over the stored rows. */
let db: Db;
let datasetId: number;
let caller: ReturnType<typeof callerFor>;

beforeAll(() => {
  ({ db, datasetId } = openDefaultDb());
  caller = callerFor(db);
});

/** The figures of the villages whose code starts with `prefix`, computed by SQLite. */
function sqlFigures(prefix: string) {
  const v = db
    .prepare(
      `SELECT COUNT(*) AS villages, COUNT(covered_since) AS coveredVillages, SUM(population) AS population,
              SUM(children) AS children, SUM(left_behind) AS leftBehind, SUM(disabled) AS disabled,
              SUM(orphaned) AS orphaned, SUM(difficult) AS difficult
       FROM village WHERE dataset_id = ? AND code LIKE ? || '%'`,
    )
    .get(datasetId, prefix) as Record<string, number>;
  const w = db.prepare(`SELECT COUNT(*) AS workers FROM worker WHERE dataset_id = ? AND home_village LIKE ? || '%'`).get(datasetId, prefix) as {
    workers: number;
  };
  return { ...v, workers: w.workers };
}

const FIGURES = ['villages', 'coveredVillages', 'population', 'children', 'leftBehind', 'disabled', 'orphaned', 'difficult', 'workers'] as const;

describe('units.summary', () => {
  it('with no input, gives the whole dataset, equal to SQL sums over villages and workers', async () => {
    const summary = await caller.units.summary();
    const { name } = db.prepare('SELECT name FROM dataset WHERE id = ?').get(datasetId) as { name: string };
    expect(summary).toEqual({ code: null, name, level: 'dataset', ...sqlFigures('') });
    expect(summary.villages).toBe(138_294);
    expect(summary.coveredVillages).toBe(59_000);
  });

  it('gives the same as no input for an explicit datasetId and code null', async () => {
    expect(await caller.units.summary({ datasetId, code: null })).toEqual(await caller.units.summary());
  });

  it('gives each level of unit the SQL sums of the villages under its code', async () => {
    for (const [code, level, name] of [
      ['41', 'province', '河南省'],
      ['4101', 'prefecture', '郑州市'],
      ['510107', 'county', '武侯区'],
      ['650102002', 'township', '燕儿窝街道'],
    ] as const) {
      const summary = await caller.units.summary({ code });
      expect(summary).toMatchObject({ code, level, ...sqlFigures(code) });
      expect(summary.name).toBe(name);
      expect(summary.villages).toBeGreaterThan(0);
    }
  });
});

describe('units.children', () => {
  it('with code null, gives the five provinces, whose figures add up to the dataset', async () => {
    const provinces = await caller.units.children({ code: null });
    expect(provinces.map((p) => p.code)).toEqual(['14', '41', '51', '53', '65']);
    expect(provinces.every((p) => p.level === 'province')).toBe(true);
    const total = await caller.units.summary();
    for (const f of FIGURES) expect(provinces.reduce((s, p) => s + p[f], 0), f).toBe(total[f]);
  });

  it("gives Henan's prefectures for '41', with figures adding up to Henan's", async () => {
    const prefectures = await caller.units.children({ code: '41' });
    const expected = db
      .prepare(`SELECT code, name FROM admin_unit WHERE dataset_id = ? AND level = 'prefecture' AND code LIKE '41%' ORDER BY code`)
      .all(datasetId);
    expect(prefectures.map(({ code, name }) => ({ code, name }))).toEqual(expected);
    expect(prefectures.map((p) => p.name)).toContain('郑州市');
    expect(prefectures.every((p) => p.level === 'prefecture')).toBe(true);
    const henan = await caller.units.summary({ code: '41' });
    for (const f of FIGURES) expect(prefectures.reduce((s, p) => s + p[f], 0), f).toBe(henan[f]);
  });

  it('gives the townships of a county, and none below a township', async () => {
    const townships = await caller.units.children({ code: '140105' });
    expect(townships.length).toBeGreaterThan(0);
    expect(townships.every((t) => t.level === 'township' && t.code!.startsWith('140105') && t.code!.length === 9)).toBe(true);
    expect(await caller.units.children({ code: townships[0].code })).toEqual([]);
  });
});

describe('units.path', () => {
  it('gives a township and its ancestors, province first', async () => {
    const path = await caller.units.path({ code: '410102001' });
    expect(path.map((p) => [p.code, p.level])).toEqual([
      ['41', 'province'],
      ['4101', 'prefecture'],
      ['410102', 'county'],
      ['410102001', 'township'],
    ]);
    expect(path[0].name).toBe('河南省');
    expect(path[1].name).toBe('郑州市');
  });

  it('gives a province alone', async () => {
    expect(await caller.units.path({ code: '65' })).toEqual([{ code: '65', name: '新疆维吾尔自治区', level: 'province' }]);
  });
});

describe('units errors', () => {
  it('answers NOT_FOUND for a well-formed code that is not in the dataset', async () => {
    expect(await errorCode(caller.units.summary({ code: '11' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.children({ code: '410199' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.path({ code: '410102999' }))).toBe('NOT_FOUND');
  });

  it('answers BAD_REQUEST for a malformed code', async () => {
    expect(await errorCode(caller.units.summary({ code: '12x' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.summary({ code: '123' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.children({ code: '4' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.path({ code: '41010' }))).toBe('BAD_REQUEST');
  });

  it('answers NOT_FOUND for an unknown datasetId and BAD_REQUEST for one that is not a positive integer', async () => {
    expect(await errorCode(caller.units.summary({ datasetId: datasetId + 1000 }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.children({ datasetId: datasetId + 1000, code: null }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.path({ datasetId: datasetId + 1000, code: '41' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.units.summary({ datasetId: 0 }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.summary({ datasetId: 1.5 }))).toBe('BAD_REQUEST');
  });
});

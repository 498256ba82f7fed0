import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/store/db.ts';
import { readCsv } from '../../data/csv.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** villages.byCode over the committed default dataset. */
let db: Db;
let datasetId: number;
let caller: ReturnType<typeof callerFor>;
let rows: Record<string, string>[];

beforeAll(() => {
  ({ db, datasetId } = openDefaultDb());
  caller = callerFor(db);
  rows = readCsv(fileURLToPath(new URL('../../../data/default/villages.csv', import.meta.url)));
});

const expectedFromCsv = (r: Record<string, string>) => ({
  code: r.code,
  name: r.name,
  lon: Number(r.lon),
  lat: Number(r.lat),
  population: Number(r.population),
  children: Number(r.children),
  leftBehind: Number(r.left_behind),
  disabled: Number(r.disabled),
  orphaned: Number(r.orphaned),
  difficult: Number(r.difficult),
  coveredSince: r.covered_since === '' ? null : Number(r.covered_since),
});

describe('villages.byCode', () => {
  it('gives the first village of villages.csv with its real name and figures, uncovered and without workers', async () => {
    const first = rows[0];
    expect(first.code).toBe('140105001001');
    const village = await caller.villages.byCode({ code: first.code });
    expect(village).toEqual({ ...expectedFromCsv(first), workerIds: [] });
    expect(village.name).toBe('师范街社区居委会');
  });

  it('gives a covered village its year and the worker whose roster holds it', async () => {
    const row = rows.find((r) => r.covered_since !== '' && r.code.startsWith('53'))!;
    const workerIds = (
      db.prepare('SELECT worker_id FROM worker_village WHERE dataset_id = ? AND village_code = ?').all(datasetId, row.code) as { worker_id: string }[]
    ).map((r) => r.worker_id);
    expect(workerIds).toHaveLength(1);
    expect(await caller.villages.byCode({ code: row.code, datasetId })).toEqual({ ...expectedFromCsv(row), workerIds });
  });

  it("lists a shared worker on the roster's second village, which is not the worker's home", async () => {
    const { worker_id, village_code } = db
      .prepare('SELECT worker_id, village_code FROM worker_village WHERE dataset_id = ? AND position = 1 ORDER BY worker_id LIMIT 1')
      .get(datasetId) as { worker_id: string; village_code: string };
    expect(worker_id).not.toBe(`W${village_code}`);
    expect((await caller.villages.byCode({ code: village_code })).workerIds).toEqual([worker_id]);
  });

  it('answers NOT_FOUND for a well-formed code that is not in the dataset', async () => {
    expect(await errorCode(caller.villages.byCode({ code: '999999999999' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.villages.byCode({ code: '140105001999' }))).toBe('NOT_FOUND');
  });

  it('answers BAD_REQUEST for a malformed code, including a code of another level', async () => {
    expect(await errorCode(caller.villages.byCode({ code: '12x' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.villages.byCode({ code: '123' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.villages.byCode({ code: '140105001' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.villages.byCode({ code: '14010500100a' }))).toBe('BAD_REQUEST');
  });

  it('answers NOT_FOUND for an unknown datasetId', async () => {
    expect(await errorCode(caller.villages.byCode({ code: rows[0].code, datasetId: datasetId + 1000 }))).toBe('NOT_FOUND');
  });
});

describe('datasets.list', () => {
  it('lists the one loaded default dataset', async () => {
    const list = await caller.datasets.list();
    expect(list.map((d) => [d.id, d.version, d.synthetic])).toEqual([[datasetId, 1, true]]);
    expect(list[0].name).toBe('Demonstration provinces (synthetic figures)');
  });
});

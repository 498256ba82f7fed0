import { describe, expect, it } from 'vitest';
import type { DatasetContent } from '../../../server/ingest/read_dataset_dir.ts';
import { currentDatasetId, getDataset, insertDataset, listDatasets, readBoundary } from '../../../server/store/datasets.ts';
import { migrate, openDb, type Db } from '../../../server/store/db.ts';
import { MIGRATIONS } from '../../../server/store/migrations.ts';
import { readColumns } from '../../../server/store/read_columns.ts';

/** Three villages in two townships of one county; one worker covering two of them. */
function smallContent(name = 'small'): DatasetContent {
  const village = (code: string, vname: string, coveredSince: number | null) => ({
    code, name: vname, lon: 112.5, lat: 37.8, population: 1000, children: 200,
    leftBehind: 10, disabled: 3, orphaned: 1, difficult: 5, coveredSince,
  });
  return {
    manifest: { name, nameZh: '小', synthetic: true, source: 'hand-made' },
    adminUnits: [
      { code: '14', level: 'province', name: '山西省', parentCode: null },
      { code: '1401', level: 'prefecture', name: '太原市', parentCode: '14' },
      { code: '140105', level: 'county', name: '小店区', parentCode: '1401' },
      { code: '140105001', level: 'township', name: '坞城街道', parentCode: '140105' },
      { code: '140105002', level: 'township', name: '营盘街道', parentCode: '140105' },
    ],
    villages: [
      village('140105001001', '甲村', 2015),
      village('140105001002', '乙村', 2016),
      village('140105002001', '丙村', null),
    ],
    workers: [
      { id: 'W1', homeVillage: '140105001001', lon: 112.5, lat: 37.8, roster: ['140105001001', '140105001002'], capacity: 40, startYear: 2015 },
    ],
    servicePoints: [
      { id: 'station-140105001', type: 'station', name: '站', lon: 112.5, lat: 37.8, capacity: 300, adminCode: '140105001' },
    ],
    boundaries: { provinces: '{"type":"FeatureCollection","features":[]}' },
  };
}

const TABLES = ['dataset', 'admin_unit', 'village', 'worker', 'worker_village', 'service_point', 'boundary'];
const rowCounts = (db: Db) =>
  Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe('openDb', () => {
  it('applies every migration and records it in user_version; migrating again changes nothing', () => {
    const db = openDb(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(currentDatasetId(db)).toBeNull();
    expect(listDatasets(db)).toEqual([]);
  });
});

describe('insertDataset', () => {
  it('writes the dataset and all its rows, and returns its id', () => {
    const db = openDb(':memory:');
    const id = insertDataset(db, smallContent(), '2025-01-01T00:00:00.000Z');
    expect(getDataset(db, id)).toEqual({
      id, name: 'small', nameZh: '小', version: 1, createdAt: '2025-01-01T00:00:00.000Z', source: 'hand-made', synthetic: true, note: '',
    });
    expect(rowCounts(db)).toEqual({ dataset: 1, admin_unit: 5, village: 3, worker: 1, worker_village: 2, service_point: 1, boundary: 1 });
    expect(readBoundary(db, id, 'provinces')).toBe('{"type":"FeatureCollection","features":[]}');
    expect(readBoundary(db, id, 'counties')).toBeNull();
    const columns = readColumns(db, id);
    expect(columns.villages.code).toEqual(['140105001001', '140105001002', '140105002001']);
    expect([...columns.villages.coveredSince]).toEqual([2015, 2016, 0]);
    expect([...columns.workers.rosterVillage]).toEqual([0, 1]);
  });

  it('gives each insert the next version, and lists datasets newest first', () => {
    const db = openDb(':memory:');
    const first = insertDataset(db, smallContent('first'));
    const second = insertDataset(db, smallContent('second'));
    expect(second).not.toBe(first);
    expect(getDataset(db, first)!.version).toBe(1);
    expect(getDataset(db, second)!.version).toBe(2);
    expect(listDatasets(db).map((d) => [d.name, d.version])).toEqual([['second', 2], ['first', 1]]);
    expect(currentDatasetId(db)).toBe(second);
  });

  it('leaves no dataset row and no rows when an insert fails mid-way (duplicate village code)', () => {
    const db = openDb(':memory:');
    const kept = insertDataset(db, smallContent('kept'));
    const before = rowCounts(db);
    const bad = smallContent('bad');
    bad.villages.push({ ...bad.villages[1] });
    expect(() => insertDataset(db, bad)).toThrow(/UNIQUE/);
    expect(rowCounts(db)).toEqual(before);
    expect(listDatasets(db).map((d) => d.name)).toEqual(['kept']);
    expect(currentDatasetId(db)).toBe(kept);
  });

  it('rolls back when a late row breaks a constraint (worker with zero capacity)', () => {
    const db = openDb(':memory:');
    const bad = smallContent('bad');
    bad.workers[0].capacity = 0;
    expect(() => insertDataset(db, bad)).toThrow(/CHECK/);
    expect(rowCounts(db)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });
});

import { describe, expect, it } from 'vitest';
import type { DatasetContent } from '../../../server/ingest/read_dataset_dir.ts';
import { activateDataset, currentDatasetId, insertDataset } from '../../../server/store/datasets.ts';
import { listVersions, restoreVersion } from '../../../server/store/dataset_versions.ts';
import { openDb } from '../../../server/store/db.ts';
import { MIGRATIONS } from '../../../server/store/migrations.ts';
import Database from 'better-sqlite3';

function content(name: string, villages: number): DatasetContent {
  return {
    manifest: { name, nameZh: '', synthetic: true, source: 'test' },
    adminUnits: [
      { code: '14', level: 'province', name: '山西省', parentCode: null },
      { code: '1401', level: 'prefecture', name: '太原市', parentCode: '14' },
      { code: '140105', level: 'county', name: '小店区', parentCode: '1401' },
      { code: '140105001', level: 'township', name: '坞城街道', parentCode: '140105' },
    ],
    villages: Array.from({ length: villages }, (_, i) => ({
      code: `140105001${String(i + 1).padStart(3, '0')}`, name: `村${i}`, lon: 112.5, lat: 37.8, population: 100, children: 20,
      leftBehind: 1, disabled: 0, orphaned: 0, difficult: 0, coveredSince: null,
    })),
    workers: [],
    servicePoints: [],
    boundaries: {},
  };
}

describe('dataset versions', () => {
  it('makes each new version current, lists all with counts, and restores an old one without copying or deleting', () => {
    const db = openDb(':memory:');
    const v1 = insertDataset(db, content('first', 2));
    const v2 = insertDataset(db, content('second', 3));
    expect(currentDatasetId(db)).toBe(v2);
    expect(listVersions(db).map((v) => [v.version, v.current, v.counts.villages])).toEqual([[2, true, 3], [1, false, 2]]);

    expect(restoreVersion(db, v1)).toBe(true);
    expect(currentDatasetId(db)).toBe(v1);
    const versions = listVersions(db);
    expect(versions.map((v) => [v.version, v.current])).toEqual([[2, false], [1, true]]);
    expect(versions.find((v) => v.id === v1)!.counts.villages).toBe(2);
    // the history of what was current when is kept
    expect(db.prepare('SELECT dataset_id, reason FROM dataset_activation ORDER BY seq').all()).toEqual([
      { dataset_id: v1, reason: 'load' },
      { dataset_id: v2, reason: 'load' },
      { dataset_id: v1, reason: 'restore' },
    ]);
    // restoring the current version again records nothing; an unknown one is refused
    expect(restoreVersion(db, v1)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM dataset_activation').get()).toEqual({ n: 3 });
    expect(restoreVersion(db, 999)).toBe(false);
    activateDataset(db, v2, 'restore');
    expect(currentDatasetId(db)).toBe(v2);
  });

  it('migrates a database written before versions had a current marker: the newest stays current', () => {
    const raw = new Database(':memory:');
    raw.exec(MIGRATIONS[0]);
    raw.pragma('user_version = 1');
    raw.prepare("INSERT INTO dataset (name, version, created_at, source, synthetic) VALUES ('a', 1, 'x', 's', 1), ('b', 2, 'y', 's', 1)").run();
    // openDb's migrate, on this connection
    for (let v = 1; v < MIGRATIONS.length; v++) raw.exec(MIGRATIONS[v]);
    expect(currentDatasetId(raw)).toBe(2);
    expect(raw.prepare('SELECT dataset_id, at, reason FROM dataset_activation').all()).toEqual([{ dataset_id: 2, at: 'y', reason: 'load' }]);
  });
});

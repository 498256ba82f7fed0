import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisParamsSchema, resolveParams } from '../../../server/domain/index.ts';
import { runImport } from '../../../server/ingest/run_import.ts';
import { coverageSummary, childUnits } from '../../../server/results/coverage_summary.ts';
import { rankedGaps } from '../../../server/results/gap_rows.ts';
import { DatasetCache } from '../../../server/store/dataset_cache.ts';
import type { Db } from '../../../server/store/db.ts';
import { currentDatasetId } from '../../../server/store/datasets.ts';
import { exportDataset } from '../../../server/store/export_dataset.ts';
import { openDefaultDb } from '../default_db.ts';

/**
 * The default dataset exported in the import format and imported again gives the same analysis:
 * coverage figures for every province and the whole dataset, and the full gap ranking.
 */
let db: Db;
let original: number;
let dir: string;
const params = resolveParams(analysisParamsSchema.parse({}));

beforeAll(() => {
  ({ db, datasetId: original } = openDefaultDb());
  dir = mkdtempSync(join(tmpdir(), 'round-trip-'));
  exportDataset(db, original, join(dir, 'export'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  db?.close();
});

async function analysis(cache: DatasetCache, id: number) {
  const loaded = cache.get(id);
  await loaded.analysis.prepare(params);
  const name = 'x';
  return {
    total: coverageSummary(loaded, params, null, name),
    provinces: childUnits(loaded, null).map((u) => coverageSummary(loaded, params, u, name)),
    // the ranking by village code, so that row order inside a version does not matter
    gaps: Array.from(rankedGaps(loaded, params, null, {}), (v) => loaded.columns.villages.code[v]),
  };
}

describe('round trip of the default dataset', () => {
  it('export, import as a whole dataset, or the villages file alone: identical coverage summary and gap ranking', async () => {
    const cache = new DatasetCache(db, 2);
    const before = await analysis(cache, original);
    expect(before.total.villages).toBe(138_294);
    expect(before.gaps.length).toBeGreaterThan(10_000);

    const whole = await runImport(db, { path: join(dir, 'export'), fileName: 'export', kind: 'dataset', crs: 'wgs84' }, { workDir: join(dir, 'w1') });
    expect([whole.phase, whole.errorCount, whole.warnings]).toEqual(['done', 0, []]);
    expect(currentDatasetId(db)).toBe(whole.datasetId);
    expect(await analysis(cache, whole.datasetId!)).toEqual(before);

    const villages = await runImport(db, { path: join(dir, 'export', 'villages.csv'), fileName: 'villages.csv', kind: 'villages', crs: 'wgs84' }, { workDir: join(dir, 'w2') });
    expect([villages.phase, villages.errorCount]).toEqual(['done', 0]);
    expect(await analysis(cache, villages.datasetId!)).toEqual(before);
  });
});

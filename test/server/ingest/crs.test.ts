import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../data/generator/prng.ts';
import type { Crs } from '../../../server/domain/import.ts';
import { haversineKm } from '../../../server/engine/geo.ts';
import { fromWgs84, judgeShift, ShiftSample, toWgs84 } from '../../../server/ingest/crs.ts';
import { runImport } from '../../../server/ingest/run_import.ts';
import { insertDataset } from '../../../server/store/datasets.ts';
import { openDb } from '../../../server/store/db.ts';
import { readColumns } from '../../../server/store/read_columns.ts';
import { openTinyDb, tinyContent, villagesCsv } from '../../helpers/tiny_dataset.ts';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tiny villages as a file would give them in `crs`. */
const shifted = (villages: ReturnType<typeof tinyContent>['villages'], crs: Crs) =>
  villages.map((v) => {
    const [lon, lat] = fromWgs84(v.lon, v.lat, crs);
    return { ...v, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  });

async function importAs(db: Parameters<typeof runImport>[0], villages: ReturnType<typeof tinyContent>['villages'], crs: Crs, dryRun = false) {
  const path = join(dir, `${n++}.csv`);
  writeFileSync(path, villagesCsv(villages));
  return runImport(db, { path, fileName: 'v.csv', kind: 'villages', crs, dryRun }, { workDir: join(dir, `w${n++}`) });
}

describe('coordinate systems', () => {
  it('converts GCJ-02 and BD-09 back to WGS84 within 1 m anywhere in China', () => {
    const rng = mulberry32(11);
    for (let k = 0; k < 500; k++) {
      const lon = 75 + rng() * 58;
      const lat = 20 + rng() * 32;
      for (const crs of ['gcj02', 'bd09'] as const) {
        const [x, y] = fromWgs84(lon, lat, crs);
        expect(haversineKm(lon, lat, x, y)).toBeGreaterThan(0.05); // the offset is real
        const [bx, by] = toWgs84(x, y, crs);
        expect(haversineKm(lon, lat, bx, by)).toBeLessThan(0.001);
      }
    }
    // outside China the offsets are not defined: positions pass through for the checks to refuse
    expect(toWgs84(2.35, 48.85, 'gcj02')).toEqual([2.35, 48.85]);
  });

  it('warns that GCJ-02 positions read as WGS84 look shifted against their townships, and stores them converted when told', async () => {
    const { db, content } = openTinyDb(40);
    const gcj = shifted(content.villages, 'gcj02');
    const wrong = await importAs(db, gcj, 'wgs84', true);
    const warning = wrong.warnings.find((w) => w.code === 'shifted');
    expect(warning?.crs).toBe('gcj02');
    expect(warning?.message).toMatch(/^Positions look like GCJ-02, not WGS84: read as WGS84, [\d.]+ % of them fall outside their area; read as GCJ-02, 0\.0 %\.$/);
    expect(warning?.messageZh).toMatch(/坐标似乎是 GCJ-02/);
    const right = await importAs(db, gcj, 'gcj02');
    expect(right.phase).toBe('done');
    expect(right.warnings.filter((w) => w.code === 'shifted')).toEqual([]);
    const c = readColumns(db, right.datasetId!);
    content.villages.forEach((v, i) => expect(haversineKm(v.lon, v.lat, c.villages.lon[i], c.villages.lat[i])).toBeLessThan(0.001));
  });

  it('tells BD-09 from GCJ-02', async () => {
    const { db, content } = openTinyDb(40);
    const out = await importAs(db, shifted(content.villages, 'bd09'), 'gcj02', true);
    expect(out.warnings.find((w) => w.code === 'shifted')?.crs).toBe('bd09');
    const fine = await importAs(db, content.villages, 'wgs84', true);
    expect(fine.warnings).toEqual([]);
  });

  it('without areas, compares with the current version\'s positions of the same villages', async () => {
    const db = openDb(':memory:');
    const content = tinyContent(10);
    insertDataset(db, { ...content, boundaries: {} });
    const out = await importAs(db, shifted(content.villages, 'gcj02'), 'wgs84', true);
    const warning = out.warnings.find((w) => w.code === 'shifted');
    expect(warning?.crs).toBe('gcj02');
    expect(warning?.message).toMatch(/median [\d]+ m from the current version's; read as GCJ-02, 0 m\./);
  });

  it('says nothing with too few points to judge', () => {
    const sample = new ShiftSample();
    for (let k = 0; k < 19; k++) sample.add(112, 37, -1, 112.01, 37);
    expect(judgeShift(sample, null, 'wgs84')).toBeNull();
  });
});

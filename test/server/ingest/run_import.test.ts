import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRowError } from '../../../server/domain/import.ts';
import { previewImport } from '../../../server/ingest/preview.ts';
import { runImport, type ImportRequest } from '../../../server/ingest/run_import.ts';
import { currentDatasetId } from '../../../server/store/datasets.ts';
import { listVersions, restoreVersion } from '../../../server/store/dataset_versions.ts';
import { readColumns } from '../../../server/store/read_columns.ts';
import { openTinyDb, servicesCsv, tablesChecksum, villagesCsv, workersCsv } from '../../helpers/tiny_dataset.ts';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `body` to a fresh file and imports it. */
async function importFile(db: Parameters<typeof runImport>[0], name: string, body: string | Buffer, req: Partial<ImportRequest> = {}) {
  const work = join(dir, String(n++));
  const path = join(dir, `${n}-${name}`);
  writeFileSync(path, body);
  return runImport(db, { path, fileName: name, kind: 'villages', crs: 'wgs84', ...req }, { workDir: work });
}

const HEADER = 'code,name,lon,lat,population,children,left_behind,disabled,orphaned,difficult,covered_since';

describe('villages import: every rule gives a row-level error, and nothing is written', () => {
  const { db, content } = openTinyDb();
  const base = villagesCsv(content.villages).trim().split('\n');
  const good = base.slice(1);
  // cases: a row added after the good ones (row number good.length + 2), and the error expected
  const cases: [string, string, string, RegExp][] = [
    ['14010500100,新村,112.01,37.01,100,20,0,0,0,0,', 'code', '14010500100', /a village code has 12 digits/],
    ['1.40105E+11,新村,112.01,37.01,100,20,0,0,0,0,', 'code', '1.40105E+11', /Excel turned the code into a number/],
    ['140105009001,新村,112.01,37.01,100,20,0,0,0,0,', 'code', '140105009001', /no township 140105009 in the administrative units/],
    ['140105001099,新村,12.01,37.01,100,20,0,0,0,0,', 'lon', '12.01, 37.01', /position outside China/],
    ['140105001099,新村,37.01,112.01,100,20,0,0,0,0,', 'lon', '37.01, 112.01', /longitude and latitude look swapped/],
    ['140105001099,新村,0,0,100,20,0,0,0,0,', 'lon', '0, 0', /no position/],
    ['140105001099,新村,112.3,37.01,100,20,0,0,0,0,', 'lon', '112.3, 37.01', /km outside its county 140105/],
    ['140105001001,重复村,112.01,37.01,100,20,0,0,0,0,', 'code', '140105001001', /duplicate village 140105001001 \(first in row 2\)/],
    ['140105001099,新村,112.01,37.01,-5,0,0,0,0,0,', 'population', '-5', /cannot be negative/],
    ['140105001099,新村,112.01,37.01,10,20,0,0,0,0,', 'children', '20', /more children than people/],
    ['140105001099,新村,112.01,37.01,100,20,30,0,0,0,', 'left_behind', '30', /more than the village has children/],
    ['140105001099,新村,112.01,37.01,abc,20,0,0,0,0,', 'population', 'abc', /not a number/],
    ['140105001099,新村,112.01,37.01,,20,0,0,0,0,', 'population', '', /empty/],
    ['140105001099,新村,112.01,37.01,100.5,20,0,0,0,0,', 'population', '100.5', /not a whole number/],
    ['140105001099,新村,112.01,37.01,100,20,0,0,0,0,1999', 'covered_since', '1999', /must be at least 2000/],
    [`140105001099,${'村'.repeat(201)},112.01,37.01,100,20,0,0,0,0,`, 'name', '村'.repeat(200) + '…', /longer than 200 characters/],
    ['140105001099,,112.01,37.01,100,20,0,0,0,0,', 'name', '', /empty/],
    ['140105001099,新村,112.01,37.01,100,20,0,0,0,0,,extra', '', 'extra', /expected 11 fields, found 12/],
  ];
  for (const [row, column, value, reason] of cases)
    it(`${reason.source}`, async () => {
      const before = tablesChecksum(db);
      const out = await importFile(db, 'villages.csv', [HEADER, ...good, row].join('\n'));
      expect(out.phase).toBe('failed');
      expect(out.errorCount).toBe(1);
      const e = out.errors[0];
      expect([e.row, e.column, e.value]).toEqual([good.length + 2, column, value]);
      expect(e.reason).toMatch(reason);
      expect(e.reasonZh.length).toBeGreaterThan(0);
      expect(tablesChecksum(db)).toBe(before);
    });

  it('checks a village code against the township and county codes in the file', async () => {
    const out = await importFile(db, 'v.csv', [`${HEADER},township_code`, ...good.map((g) => `${g},${g.slice(0, 9)}`), `140105001099,新村,112.01,37.01,100,20,0,0,0,0,,140105002`].join('\n'));
    expect(out.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[good.length + 2, 'code', 'code 140105001099 does not belong to 140105002']]);
  });

  it('names every required column that is missing, and reads nothing', async () => {
    const out = await importFile(db, 'v.csv', 'code,name,lon,lat\n140105001001,甲,112.01,37.01\n');
    expect(out.phase).toBe('failed');
    expect(out.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [null, 'population', 'no column for the required field population'],
      [null, 'children', 'no column for the required field children'],
    ]);
    expect(out.rowsRead).toBe(0);
  });

  it('refuses a file that drops a village on a worker roster, naming the worker', async () => {
    const before = tablesChecksum(db);
    const out = await importFile(db, 'v.csv', [HEADER, ...good.filter((r) => !r.startsWith('140105001002'))].join('\n'));
    expect(out.phase).toBe('failed');
    expect(out.errors[0]).toMatchObject({ row: null, column: 'code', value: '140105001002' });
    expect(out.errors[0].reason).toBe('village 140105001002 is on the roster of worker W1 but not in this file');
    expect(tablesChecksum(db)).toBe(before);
  });

  it('refuses a file that drops a village with a service point (a school)', async () => {
    const out = await importFile(db, 'v.csv', [HEADER, ...good.filter((r) => !r.startsWith('140105001003'))].join('\n'));
    expect(out.errors.map((e) => e.reason)).toEqual(['village 140105001003 has service point school-140105001003 but is not in this file']);
  });

  it('refuses text that is not valid in the encoding chosen', async () => {
    const iconv = (await import('iconv-lite')).default;
    const out = await importFile(db, 'v.csv', iconv.encode([HEADER, ...good].join('\n'), 'gbk'), { encoding: 'utf8' });
    expect(out.phase).toBe('failed');
    expect(out.errors[0]).toMatchObject({ row: 2, column: 'name' });
    expect(out.errors[0].reason).toBe('the text is not valid UTF-8');
  });
});

describe('workers and service points', () => {
  const { db, content } = openTinyDb();
  const workers = workersCsv(content.workers).trim().split('\n');
  const services = servicesCsv(content.servicePoints).trim().split('\n');

  const errorsOf = async (kind: 'workers' | 'services', lines: string[]): Promise<ImportRowError[]> => {
    const before = tablesChecksum(db);
    const out = await importFile(db, `${kind}.csv`, lines.join('\n'), { kind });
    expect(tablesChecksum(db)).toBe(before);
    return out.errors;
  };

  it('refuses a roster village the version does not have, a zero capacity and a repeated worker', async () => {
    const errors = await errorsOf('workers', [
      ...workers,
      'W4,140105001005,112.01,37.01,80,2016,140105001005 140105001099',
      'W5,140105001006,112.01,37.01,0,2016,',
      'W1,140105001007,112.01,37.01,80,2016,',
    ]);
    expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [6, 'capacity', 'must be more than 0'],
      [7, 'id', 'duplicate worker W1 (first in row 2)'],
      [5, 'roster', 'no village 140105001099'],
    ]);
  });

  it('refuses an unknown service type and an administrative code the version does not have; reads Chinese type names', async () => {
    const errors = await errorsOf('services', [...services, 'x-1,医务室?,x,112.01,37.01,10,140105001', 'x-2,卫生院,院,112.01,37.01,10,140105009']);
    expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [6, 'type', 'not one of station, health, school, disability, welfare, police'],
      [7, 'admin_code', 'no administrative unit 140105009'],
    ]);
    const ok = await importFile(db, 's.csv', [...services, 'x-2,乡镇卫生院,院,112.01,37.01,10,140105001'].join('\n'), { kind: 'services', dryRun: true });
    expect(ok.phase).toBe('done');
  });
});

describe('a successful import', () => {
  it('writes a new current version with the file, copies the rest, and keeps the old version restorable', async () => {
    const { db, datasetId, content } = openTinyDb();
    const changed = content.villages.map((v) => (v.code === '140105002005' ? { ...v, population: 4321 } : v));
    const before = readColumns(db, datasetId);
    const out = await importFile(db, '村.csv', villagesCsv(changed));
    expect(out.phase).toBe('done');
    expect(out.version).toBe(2);
    expect(currentDatasetId(db)).toBe(out.datasetId);
    const after = readColumns(db, out.datasetId!);
    expect(after.villages.population[after.villages.index.get('140105002005')!]).toBe(4321);
    expect(after.workers.id).toEqual(before.workers.id);
    expect([...after.workers.rosterVillage]).toEqual([...before.workers.rosterVillage]);
    expect(after.services.id).toEqual(before.services.id);
    expect(after.admin.code).toEqual(before.admin.code);
    const versions = listVersions(db);
    expect(versions.map((v) => [v.version, v.current, v.basedOn])).toEqual([[2, true, datasetId], [1, false, null]]);
    expect(versions[0].note).toBe('villages from 村.csv: 36 rows, UTF-8');
    expect(versions[0].boundaryLayers).toEqual(['counties', 'townships']);
    // the old version is intact and comes back
    expect(restoreVersion(db, datasetId)).toBe(true);
    expect(currentDatasetId(db)).toBe(datasetId);
    const restored = readColumns(db, datasetId);
    expect(restored.villages.population[restored.villages.index.get('140105002005')!]).toBe(before.villages.population[before.villages.index.get('140105002005')!]);
  });

  it('a dry run checks everything and writes nothing', async () => {
    const { db, content } = openTinyDb();
    const before = tablesChecksum(db);
    const out = await importFile(db, 'v.csv', villagesCsv(content.villages), { dryRun: true });
    expect([out.phase, out.errorCount, out.datasetId, out.rowsRead]).toEqual(['done', 0, null, 36]);
    expect(tablesChecksum(db)).toBe(before);
  });

  it('stops when cancelled and writes nothing', async () => {
    const { db, content } = openTinyDb();
    const before = tablesChecksum(db);
    const path = join(dir, 'cancel.csv');
    writeFileSync(path, villagesCsv(content.villages));
    const out = await runImport(db, { path, fileName: 'v.csv', kind: 'villages', crs: 'wgs84' }, { workDir: join(dir, 'cancel'), stopped: () => true });
    expect(out.phase).toBe('cancelled');
    expect(tablesChecksum(db)).toBe(before);
  });

  it('leaves no staging tables behind', async () => {
    const { db, content } = openTinyDb();
    await importFile(db, 'v.csv', villagesCsv(content.villages));
    expect(db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });
});

describe('preview', () => {
  it('detects encoding, title rows, header and mapping, shows the first rows converted, and writes nothing', async () => {
    const { db, content } = openTinyDb();
    const iconv = (await import('iconv-lite')).default;
    const rows = content.villages.map((v) => [v.code, v.name, v.lon, v.lat, v.population, v.children, v.coveredSince ?? ''].join(','));
    const text = ['2024年村级儿童数据,,,,,,', '行政区划代码,村名称,经度,纬度,户籍人口,儿童人数,项目覆盖年份,联系电话', ...rows.map((r) => `${r},13800000000`)].join('\r\n');
    const path = join(dir, 'preview.csv');
    writeFileSync(path, iconv.encode(text, 'gb18030'));
    const before = tablesChecksum(db);
    const p = await previewImport(db, path, '村级数据.csv');
    expect(tablesChecksum(db)).toBe(before);
    expect(p).toMatchObject({ format: 'csv', encoding: 'gb18030', kind: 'villages', headerRow: 2, crs: 'wgs84', crsSuggestion: null });
    expect(p.kindCandidates[0]).toBe('villages');
    expect(Object.fromEntries(p.fields.filter((f) => f.column !== null).map((f) => [f.field, p.header[f.column!]]))).toEqual({
      code: '行政区划代码', name: '村名称', lon: '经度', lat: '纬度', population: '户籍人口', children: '儿童人数', covered_since: '项目覆盖年份',
    });
    expect(p.sample).toHaveLength(20);
    expect(p.sample[0]).toMatchObject({ row: 3, values: { code: '140105001001', name: '甲镇1村', left_behind: '0', covered_since: '2016' } });
    expect(p.warnings.map((w) => w.code).sort()).toEqual(['missingOptional', 'missingOptional', 'missingOptional', 'missingOptional', 'personalData']);
    expect(p.counts).toEqual({ rowsChecked: 36, errors: 0, features: null });
  });

  it('still shows the header and the proposed mapping when a required column is missing', async () => {
    const { db } = openTinyDb();
    const path = join(dir, 'missing.csv');
    writeFileSync(path, 'code,name,lon,lat,population\n140105001001,甲,112.01,37.01,100\n');
    const p = await previewImport(db, path, 'v.csv', { kind: 'villages' });
    expect(p.header).toEqual(['code', 'name', 'lon', 'lat', 'population']);
    expect(p.fields.find((f) => f.field === 'children')).toMatchObject({ column: null, required: true });
    expect(p.errors.map((e) => e.reason)).toEqual(['no column for the required field children']);
  });

  it('takes the mapping the user chose', async () => {
    const { db, content } = openTinyDb();
    const path = join(dir, 'odd.csv');
    const v = content.villages[0];
    writeFileSync(path, `a,b,c,d,e,f\n${v.code},${v.name},${v.lat},${v.lon},${v.population},${v.children}\n`);
    const p = await previewImport(db, path, 'odd.csv', { kind: 'villages', mapping: { code: 0, name: 1, lat: 2, lon: 3, population: 4, children: 5 } });
    expect(p.errors).toEqual([]);
    expect(p.sample[0].values).toMatchObject({ lon: String(v.lon), lat: String(v.lat) });
    expect(p.fields.find((f) => f.field === 'lat')).toMatchObject({ column: 2, confidence: 'manual' });
  });
});

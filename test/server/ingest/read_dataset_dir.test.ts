import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatasetDir, RowError } from '../../../server/ingest/read_dataset_dir.ts';

/** A tiny dataset folder in the project's format, with any file replaced. */
const FILES: Record<string, string> = {
  'manifest.json': JSON.stringify({ name: 'tiny', synthetic: true, source: 'test' }),
  'admin_units.csv': [
    'code,level,name,parent_code',
    '14,province,山西省,',
    '1401,prefecture,太原市,14',
    '140105,county,小店区,1401',
    '140105001,township,坞城街道,140105',
  ].join('\n'),
  'villages.csv': [
    'code,name,lon,lat,population,children,left_behind,disabled,orphaned,difficult,covered_since',
    '140105001001,甲村,112.5,37.8,1000,200,10,3,1,5,2015',
    '140105001002,"乙村, 北",112.6,37.9,800,150,8,2,0,4,',
  ].join('\n'),
  'workers.csv': ['id,home_village,lon,lat,capacity,start_year,roster', 'W1,140105001001,112.5,37.8,40,2015,140105001001 140105001002'].join('\n'),
  'service_points.csv': ['id,type,name,lon,lat,capacity,admin_code', 'station-140105001,station,站,112.5,37.8,300,140105001'].join('\n'),
};

let root: string;
let n = 0;
function datasetDir(replace: Record<string, string> = {}): string {
  const dir = join(root, String(n++));
  mkdirSync(join(dir, 'boundaries'), { recursive: true });
  for (const [file, text] of Object.entries({ ...FILES, ...replace })) writeFileSync(join(dir, file), text + '\n');
  return dir;
}

function rowErrorOf(fn: () => unknown): RowError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RowError);
    return err as RowError;
  }
  throw new Error('expected a RowError, nothing was thrown');
}

const villagesWith = (row: string) => [FILES['villages.csv'], row].join('\n');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'read-dataset-dir-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readDatasetDir', () => {
  it('reads a valid folder into typed rows', () => {
    const dir = datasetDir();
    writeFileSync(join(dir, 'boundaries', 'provinces.geojson'), '{"type":"FeatureCollection","features":[]}');
    const content = readDatasetDir(dir);
    expect(content.manifest).toEqual({ name: 'tiny', nameZh: '', synthetic: true, source: 'test' });
    expect(content.adminUnits.map((u) => [u.code, u.parentCode])).toEqual([['14', null], ['1401', '14'], ['140105', '1401'], ['140105001', '140105']]);
    expect(content.villages[0]).toEqual({
      code: '140105001001', name: '甲村', lon: 112.5, lat: 37.8, population: 1000, children: 200,
      leftBehind: 10, disabled: 3, orphaned: 1, difficult: 5, coveredSince: 2015,
    });
    expect(content.villages[1].name).toBe('乙村, 北');
    expect(content.villages[1].coveredSince).toBeNull();
    expect(content.workers[0].roster).toEqual(['140105001001', '140105001002']);
    expect(content.servicePoints[0].type).toBe('station');
    expect(Object.keys(content.boundaries)).toEqual(['provinces']);
  });

  it('names file, row and column for a negative population', () => {
    const err = rowErrorOf(() => readDatasetDir(datasetDir({ 'villages.csv': villagesWith('140105001003,丙村,112.5,37.8,-5,0,0,0,0,0,') })));
    expect([err.file, err.row, err.column]).toEqual(['villages.csv', 4, 'population']);
    expect(err.message).toMatch(/^villages\.csv row 4, column population: /);
  });

  it('names file, row and column for an 11-digit village code', () => {
    const err = rowErrorOf(() => readDatasetDir(datasetDir({ 'villages.csv': villagesWith('14010500100,丙村,112.5,37.8,5,0,0,0,0,0,') })));
    expect([err.file, err.row, err.column]).toEqual(['villages.csv', 4, 'code']);
  });

  it('rejects a missing figure instead of reading it as zero', () => {
    const err = rowErrorOf(() => readDatasetDir(datasetDir({ 'villages.csv': villagesWith('140105001003,丙村,112.5,37.8,5,,0,0,0,0,') })));
    expect([err.file, err.row, err.column]).toEqual(['villages.csv', 4, 'children']);
  });

  it('rejects an unknown service type and an unknown admin level', () => {
    const service = rowErrorOf(() =>
      readDatasetDir(datasetDir({ 'service_points.csv': [FILES['service_points.csv'], 'x-1,hospital,院,112.5,37.8,10,140105'].join('\n') })),
    );
    expect([service.file, service.row, service.column]).toEqual(['service_points.csv', 3, 'type']);
    const unit = rowErrorOf(() => readDatasetDir(datasetDir({ 'admin_units.csv': [FILES['admin_units.csv'], '14010500,town,镇,140105'].join('\n') })));
    expect([unit.file, unit.row]).toEqual(['admin_units.csv', 6]);
  });

  it('counts blank lines when it names a row, and reads a blank-only cell as missing', () => {
    const err = rowErrorOf(() =>
      readDatasetDir(datasetDir({ 'villages.csv': [FILES['villages.csv'], '', '140105001003,丙村,112.5,37.8,5, ,0,0,0,0,'].join('\n') })),
    );
    expect([err.row, err.column]).toEqual([5, 'children']);
  });

  it('rejects rows that contradict other rows or files', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ 'villages.csv': villagesWith('140105009001,丁村,112.5,37.8,5,0,0,0,0,0,') }, 'villages.csv', 'no township 140105009'],
      [{ 'villages.csv': villagesWith('140105001001,重复村,112.5,37.8,5,0,0,0,0,0,') }, 'villages.csv', 'duplicate village'],
      [{ 'villages.csv': villagesWith('140105001003,丙村,112.5,37.8,5,9,0,0,0,0,') }, 'villages.csv', 'more children than people'],
      [{ 'villages.csv': villagesWith('140105001003,丙村,112.5,37.8,50,9,10,0,0,0,') }, 'villages.csv', 'more than the village has children'],
      [{ 'workers.csv': 'id,home_village,lon,lat,capacity,start_year,roster\nW1,140105001001,112.5,37.8,40,2015,140105001001 140105001099' }, 'workers.csv', 'no village 140105001099'],
      [{ 'admin_units.csv': [FILES['admin_units.csv'], '149901,county,迎泽区,1499'].join('\n') }, 'admin_units.csv', 'no unit 1499'],
      [{ 'admin_units.csv': [FILES['admin_units.csv'], '140106,county,迎泽区,1499'].join('\n') }, 'admin_units.csv', 'does not belong to 1499'],
    ];
    for (const [files, file, reason] of cases) {
      const err = rowErrorOf(() => readDatasetDir(datasetDir(files)));
      expect(err.file).toBe(file);
      expect(err.reason).toContain(reason);
    }
  });
});

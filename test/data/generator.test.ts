import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../data/generator/build.ts';
import { readCsv } from './csv.ts';

/** Same seed, same bytes; and a province generated alone matches its part of the default dataset. */
const DEFAULT_DIR = fileURLToPath(new URL('../../data/default/', import.meta.url));

let root: string;
let dirA: string;
let dirB: string;
let dirOtherSeed: string;

/** Every file under dir, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'generator-test-'));
  dirA = join(root, 'a');
  dirB = join(root, 'b');
  dirOtherSeed = join(root, 'c');
  build({ provinces: ['65'], seed: 2010, outDir: dirA });
  build({ provinces: ['65'], seed: 2010, outDir: dirB });
  build({ provinces: ['65'], seed: 2011, outDir: dirOtherSeed });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('build', () => {
  it('reproduces the committed default dataset byte for byte', () => {
    const dir = join(root, 'default');
    build({ provinces: ['14', '41', '51', '53', '65'], seed: 2010, outDir: dir });
    const files = filesUnder(DEFAULT_DIR);
    expect(filesUnder(dir)).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, f)).equals(readFileSync(join(DEFAULT_DIR, f))), f).toBe(true);
  });

  it('writes the same bytes for the same seed, file by file', () => {
    const files = filesUnder(dirA);
    expect(files).toEqual([
      'admin_units.csv',
      'boundaries/counties.geojson',
      'boundaries/countries.geojson',
      'boundaries/lakes.geojson',
      'boundaries/prefectures.geojson',
      'boundaries/provinces.geojson',
      'boundaries/rivers.geojson',
      'boundaries/townships.geojson',
      'manifest.json',
      'service_points.csv',
      'villages.csv',
      'workers.csv',
    ]);
    expect(filesUnder(dirB)).toEqual(files);
    for (const f of files) expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
  });

  it('writes different villages for a different seed, with the same codes', () => {
    const a = readFileSync(join(dirA, 'villages.csv'), 'utf8');
    const c = readFileSync(join(dirOtherSeed, 'villages.csv'), 'utf8');
    expect(c).not.toBe(a);
    const codes = (text: string) => text.split('\n').map((line) => line.split(',')[0]);
    expect(codes(c)).toEqual(codes(a));
  });

  it("places Xinjiang's villages alone exactly as in the committed five-province default (codes, names, positions, figures)", () => {
    const columns = ['code', 'name', 'lon', 'lat', 'population', 'children', 'left_behind', 'disabled', 'orphaned', 'difficult'];
    const pick = (rows: Record<string, string>[]) => rows.map((r) => columns.map((c) => r[c]).join(','));
    const subset = pick(readCsv(join(dirA, 'villages.csv')));
    const committed = pick(readCsv(join(DEFAULT_DIR, 'villages.csv')).filter((r) => r.code.startsWith('65')));
    expect(subset.length).toBe(14_721);
    expect(subset).toEqual(committed);
  });

  it("gives Xinjiang the same admin units and county / township areas as the committed default", () => {
    const committedUnits = readFileSync(join(DEFAULT_DIR, 'admin_units.csv'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('65'));
    const subsetUnits = readFileSync(join(dirA, 'admin_units.csv'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('65'));
    expect(subsetUnits).toEqual(committedUnits);
    for (const layer of ['counties', 'townships']) {
      const lines = (dir: string) =>
        readFileSync(join(dir, 'boundaries', `${layer}.geojson`), 'utf8')
          .split('\n')
          .filter((line) => line.includes('"code":"65'))
          .map((line) => line.replace(/,$/, ''));
      expect(lines(dirA)).toEqual(lines(DEFAULT_DIR));
    }
  });
});

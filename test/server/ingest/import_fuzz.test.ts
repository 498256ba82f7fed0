import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, type Rng } from '../../../data/generator/prng.ts';
import { CRS_CHOICES, ENCODING_CHOICES, IMPORT_KINDS, type ImportKind } from '../../../server/domain/import.ts';
import { previewImport } from '../../../server/ingest/preview.ts';
import { runImport } from '../../../server/ingest/run_import.ts';
import { writeZip } from '../../../server/ingest/zip.ts';
import { COUNTY_GEOJSON, openTinyDb, servicesCsv, tablesChecksum, TOWNSHIP_GEOJSON, villagesCsv, workersCsv } from '../../helpers/tiny_dataset.ts';

/**
 * Thousands of malformed files, from a seeded PRNG: wrong encodings, truncated rows, huge fields,
 * wrong types, broken quotes, binary junk, damaged archives. Each must end in a clear error (a
 * reason in both languages, never an internal failure) or a valid import, and a failed one must
 * leave every dataset table exactly as it was.
 */
const RUNS = 2000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The valid tables, whose rows are put under the wrong header. */
let otherTables: string[] = [];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, n: number) => Math.floor(rng() * n);

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(rng, 256);
  return b;
}

const JUNK_CELLS = ['', ' ', '-1', '1e400', 'NaN', 'Infinity', '1.5', '0x10', '１２３', '1,234', 'null', '"', '""', '\u0000', '\uFFFD', '村', '1.40105E+11', '99999999999999999999', '-0'];

/** A line-level or byte-level change to a valid file. */
function mutate(rng: Rng, text: string): string | Buffer {
  const lines = text.split('\n');
  const row = 1 + int(rng, Math.max(1, lines.length - 1));
  lines[row] ??= '';
  const cells = (lines[row] ?? '').split(',');
  switch (int(rng, 14)) {
    case 0: // truncated anywhere, even inside a character
      return Buffer.from(text).subarray(0, int(rng, text.length));
    case 1: // a cell of junk
      cells[int(rng, cells.length)] = pick(rng, JUNK_CELLS);
      lines[row] = cells.join(',');
      return lines.join('\n');
    case 2: // a huge field
      cells[int(rng, cells.length)] = pick(rng, ['村', 'x', '9', '"']).repeat(1000 + int(rng, 200_000));
      lines[row] = cells.join(',');
      return lines.join('\n');
    case 3: // a row cut short or made long
      lines[row] = rng() < 0.5 ? cells.slice(0, int(rng, cells.length)).join(',') : [...cells, ...cells].join(',');
      return lines.join('\n');
    case 4: // an unbalanced quote
      lines[row] = lines[row].replace(',', ',"');
      return lines.join('\n');
    case 5: // binary junk spliced in
      return Buffer.concat([Buffer.from(lines.slice(0, row).join('\n')), randomBytes(rng, 1 + int(rng, 300)), Buffer.from(lines.slice(row).join('\n'))]);
    case 6: // another encoding
      return iconv.encode(text, pick(rng, ['gbk', 'utf16le', 'utf16be', 'big5', 'shift_jis']));
    case 7: // header damaged: a column renamed, dropped or doubled
      lines[0] = pick(rng, [lines[0].replace(/^[^,]*/, 'x'), lines[0].split(',').slice(1).join(','), lines[0] + ',' + lines[0], '']);
      return lines.join('\n');
    case 8: // the rows of another table under this header
      return [lines[0], ...pick(rng, otherTables).split('\n').slice(1)].join('\n');
    case 9: // duplicated rows
      return [...lines, ...lines.slice(1, 1 + int(rng, lines.length))].join('\n');
    case 10: // control characters, carriage returns, tabs
      return text.replace(/,/g, () => pick(rng, [',', ',', '\t', '\r', ';', ',\r\n']));
    case 11: // nothing, or nothing but whitespace, a byte-order mark or a header
      return pick(rng, ['', '\uFEFF', '\n\n\n', ' ', lines[0], lines[0] + '\n']);
    case 12: // numbers everywhere
      lines[row] = cells.map(() => String(Math.round((rng() - 0.5) * 10 ** int(rng, 15)))).join(',');
      return lines.join('\n');
    default: // pure binary junk, or junk that starts like a zip, a workbook or JSON
      return Buffer.concat([pick(rng, [Buffer.alloc(0), Buffer.from('PK\u0003\u0004'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.from('{"type":"FeatureCollection","features":[')]), randomBytes(rng, int(rng, 4000))]);
  }
}

/** Archives and geometry files with damage of their own. */
function malformedArchive(rng: Rng, content: ReturnType<typeof openTinyDb>['content']): { body: Buffer | string; kind: ImportKind } {
  const valid = [
    { name: 'manifest.json', data: JSON.stringify({ name: 'f', synthetic: true, source: 's' }) },
    { name: 'admin_units.csv', data: 'code,level,name,parent_code\n14,province,山西省,\n1401,prefecture,太原市,14\n140105,county,小店区,1401\n140105001,township,甲镇,140105\n' },
    { name: 'villages.csv', data: villagesCsv(content.villages.slice(0, 5)) },
    { name: 'workers.csv', data: workersCsv([]) },
    { name: 'service_points.csv', data: servicesCsv([]) },
    { name: 'boundaries/townships.geojson', data: TOWNSHIP_GEOJSON },
  ];
  switch (int(rng, 6)) {
    case 0: {
      // a dataset zip with one file damaged or missing
      const k = int(rng, valid.length);
      const files = valid.map((f, i) => (i === k ? { ...f, data: rng() < 0.3 ? '' : mutate(rng, f.data) } : f)).filter((_, i) => i !== k || rng() < 0.7);
      return { body: writeZip(files.map((f) => ({ name: f.name, data: typeof f.data === 'string' ? f.data : Buffer.from(f.data) }))), kind: 'dataset' };
    }
    case 1: {
      // a zip cut short or with its bytes flipped
      const zip = writeZip(valid);
      if (rng() < 0.5) return { body: zip.subarray(0, int(rng, zip.length)), kind: pick(rng, ['dataset', 'villages', 'boundaries'] as const) };
      const copy = Buffer.from(zip);
      for (let i = 0; i < 1 + int(rng, 20); i++) copy[int(rng, copy.length)] = int(rng, 256);
      return { body: copy, kind: pick(rng, ['dataset', 'boundaries'] as const) };
    }
    case 2:
      return { body: mutate(rng, pick(rng, [TOWNSHIP_GEOJSON, COUNTY_GEOJSON])), kind: 'boundaries' };
    case 3: {
      // GeoJSON that parses but is not what it says
      const junk = [
        '{"type":"Topology","objects":{"a":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[7]]}]}},"arcs":[]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":null}]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"140105001"},"geometry":{"type":"Polygon","coordinates":[[[1,2]]]}}]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"140105001"},"geometry":{"type":"MultiPolygon","coordinates":"x"}}]}',
        '[1,2,3]',
        'null',
        '{"type":"FeatureCollection","features":{}}',
      ];
      return { body: pick(rng, junk), kind: 'boundaries' };
    }
    case 4: {
      // a zip that claims to hold a shapefile or a workbook
      const name = pick(rng, ['a.shp', 'xl/workbook.xml', 'a.dbf', 'a.geojson']);
      return { body: writeZip([{ name, data: randomBytes(rng, int(rng, 2000)) }]), kind: pick(rng, ['boundaries', 'villages'] as const) };
    }
    default:
      return { body: randomBytes(rng, int(rng, 3000)), kind: pick(rng, IMPORT_KINDS) };
  }
}

describe(`${RUNS} malformed files`, () => {
  it('each ends in a clear error or a valid import; no crash, no partial write', async () => {
    const rng = mulberry32(20_250_101);
    let { db, content } = openTinyDb(4);
    const tables = { villages: villagesCsv(content.villages), workers: workersCsv(content.workers), services: servicesCsv(content.servicePoints) };
    otherTables = Object.values(tables);
    const tally = { failed: 0, done: 0, previews: 0 };
    for (let run = 0; run < RUNS; run++) {
      // valid imports add versions: start again from one now and then, so checksums stay cheap
      if (run % 100 === 99) ({ db, content } = openTinyDb(4));
      let body: string | Buffer;
      let kind: ImportKind;
      if (rng() < 0.8) {
        kind = pick(rng, ['villages', 'workers', 'services'] as const);
        body = mutate(rng, tables[kind]);
        if (rng() < 0.2) body = mutate(rng, typeof body === 'string' ? body : body.toString('latin1'));
      } else ({ body, kind } = malformedArchive(rng, content));
      const path = join(dir, `f${run}`);
      writeFileSync(path, body);
      const before = tablesChecksum(db);
      const req = { path, fileName: pick(rng, ['a.csv', 'a.xlsx', 'a.geojson', 'a.zip', 'a']), kind, crs: pick(rng, CRS_CHOICES), encoding: pick(rng, ENCODING_CHOICES) };
      const out = await runImport(db, req, { workDir: join(dir, `w${run}`) });
      const context = `run ${run}: ${kind} ${JSON.stringify(out.errors.slice(0, 2))} ${out.message}`;
      expect(['done', 'failed'], context).toContain(out.phase);
      if (out.phase === 'failed') {
        tally.failed++;
        expect(out.errorCount, context).toBeGreaterThan(0);
        for (const e of out.errors) {
          expect(e.reason.length, context).toBeGreaterThan(0);
          expect(e.reasonZh.length, context).toBeGreaterThan(0);
          expect(e.reason, context).not.toMatch(/^import failed/);
        }
        expect(tablesChecksum(db), context).toBe(before);
      } else tally.done++;
      if (run % 5 === 0) {
        const p = await previewImport(db, path, req.fileName, { kind: rng() < 0.5 ? kind : undefined, encoding: req.encoding });
        expect(p.errors.every((e) => !/^import failed/.test(e.reason)), `preview ${context}`).toBe(true);
        tally.previews++;
      }
    }
    // most are refused; some damage leaves a file valid (a changed name, a dropped optional column)
    expect(tally.failed).toBeGreaterThan(RUNS * 0.6);
    expect(db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").all()).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

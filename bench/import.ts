/**
 * Importing the national village list (620,573 rows, 45 MB of CSV) into a database that holds
 * the national dataset: the project's importer (streaming parse, every row checked, staged in
 * batches with prepared statements, one transaction for the new version) against a naive
 * baseline in the same process: papaparse to an array of objects, then one INSERT per row,
 * prepared anew each time, each in its own transaction (measured on a sample, extrapolated).
 *
 *   npm run bench -- import
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { runImport } from '../server/ingest/run_import.ts';
import { openDb } from '../server/store/db.ts';
import { NATIONAL_DIR } from './load_national.ts';
import { median, report } from './report.ts';

const VILLAGES = join(NATIONAL_DIR, 'villages.csv');

if (process.argv[2] === '--setup') {
  // in its own process, so that this memory does not count against the import measured below
  const db = openDb(process.argv[3]);
  const t0 = performance.now();
  const out = await runImport(db, { path: NATIONAL_DIR, fileName: 'national', kind: 'dataset', crs: 'wgs84' }, { workDir: process.argv[3] });
  if (out.phase !== 'done') throw new Error(`setup failed: ${out.message} ${JSON.stringify(out.errors.slice(0, 3))}`);
  console.log(`setup: the national dataset imported whole (${out.rowsRead.toLocaleString('en')} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB`);
  db.close();
  process.exit(0);
}

if (!existsSync(VILLAGES)) {
  console.error('data/national is missing: run `npm run data:build -- --national` first (about 90 s)');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const setup = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--setup', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) process.exit(1);
const setupLine = setup.stdout.toString().trim();
console.log(setupLine);

const gc = (globalThis as { gc?: () => void }).gc;
const db = openDb(dir);
db.pragma('cache_size = -65536');
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

const RUNS = 3;
const seconds: number[] = [];
gc?.();
const rssBefore = process.memoryUsage().rss;
for (let run = 0; run < RUNS; run++) {
  gc?.();
  const t0 = performance.now();
  const out = await runImport(db, { path: VILLAGES, fileName: 'villages.csv', kind: 'villages', crs: 'wgs84' }, { workDir: dir, progress: sample });
  sample();
  if (out.phase !== 'done' || out.rowsRead !== 620_573) throw new Error(`import failed: ${out.message}`);
  seconds.push((performance.now() - t0) / 1000);
}
clearInterval(timer);
const ours = median(seconds);

// Baseline: the whole file parsed to objects, then one statement per row, each its own transaction.
gc?.();
const baseRss0 = process.memoryUsage().rss;
const b0 = performance.now();
const parsed = Papa.parse<Record<string, string>>(readFileSync(VILLAGES, 'utf8'), { header: true, skipEmptyLines: true });
const parseS = (performance.now() - b0) / 1000;
const baseRss = process.memoryUsage().rss;
db.exec('CREATE TABLE naive_village (code TEXT PRIMARY KEY, name TEXT, lon REAL, lat REAL, population INTEGER, children INTEGER, left_behind INTEGER, disabled INTEGER, orphaned INTEGER, difficult INTEGER, covered_since INTEGER)');
const SAMPLE = 20_000;
const i0 = performance.now();
for (const r of parsed.data.slice(0, SAMPLE))
  db.prepare('INSERT INTO naive_village VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.code, r.name, Number(r.lon), Number(r.lat), Number(r.population), Number(r.children), Number(r.left_behind), Number(r.disabled), Number(r.orphaned), Number(r.difficult), r.covered_since ? Number(r.covered_since) : null,
  );
const insertS = ((performance.now() - i0) / 1000) * (parsed.data.length / SAMPLE);
const baseline = parseS + insertS;
db.close();
rmSync(dir, { recursive: true, force: true });

const gib = (x: number) => `${(x / 2 ** 30).toFixed(2)} GiB`;
report('import (national villages.csv, 620,573 rows)', [
  ['setup (not timed below)', setupLine.replace(/^setup: /, '')],
  [`ours: villages import, checked and written as a new version, median of ${RUNS}`, `${ours.toFixed(1)} s (target 30 s)`],
  ['ours: all runs', seconds.map((s) => `${s.toFixed(1)} s`).join(', ')],
  ['ours: peak RSS of the process (before the first import: ' + gib(rssBefore) + ')', gib(peakRss)],
  ['baseline: papaparse to objects (whole file in memory)', `${parseS.toFixed(1)} s, RSS ${gib(baseRss0)} -> ${gib(baseRss)}`],
  [`baseline: one INSERT per row, re-prepared, own transaction (${SAMPLE.toLocaleString('en')} rows, extrapolated)`, `${insertS.toFixed(0)} s`],
  ['baseline: total, no checks at all', `${baseline.toFixed(0)} s`],
  ['ratio baseline / ours', `${(baseline / ours).toFixed(1)}x`],
]);
process.exit(0);

/**
 * Time from `npm start` (fresh data directory: build the client, create the database, load the
 * dataset) to a drawn map in headless Chromium, for the default dataset and, when it has been
 * built, the national one; bytes of village layers over the wire. Baseline: the same village
 * layer as GeoJSON (size gzipped, and decode time against Arrow's).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { launchBrowser } from '../test/helpers/browser.ts';
import { NATIONAL_DIR } from './load_national.ts';
import { median, report } from './report.ts';
import { formatTimeline, readTimeline, recordTimeline } from './page_timeline.ts';

const ROOT = new URL('..', import.meta.url).pathname;

async function npmStart(dataDir: string, datasetDir?: string) {
  const t0 = performance.now();
  const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, ...(datasetDir ? { DATASET_DIR: datasetDir } : {}) };
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve(m[0]);
    });
    child.on('exit', () => reject(new Error(out)));
  });
  return { url, readyMs: performance.now() - t0, stop: () => process.kill(-child.pid!, 'SIGTERM') };
}

/** One cold start to a drawn map; counts the bytes of the layers the page loaded. */
async function coldStart(datasetDir?: string, query = '') {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-first-map-'));
  const t0 = performance.now();
  const server = await npmStart(dataDir, datasetDir);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const layerBytes = new Map<string, number>();
  page.on('response', async (r) => {
    if (r.url().includes('/api/layers/')) layerBytes.set(new URL(r.url()).pathname, Number((await r.headerValue('content-length')) ?? 0));
  });
  await recordTimeline(page);
  const tNav = performance.now();
  await page.goto(server.url + query);
  await page.waitForSelector('[data-testid=map][data-villages][data-idle=true]', { timeout: 300_000 });
  const result = { ready: server.readyMs, drawn: performance.now() - t0, pageToMap: performance.now() - tNav, layerBytes, url: server.url, timeline: await readTimeline(page) };
  await browser.close();
  return { ...result, stop: () => { server.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

const runs = [];
for (let run = 0; run < 3; run++) {
  const r = await coldStart();
  runs.push(r);
  if (run < 2) r.stop();
}
// baseline on the last server: the village layer as GeoJSON
const last = runs[2];
const ipc = new Uint8Array(await (await fetch(`${last.url}api/layers/villages.arrow`)).arrayBuffer());
last.stop();
const table = tableFromIPC(ipc);
const lon = table.getChild('lon')!.toArray() as Float32Array;
const lat = table.getChild('lat')!.toArray() as Float32Array;
const cov = table.getChild('coveredSince')!.toArray() as Uint16Array;
const code = table.getChild('code')!.toArray() as Float64Array;
const geojson = JSON.stringify({
  type: 'FeatureCollection',
  features: Array.from(lon, (x, i) => ({ type: 'Feature', properties: { code: String(code[i]), coveredSince: cov[i] || null }, geometry: { type: 'Point', coordinates: [x, lat[i]] } })),
});
const timeIt = (f: () => unknown) => median(Array.from({ length: 7 }, () => { const t = performance.now(); f(); return performance.now() - t; }));
const arrowMs = timeIt(() => tableFromIPC(ipc).getChild('lon')!.toArray());
const jsonMs = timeIt(() => JSON.parse(geojson));
const arrowGz = last.layerBytes.get('/api/layers/villages.arrow') ?? 0;
const geojsonGz = gzipSync(geojson).length;
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const rows: [string, string][] = [
  ['default: `npm start` to server ready (fresh data dir), median of 3', `${(median(runs.map((r) => r.ready)) / 1000).toFixed(2)} s`],
  ['default: `npm start` to drawn map, median of 3', `${(median(runs.map((r) => r.drawn)) / 1000).toFixed(2)} s`],
  ['default: page load to drawn map, median of 3', `${(median(runs.map((r) => r.pageToMap)) / 1000).toFixed(2)} s`],
  ['default: where the time goes in the median run (s after navigation, page clock)', formatTimeline([...runs].sort((a, b) => a.pageToMap - b.pageToMap)[1].timeline)],
  ['default: village layer over the wire (Arrow, gzipped)', mb(arrowGz)],
  ['baseline: the same layer as GeoJSON, gzipped', `${mb(geojsonGz)} (${(geojsonGz / arrowGz).toFixed(1)}x)`],
  ['decode: Arrow IPC vs JSON.parse of the GeoJSON, median of 7', `${arrowMs.toFixed(1)} ms vs ${jsonMs.toFixed(1)} ms (${(jsonMs / arrowMs).toFixed(0)}x)`],
];
if (existsSync(NATIONAL_DIR)) {
  const national = [];
  for (let run = 0; run < 3; run++) {
    const n = await coldStart(NATIONAL_DIR, '?color=status');
    n.stop();
    national.push(n);
  }
  const mid = [...national].sort((a, b) => a.pageToMap - b.pageToMap)[1];
  const total = [...mid.layerBytes.values()].reduce((a, b) => a + b, 0);
  rows.push(
    ['national: `npm start` to server ready (loads 620,573 villages), median of 3', `${(median(national.map((r) => r.ready)) / 1000).toFixed(1)} s`],
    ['national: `npm start` to drawn map, median of 3', `${(median(national.map((r) => r.drawn)) / 1000).toFixed(1)} s`],
    ['national: page load to drawn map, coloured by status, median of 3', `${(median(national.map((r) => r.pageToMap)) / 1000).toFixed(1)} s`],
    ['national: where the time goes in the median run (s after navigation, page clock)', formatTimeline(mid.timeline)],
    ['national: village layers over the wire (positions, codes, status, distances; gzipped)', mb(total)],
  );
}
report('first_map', rows);
process.exit(0);

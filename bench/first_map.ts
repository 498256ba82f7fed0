/**
 * Time from `npm start` (fresh data directory: build the client, create the database, load the
 * default dataset) to a drawn map in headless Chromium; then the village layer's transfer size
 * and decode time as Arrow (ours) against the same data as GeoJSON (the usual way).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { launchBrowser } from '../test/helpers/browser.ts';
import { median, report } from './report.ts';

const ROOT = new URL('..', import.meta.url).pathname;

async function npmStart(dataDir: string): Promise<{ url: string; stop: () => void; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, detached: true });
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

const runs: { ready: number; drawn: number }[] = [];
let arrowBytes = 0;
let url = '';
for (let run = 0; run < 3; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-first-map-'));
  const t0 = performance.now();
  const server = await npmStart(dataDir);
  url = server.url;
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('response', async (r) => {
    if (r.url().includes('villages.arrow')) arrowBytes = Number((await r.headerValue('content-length')) ?? 0);
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=map][data-villages][data-idle]', { timeout: 120_000 });
  runs.push({ ready: server.readyMs, drawn: performance.now() - t0 });
  await browser.close();
  if (run < 2) {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    // keep the last server up for the transfer comparison below
    const res = await fetch(`${url}api/layers/villages.arrow`);
    const ipc = new Uint8Array(await res.arrayBuffer());
    const decode = (): number => {
      const t = performance.now();
      const table = tableFromIPC(ipc);
      (table.getChild('lon')!.toArray() as Float32Array).length;
      return performance.now() - t;
    };
    const table = tableFromIPC(ipc);
    const lon = table.getChild('lon')!.toArray() as Float32Array;
    const lat = table.getChild('lat')!.toArray() as Float32Array;
    const cov = table.getChild('coveredSince')!.toArray() as Uint16Array;
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from(lon, (x, i) => ({ type: 'Feature', properties: { coveredSince: cov[i] || null }, geometry: { type: 'Point', coordinates: [x, lat[i]] } })),
    });
    const parse = (): number => {
      const t = performance.now();
      JSON.parse(geojson);
      return performance.now() - t;
    };
    const arrowMs = median(Array.from({ length: 7 }, decode));
    const jsonMs = median(Array.from({ length: 7 }, parse));
    const geojsonGz = gzipSync(geojson).length;
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    report('first_map', [
      ['npm start to server ready (fresh data dir), median of 3', `${(median(runs.map((r) => r.ready)) / 1000).toFixed(2)} s`],
      ['npm start to drawn map in headless Chromium, median of 3', `${(median(runs.map((r) => r.drawn)) / 1000).toFixed(2)} s`],
      ['village layer over the wire: Arrow, gzipped', `${(arrowBytes / 1e6).toFixed(2)} MB`],
      ['same layer as GeoJSON, gzipped (baseline)', `${(geojsonGz / 1e6).toFixed(2)} MB`],
      ['bytes ratio GeoJSON / Arrow', `${(geojsonGz / arrowBytes).toFixed(1)}x`],
      ['decode: Arrow IPC, median of 7', `${arrowMs.toFixed(1)} ms`],
      ['decode: JSON.parse of GeoJSON (baseline), median of 7', `${jsonMs.toFixed(1)} ms`],
      ['decode ratio', `${(jsonMs / arrowMs).toFixed(0)}x`],
    ]);
  }
}
process.exit(0);

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAZY_BOUNDARIES, WATER } from '../../client/src/map/basemap_style.ts';
import type { BasemapProbe } from '../../client/src/map/map_view.ts';
import { countPixelsNear, isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { artifact, drawn, mapPixels } from '../helpers/map_page.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/**
 * The offline basemap in a real browser: rivers and lakes on the first screen, county and
 * township boundaries fetched only once the map is zoomed in that far, and labels that fall
 * back to the bundled web font on a machine without Chinese fonts. Nothing leaves the origin.
 */
/** A township of Chengdu's Longquanyi district: the map fits to it, at township zoom */
const TOWNSHIP = '510112001';
const QINGHAI_LAKE: [number, number] = [100.2, 36.9];

const hex = (s: string) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
const LAKE_RGB = hex(WATER.lake);
const TOWNSHIP_LINE_RGB = hex(LAZY_BOUNDARIES.find((b) => b.layer === 'townships')!.lineColor);

let server: RunningServer;
let browser: Browser;
let page: Page;
let requests: string[];


async function open(p: Page, query: string): Promise<void> {
  await p.goto(`${server.url}${query}`);
  await drawn(p);
}

function probe<T>(p: Page, call: (b: BasemapProbe) => T): Promise<T> {
  return p.evaluate(`(${call.toString()})(document.querySelector('[data-testid=map]').basemap)`) as Promise<T>;
}



/** Pixels near a colour within a square of the screenshot around (x, y). */
function countNearIn(png: Buffer, rgb: number[], tolerance: number, x: number, y: number, half: number): number {
  const { data, width, height } = PNG.sync.read(png);
  let n = 0;
  for (let j = Math.max(0, Math.round(y) - half); j <= Math.min(height - 1, Math.round(y) + half); j++)
    for (let i = Math.max(0, Math.round(x) - half); i <= Math.min(width - 1, Math.round(x) + half); i++) {
      const k = 4 * (j * width + i);
      if (Math.abs(data[k] - rgb[0]) <= tolerance && Math.abs(data[k + 1] - rgb[1]) <= tolerance && Math.abs(data[k + 2] - rgb[2]) <= tolerance) n++;
    }
  return n;
}

const boundaryRequests = (layer: string) => requests.filter((u) => u.includes(`/api/boundaries/${layer}.geojson`));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  requests = recordRequests(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('national view', () => {
  it('draws rivers and lakes, and fetches no county or township boundaries', async () => {
    await open(page, '');
    const sources = await probe(page, (b) => b.sources());
    expect(sources).toEqual(expect.arrayContaining(['rivers', 'lakes']));
    expect(sources).not.toContain('counties');
    expect(sources).not.toContain('townships');
    expect(boundaryRequests('rivers').length).toBe(1);
    expect(boundaryRequests('lakes').length).toBe(1);
    expect(boundaryRequests('counties')).toEqual([]);
    expect(boundaryRequests('townships')).toEqual([]);
    expect(await probe(page, (b) => b.rendered('rivers'))).toBeGreaterThan(50);
    expect(await probe(page, (b) => b.rendered('lakes'))).toBeGreaterThan(10);

    // Qinghai Lake, in the lake colour where the map puts it
    const xy = await page.evaluate(([lon, lat]) => (document.querySelector('[data-testid=map]') as unknown as { project(a: number, b: number): { x: number; y: number } }).project(lon, lat), QINGHAI_LAKE);
    const png = await mapPixels(page);
    expect(countNearIn(png, LAKE_RGB, 10, xy.x, xy.y, 6)).toBeGreaterThan(5);
    expect(countPixelsNear(png, LAKE_RGB, 10)).toBeGreaterThan(50);
    await artifact(page, 'basemap-national');
  });
});

describe('county and township boundaries', () => {
  let provinceLinePixels = 0;

  it('are not drawn at a province view', async () => {
    await open(page, '?unit=51');
    const zoom = await probe(page, (b) => b.zoom());
    expect(zoom).toBeLessThan(6.5);
    expect(await probe(page, (b) => b.sources())).not.toContain('townships');
    provinceLinePixels = countPixelsNear(await mapPixels(page), TOWNSHIP_LINE_RGB, 12);
  });

  it('are fetched and drawn, with names, at a township view', async () => {
    await open(page, `?unit=${TOWNSHIP}`);
    await page.waitForSelector('[data-testid=map][data-boundaries~=townships][data-boundaries~=counties]', { timeout: 30_000 });
    await drawn(page);
    expect(await probe(page, (b) => b.zoom())).toBeGreaterThan(9.5);
    expect(await probe(page, (b) => b.sources())).toEqual(expect.arrayContaining(['counties', 'townships']));
    expect(await probe(page, (b) => b.rendered('townships-line'))).toBeGreaterThan(3);
    expect(await probe(page, (b) => b.rendered('townships-labels'))).toBeGreaterThan(3);
    expect(await probe(page, (b) => b.rendered('counties-labels'))).toBeGreaterThan(0);
    expect(boundaryRequests('townships').length).toBe(1);
    const township = countPixelsNear(await mapPixels(page), TOWNSHIP_LINE_RGB, 12);
    console.log(`township line colour: ${township} pixels at the township view, ${provinceLinePixels} at the province view`);
    expect(township).toBeGreaterThan(300);
    expect(township).toBeGreaterThan(3 * provinceLinePixels);
    await artifact(page, 'basemap-township');
  });
});

describe('network', () => {
  it('sends every request to its own origin, fonts included', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !isLocal(u, origin))).toEqual([]);
    expect(requests.filter((u) => /\.woff2?(\?|$)/.test(u) && !u.startsWith(origin))).toEqual([]);
  });
});

describe('a machine without Chinese fonts', () => {
  let plain: Browser;
  let fontDir: string;

  beforeAll(async () => {
    // fontconfig that knows only Latin fonts: Chromium then has no system font for Chinese
    fontDir = mkdtempSync(join(tmpdir(), 'fontconfig-'));
    const conf = join(fontDir, 'fonts.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <dir>/usr/share/fonts/truetype/liberation</dir>\n  <cachedir>${join(fontDir, 'cache')}</cachedir>\n</fontconfig>\n`,
    );
    const before = process.env.FONTCONFIG_FILE;
    process.env.FONTCONFIG_FILE = conf;
    try {
      plain = await launchBrowser();
    } finally {
      if (before === undefined) delete process.env.FONTCONFIG_FILE;
      else process.env.FONTCONFIG_FILE = before;
    }
  });

  afterAll(async () => {
    await plain?.close();
    if (fontDir) rmSync(fontDir, { recursive: true, force: true });
  });

  it('gets Noto Sans SC from its own origin, for the page and for the map labels', async () => {
    const p = await plain.newPage({ viewport: { width: 1280, height: 800 } });
    const urls = recordRequests(p);
    const sizes: number[] = [];
    p.on('response', (r) => {
      if (/\.woff2(\?|$)/.test(r.url())) void r.body().then((b) => sizes.push(b.length));
    });
    await p.goto(`${server.url}?unit=${TOWNSHIP}`);
    await p.waitForSelector('[data-testid=map][data-boundaries~=townships]', { timeout: 60_000 });
    await drawn(p);
    await p.waitForTimeout(1000); // subsets that arrive after the first draw, and the labels drawn again
    await drawn(p);

    const origin = new URL(server.url).origin;
    const fonts = urls.filter((u) => /\.woff2(\?|$)/.test(u));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(urls.filter((u) => !isLocal(u, origin))).toEqual([]);
    // every character of the names on the map is in a web font subset the page has loaded
    const labels = await probe(p, (b) => b.labels());
    expect(labels.length).toBeGreaterThan(3);
    expect(await p.evaluate((text) => document.fonts.check('400 16px "Noto Sans SC"', text), labels.join(''))).toBe(true);
    await artifact(p, 'basemap-web-font');
    console.log(`without system Chinese fonts: ${fonts.length} woff2 subsets, ${sizes.reduce((a, b) => a + b, 0)} bytes, for labels ${labels.join(' ')}`);

    // and a subset that arrives later makes the map draw its names again
    const before = Number((await p.getAttribute('[data-testid=map]', 'data-label-fonts')) ?? 0);
    await p.evaluate(() => document.fonts.load('400 16px "Noto Sans SC"', '龘'));
    await p.waitForFunction((n) => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-label-fonts') ?? 0) > n, before, { timeout: 10_000 });
    await p.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATCHMENT_OVER_RGB } from '../../client/src/map/catchments_layer.ts';
import { GAP_RING_RGB } from '../../client/src/map/gap_layer.ts';
import { DISTANCE_CLASS_RGB } from '../../client/src/map/village_colors.ts';
import { countPixelsNear, isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { artifact, drawn, mapPixels } from '../helpers/map_page.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/** 安宁市 (Kunming): a county with 50 workers, some over capacity, and about 60 gap villages */
const COUNTY = '530181';

/** The planner's map layers (areas, catchments, gap villages, hexagons), driven in Chromium against the real server. */
let server: RunningServer;
let browser: Browser;
let page: Page;
let requests: string[];


async function layersKey(p: Page): Promise<string[]> {
  return ((await p.getAttribute('[data-testid=map]', 'data-layers')) ?? '').split(' ');
}


/** Pixels that differ between two screenshots of the same size by more than `tolerance` in some channel. */
function changedPixels(a: Buffer, b: Buffer, tolerance = 24): number {
  const x = PNG.sync.read(a).data;
  const y = PNG.sync.read(b).data;
  expect(x.length).toBe(y.length);
  let n = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (Math.abs(x[i] - y[i]) > tolerance || Math.abs(x[i + 1] - y[i + 1]) > tolerance || Math.abs(x[i + 2] - y[i + 2]) > tolerance) n++;
  }
  return n;
}


/** Screen position (within the page) of a place on the map. */
async function onScreen(p: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const xy = await p.evaluate(([x, y]) => (document.querySelector('[data-testid=map]') as unknown as { project(a: number, b: number): { x: number; y: number } }).project(x, y), [lon, lat]);
  const box = (await p.locator('[data-testid=map]').boundingBox())!;
  return { x: box.x + xy.x, y: box.y + xy.y };
}

async function trpc<T>(p: Page, path: string, input: unknown): Promise<T> {
  return p.evaluate(
    async ([path, input]) => {
      const res = await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
      return (await res.json()).result.data;
    },
    [path, input] as const,
  ) as Promise<T>;
}

const param = (p: Page, key: string) => new URL(p.url()).searchParams.get(key);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  requests = recordRequests(page);
  await page.goto(server.url);
  await drawn(page, 'points');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('areas one level down (choropleth)', () => {
  it('fills the provinces by the share of villages served, with a legend of classes in %', async () => {
    const before = await mapPixels(page);
    await page.selectOption('[data-testid=choropleth]', 'share');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('choro') === 'share');
    await drawn(page, 'choropleth-share', 'areas-provinces', 'points');
    expect(changedPixels(before, await mapPixels(page))).toBeGreaterThan(5000);
    const legend = page.locator('[data-testid=legend-choropleth]');
    await expect(legend.getAttribute('data-measure')).resolves.toBe('share');
    await expect(legend.locator('.legend-title').textContent()).resolves.toMatch(/%.*省/);
    await expect(legend.locator('[data-testid^=legend-choropleth-]').count()).resolves.toBe(5);
    await expect(page.locator('[data-testid=legend-choropleth-0]').textContent()).resolves.toBe('0–20%');
    // the village points stay drawn over the areas, with their own legend
    await expect(page.locator('[data-testid=legend-covered]').count()).resolves.toBe(1);
  });

  it('shows the areas instead of the village points when the points are turned off', async () => {
    const over = await mapPixels(page);
    await page.uncheck('[data-testid=show-points]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('points') === '0');
    await drawn(page, 'choropleth-share');
    expect(await layersKey(page)).not.toContain('points');
    const instead = await mapPixels(page);
    expect(changedPixels(over, instead)).toBeGreaterThan(20_000);
    // nearly opaque: the class colours themselves are on the canvas
    const classRgb = await page.$$eval('[data-testid^=legend-choropleth-] .swatch', (els) => els.map((e) => getComputedStyle(e).backgroundColor.match(/\d+/g)!.map(Number)));
    expect(classRgb.reduce((sum, rgb) => sum + countPixelsNear(instead, rgb, 14), 0)).toBeGreaterThan(20_000);
    await expect(page.locator('[data-testid=legend-covered]').count()).resolves.toBe(0);
    await artifact(page, 'planner-choropleth-provinces');
  });

  it('names an area and its value on hover, and drills down into it on click', async () => {
    const provinces = await page.evaluate(async () => (await (await fetch('/api/boundaries/provinces.geojson')).json()) as { features: { properties: { code: string; label: [number, number] } }[] });
    const henan = provinces.features.find((f) => f.properties.code === '41')!;
    const at = await onScreen(page, ...henan.properties.label);
    await page.mouse.move(at.x, at.y);
    const tip = page.locator('[data-testid=map-tooltip]');
    await tip.waitFor({ timeout: 10_000 });
    await expect(tip.textContent()).resolves.toMatch(/河南省[\s\S]*已服务 [\d.]+%/);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('unit') === '41');
    await drawn(page, 'choropleth-share', 'areas-prefectures');
    await page.waitForFunction(() => document.querySelector('[data-testid=summary-villages]')?.getAttribute('data-value') === '52378');
    await expect(page.locator('[data-testid=legend-choropleth] .legend-title').textContent()).resolves.toContain('地市');
    await artifact(page, 'planner-choropleth-henan');
  });

  it('fills by children not reached and by gap villages, in counts with their units', async () => {
    let before = await mapPixels(page);
    await page.selectOption('[data-testid=choropleth]', 'unreached');
    await drawn(page, 'choropleth-unreached', 'areas-prefectures');
    let after = await mapPixels(page);
    expect(changedPixels(before, after)).toBeGreaterThan(2000);
    await expect(page.locator('[data-testid=legend-choropleth-0]').textContent()).resolves.toMatch(/^0–[\d,]+ 名儿童$/);
    before = after;
    await page.selectOption('[data-testid=choropleth]', 'gaps');
    await drawn(page, 'choropleth-gaps', 'areas-prefectures');
    after = await mapPixels(page);
    expect(changedPixels(before, after)).toBeGreaterThan(2000);
    await expect(page.locator('[data-testid=legend-choropleth-0]').textContent()).resolves.toMatch(/^0–[\d,]+ 个村$/);
    // the last class holds the largest value: every prefecture's gap villages fall in a class
    const { children } = await trpc<{ children: { gapVillages: number }[] }>(page, 'analysis.coverage', { code: '41' });
    const last = await page.locator('[data-testid^=legend-choropleth-]').last().textContent();
    const top = Number(last!.match(/–([\d,]+)/)![1].replace(/,/g, ''));
    expect(Math.max(...children.map((c) => c.gapVillages))).toBeLessThanOrEqual(top);
    await page.selectOption('[data-testid=choropleth]', '');
    await drawn(page);
    expect(await layersKey(page)).not.toContain('choropleth');
    await expect(page.locator('[data-testid=legend-choropleth]').count()).resolves.toBe(0);
    expect(param(page, 'choro')).toBeNull();
  });
});

describe('worker catchments', () => {
  it('draws the catchments of a county, red where the worker is over capacity, with their legend', async () => {
    await page.goto(`${server.url}?unit=${COUNTY}`);
    await drawn(page, 'points');
    const before = await mapPixels(page);
    await page.check('[data-testid=overlay-catchments]');
    await drawn(page, 'catchments');
    const after = await mapPixels(page);
    expect(changedPixels(before, after)).toBeGreaterThan(1000);
    expect(countPixelsNear(after, CATCHMENT_OVER_RGB, 25)).toBeGreaterThan(countPixelsNear(before, CATCHMENT_OVER_RGB, 25) + 100);
    await expect(page.locator('[data-testid=legend-catchments]').count()).resolves.toBe(1);
    expect(param(page, 'layers')).toBe('catchments');
    await artifact(page, 'planner-catchments');
    await page.uncheck('[data-testid=overlay-catchments]');
    await drawn(page);
    expect(await layersKey(page)).not.toContain('catchments');
    expect(changedPixels(before, await mapPixels(page))).toBeLessThan(changedPixels(before, after) / 4);
  });

  it('draws none above a county: the choice waits in the URL until one is in view', async () => {
    await page.goto(`${server.url}?unit=5301&layers=catchments`);
    await drawn(page, 'points');
    await expect(page.isChecked('[data-testid=overlay-catchments]')).resolves.toBe(true);
    expect(await layersKey(page)).not.toContain('catchments');
    await expect(page.locator('[data-testid=legend-catchments]').count()).resolves.toBe(0);
  });
});

describe('ranked gap villages', () => {
  it('rings the top gap villages of the unit, with their rank on hover', async () => {
    await page.goto(`${server.url}?unit=${COUNTY}`);
    await drawn(page, 'points');
    const before = await mapPixels(page);
    await page.check('[data-testid=overlay-gaps]');
    await drawn(page, 'gaps');
    const after = await mapPixels(page);
    expect(changedPixels(before, after)).toBeGreaterThan(1000);
    expect(countPixelsNear(before, GAP_RING_RGB, 40)).toBeLessThan(50);
    expect(countPixelsNear(after, GAP_RING_RGB, 40)).toBeGreaterThan(1000);
    const gaps = await trpc<{ total: number; rows: { code: string; name: string }[] }>(page, 'analysis.gaps', { code: COUNTY, pageSize: 100 });
    await expect(page.locator('[data-testid=legend-gaps]').textContent()).resolves.toContain(String(Math.min(100, gaps.total)));
    const top = await trpc<{ lon: number; lat: number }>(page, 'villages.byCode', { code: gaps.rows[0].code });
    const at = await onScreen(page, top.lon, top.lat);
    // the ring, not its centre: a ring is drawn over other rings of nearby gap villages
    await page.mouse.move(at.x, at.y);
    const tip = page.locator('[data-testid=map-tooltip]');
    await tip.waitFor({ timeout: 10_000 });
    await expect(tip.textContent()).resolves.toMatch(/^第 \d+ 名：/);
    await artifact(page, 'planner-gap-villages');
    await page.mouse.move(5, 5);
  });
});

describe('hexagons of mean distance', () => {
  it('aggregates villages to hexagons by mean distance when zoomed out, with a legend in km', async () => {
    await page.goto(`${server.url}?color=distance&type=disability`);
    await drawn(page, 'distance', 'disability', 'hexagons');
    expect(await layersKey(page)).not.toContain('points');
    const zoom = await page.evaluate(() => (document.querySelector('[data-testid=map]') as unknown as { basemap?: { zoom(): number } }).basemap?.zoom() ?? null);
    if (zoom !== null) expect(zoom).toBeLessThan(6);
    const hex = await mapPixels(page);
    expect(DISTANCE_CLASS_RGB.reduce((sum, rgb) => sum + countPixelsNear(hex, rgb, 40), 0)).toBeGreaterThan(20_000);
    await expect(page.locator('[data-testid=legend-hexagons]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid=legend-hexagons-1]').textContent()).resolves.toBe('20–40 公里'); // disability standard: 40 km
    await expect(page.locator('[data-testid=legend-hexagons-3]').textContent()).resolves.toBe('> 80 公里');
    await artifact(page, 'planner-hexagons');
    await page.uncheck('[data-testid=hexagons]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('hex') === '0');
    await drawn(page, 'distance', 'points');
    expect(await layersKey(page)).not.toContain('hexagons');
    expect(changedPixels(hex, await mapPixels(page))).toBeGreaterThan(20_000);
    await expect(page.locator('[data-testid=legend-hexagons]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=legend-within]').count()).resolves.toBe(1);
  });

  it('draws village points as before from zoom 6 on', async () => {
    await page.goto(`${server.url}?unit=5101&color=distance&type=disability`);
    await drawn(page, 'distance', 'points');
    expect(await layersKey(page)).not.toContain('hexagons');
    await expect(page.locator('[data-testid=legend-within]').count()).resolves.toBe(1);
  });
});

describe('the URL', () => {
  it('reproduces every layer from a copied link', async () => {
    const link = `${server.url}?unit=${COUNTY}&layers=catchments%2Cgaps&choro=gaps&points=0`;
    await page.goto(link);
    await drawn(page, 'choropleth-gaps', 'areas-townships', 'catchments', 'gaps');
    expect(await layersKey(page)).not.toContain('points');
    await expect(page.inputValue('[data-testid=choropleth]')).resolves.toBe('gaps');
    await expect(page.isChecked('[data-testid=show-points]')).resolves.toBe(false);
    await expect(page.isChecked('[data-testid=overlay-catchments]')).resolves.toBe(true);
    await expect(page.isChecked('[data-testid=overlay-gaps]')).resolves.toBe(true);
    for (const key of ['choropleth', 'catchments', 'gaps']) await expect(page.locator(`[data-testid=legend-${key}]`).count(), key).resolves.toBe(1);
    const url = page.url();
    await page.reload();
    await drawn(page, 'choropleth-gaps', 'catchments', 'gaps');
    expect(page.url()).toBe(url);
    await artifact(page, 'planner-layers-link');
  });
});

describe('network', () => {
  it('sends every request to its own origin', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((u) => !isLocal(u, origin))).toEqual([]);
  });
});

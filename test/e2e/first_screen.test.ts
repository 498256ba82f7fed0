import Database from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../../client/src/map/colors.ts';
import { countPixelsNear, isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-results');

describe('first screen, real server and real Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let requests: string[];
  let drawnAfterMs: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    requests = recordRequests(page);
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=map][data-villages][data-idle]', { timeout: 90_000 });
    drawnAfterMs = Date.now() - t0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws village points on the map canvas, in both status colours', async () => {
    const png = await page.locator('[data-testid=map] canvas').first().screenshot();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'first-screen.png') });
    // points are drawn at alpha 220/255 over a light basemap, so allow for blending
    expect(countPixelsNear(png, STATUS_COLORS.covered, 40)).toBeGreaterThan(2000);
    expect(countPixelsNear(png, STATUS_COLORS.notCovered, 40)).toBeGreaterThan(2000);
    console.log(`map drawn ${drawnAfterMs} ms after navigation`);
  });

  it('shows the summary figures the database holds', async () => {
    const db = new Database(join(server.dataDir, 'coverage.sqlite'), { readonly: true });
    const expected = db
      .prepare(
        `SELECT COUNT(*) AS villages, COUNT(covered_since) AS coveredVillages, SUM(children) AS children,
                (SELECT COUNT(*) FROM worker) AS workers FROM village`,
      )
      .get() as Record<string, number>;
    db.close();
    for (const key of ['villages', 'coveredVillages', 'children', 'workers']) {
      const shown = await page.getAttribute(`[data-testid=summary-${key}]`, 'data-value');
      expect(Number(shown), key).toBe(expected[key]);
    }
    expect(expected.villages).toBe(138294);
  });

  it('says the default data is synthetic', async () => {
    await expect(page.locator('[data-testid=synthetic-note]').textContent()).resolves.toMatch(/合成/);
  });

  it('narrows the figures to a province when one is picked', async () => {
    await page.selectOption('[data-testid=pick-child]', '41');
    await page.waitForFunction(() => document.querySelector('[data-testid=summary-villages]')?.getAttribute('data-value') === '52378');
  });

  it('sends no request anywhere but its own origin', () => {
    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !isLocal(u, origin))).toEqual([]);
  });
});

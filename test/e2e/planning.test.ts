import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_SITE_RGB } from '../../client/src/map/plan_layer.ts';
import { countPixelsNear, isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { artifact, drawn, mapPixels } from '../helpers/map_page.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/** 安宁市 (Kunming): a county of 102 villages, about 50 of them without a worker */
const COUNTY = '530181';
/** 民权县 (Henan): the county with the most villages, where the exact solver runs to its time limit */
const LARGE_COUNTY = '410928';

/** The expansion-planning panel, driven in Chromium against the real server. */
let server: RunningServer;
let browser: Browser;
let page: Page;
let requests: string[];

const param = (p: Page, key: string) => new URL(p.url()).searchParams.get(key);

async function villageName(p: Page, code: string): Promise<string> {
  return p.evaluate(async (c) => {
    const res = await fetch(`/trpc/villages.byCode?input=${encodeURIComponent(JSON.stringify({ code: c }))}`);
    return (await res.json()).result.data.name as string;
  }, code);
}

/** Opens the planning panel if it is closed. */
async function openPanel(p: Page): Promise<void> {
  if ((await p.getAttribute('[data-testid=plan-toggle]', 'aria-expanded')) !== 'true') await p.click('[data-testid=plan-toggle]');
  await p.waitForSelector('[data-testid=plan-phases]');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  requests = recordRequests(page);
  await page.goto(`${server.url}?unit=${COUNTY}`);
  await drawn(page, 'points');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('planning new workers in a county', () => {
  it('is scoped to the unit in view, and says a bad request plainly', async () => {
    await openPanel(page);
    await expect(page.locator('[data-testid=plan-scope]').textContent()).resolves.toContain('安宁市');
    await expect(page.isDisabled('[data-testid=plan-method-exact]')).resolves.toBe(false);
    // more workers than the county has villages without one: the server's reason is shown
    await page.fill('[data-testid=plan-phases]', '500');
    await page.click('[data-testid=plan-run]');
    await expect(page.locator('[data-testid=plan-error]').textContent()).resolves.toMatch(/500 new workers but there are only \d+ candidate villages/);
    // a form that cannot make a request does not reach the server
    await page.fill('[data-testid=plan-phases]', '5, x');
    await page.click('[data-testid=plan-run]');
    await page.waitForSelector('[data-testid=plan-form-error]');
  });

  it('runs greedy for 5 workers: a ranked table of real villages, the gap it may be from the best, the sites on the map', async () => {
    const before = await mapPixels(page);
    await page.fill('[data-testid=plan-phases]', '5');
    await page.click('[data-testid=plan-run]');
    const result = page.locator('[data-testid=plan-result]');
    await result.waitFor({ timeout: 30_000 });
    await drawn(page, 'plan');
    const rows = page.locator('[data-testid=plan-site-row]');
    await expect(rows.count()).resolves.toBe(5);
    for (let i = 0; i < 5; i++) {
      const code = (await rows.nth(i).getAttribute('data-code'))!;
      expect(code.startsWith(COUNTY)).toBe(true);
      await expect(rows.nth(i).locator('td').nth(1).textContent()).resolves.toBe(await villageName(page, code));
      await expect(rows.nth(i).locator('td').first().textContent()).resolves.toBe(String(i + 1));
    }
    await expect(page.locator('[data-testid=plan-quality]').textContent()).resolves.toMatch(/^最多比最优方案低 [\d.]+%（上界 [\d,]+）$/);
    await expect(page.locator('[data-testid=plan-value]').textContent()).resolves.toMatch(/^加权新增服务儿童 [\d,.]+$/);
    await expect(page.locator('[data-testid=plan-site-count]').textContent()).resolves.toBe('5 人');
    // the planned sites are drawn in their own colour, with a legend entry
    const after = await mapPixels(page);
    expect(countPixelsNear(before, PLAN_SITE_RGB, 25)).toBeLessThan(50);
    expect(countPixelsNear(after, PLAN_SITE_RGB, 25)).toBeGreaterThan(300);
    await expect(page.locator('[data-testid=legend-plan]').getAttribute('data-sites')).resolves.toBe('5');
    await result.scrollIntoViewIfNeeded();
    await artifact(page, 'planning');
  });

  it('explains a chosen village when its row is clicked, and flies the map to it', async () => {
    const row = page.locator('[data-testid=plan-site-row]').nth(1);
    const code = await row.getAttribute('data-code');
    const name = await row.locator('td').nth(1).textContent();
    await row.click();
    const card = page.locator('[data-testid=plan-why]');
    await card.locator('[data-testid=plan-why-rank]').waitFor({ timeout: 15_000 });
    await expect(card.getAttribute('data-code')).resolves.toBe(code);
    await expect(card.locator('h2').textContent()).resolves.toBe(name);
    await expect(card.locator('[data-testid=plan-why-rank]').textContent()).resolves.toMatch(/^第 2 名（共 5 个）/);
    await expect(card.locator('[data-testid=plan-why-alternative]').textContent()).resolves.toMatch(/相距|附近没有/);
    await drawn(page, 'plan');
    await artifact(page, 'planning-why');
    await card.locator('.close').click();
    await expect(card.count()).resolves.toBe(0);
  });

  it('saves the run as a scenario, and a reload of the URL shows it', async () => {
    await page.fill('[data-testid=plan-save-name]', '安宁五村');
    await page.click('[data-testid=plan-save]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') !== null);
    const id = param(page, 'scenario');
    await expect(page.locator(`[data-testid=scenario][data-id="${id}"] [data-testid=scenario-name]`).textContent()).resolves.toBe('安宁五村');
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), (await page.getAttribute(`[data-testid=scenario][data-id="${id}"] [data-testid=scenario-csv]`, 'href'))!);
    expect(csv.split('\n').filter((l) => l.trim()).length).toBe(6);
    const url = page.url();
    await page.reload();
    await drawn(page, 'plan');
    expect(page.url()).toBe(url);
    await expect(page.locator('[data-testid=plan-shown]').textContent()).resolves.toContain('安宁五村');
    await expect(page.locator('[data-testid=plan-site-row]').count()).resolves.toBe(5);
    expect(countPixelsNear(await mapPixels(page), PLAN_SITE_RGB, 25)).toBeGreaterThan(300);
  });

  it('runs the exact solver on the county: optimal, or the gap it proved', async () => {
    await openPanel(page);
    await page.check('[data-testid=plan-method-exact]');
    await page.fill('[data-testid=plan-phases]', '5');
    await page.fill('[data-testid=plan-time-limit]', '15');
    await page.click('[data-testid=plan-run]');
    // the scenario leaves the map and the URL for the new run
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') === null);
    const result = page.locator('[data-testid=plan-result][data-source^=job]');
    await result.waitFor({ timeout: 45_000 });
    const quality = (await page.locator('[data-testid=plan-quality]').textContent())!;
    if ((await result.getAttribute('data-optimal')) === 'true') expect(quality).toBe('最优方案（求解器已证明）');
    else expect(quality).toMatch(/^最多比最优方案低 [\d.]+%/);
    await expect(page.locator('[data-testid=plan-site-row]').count()).resolves.toBe(5);
    // saved too, and compared with the greedy plan
    await page.fill('[data-testid=plan-save-name]', '安宁精确');
    await page.click('[data-testid=plan-save]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('scenario') !== null);
    const ticks = page.locator('[data-testid=scenario-compare]');
    await expect(ticks.count()).resolves.toBe(2);
    await ticks.nth(0).check();
    await ticks.nth(1).check();
    const compare = page.locator('[data-testid=plan-compare]');
    await compare.waitFor();
    await expect(compare.locator('[data-testid=compare-sites] td').nth(1).textContent()).resolves.toBe('5');
    await expect(compare.locator('[data-testid=compare-both]').textContent()).resolves.toMatch(/^两个方案都选的村：[0-5] 个$/);
  });
});

describe('cancelling', () => {
  it('stops a long exact run when asked', async () => {
    // the panel does not wait for the map
    await page.goto(`${server.url}?unit=${LARGE_COUNTY}`);
    await openPanel(page);
    await page.check('[data-testid=plan-method-exact]');
    await page.fill('[data-testid=plan-phases]', '100');
    await page.fill('[data-testid=plan-time-limit]', '60');
    await page.click('[data-testid=plan-run]');
    // under way: the solver alone would go on for a minute
    await page.waitForSelector('[data-testid=plan-progress]', { timeout: 30_000 });
    await page.waitForTimeout(500);
    const t1 = Date.now();
    await page.click('[data-testid=plan-cancel]');
    await page.waitForSelector('[data-testid=plan-cancelled]', { timeout: 30_000 });
    expect(Date.now() - t1).toBeLessThan(30_000);
    console.log(`planning run stopped ${Date.now() - t1} ms after cancel`);
    await expect(page.locator('[data-testid=plan-progress]').count()).resolves.toBe(0);
    await expect(page.isEnabled('[data-testid=plan-run]')).resolves.toBe(true);
  });

  it('offers exact only for a county or township, and says why', async () => {
    await page.goto(`${server.url}?unit=41`);
    await openPanel(page);
    await expect(page.isDisabled('[data-testid=plan-method-exact]')).resolves.toBe(true);
    await expect(page.locator('[data-testid=plan-exact-unavailable]').textContent()).resolves.toContain('县或乡镇');
  });
});

describe('network', () => {
  it('sends every request to its own origin', () => {
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !isLocal(u, origin))).toEqual([]);
  });
});

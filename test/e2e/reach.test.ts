import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page, Response } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReachSummary, SnapshotPayload } from '../../server/domain/index.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { insertDataset } from '../../server/store/datasets.ts';
import { openDb } from '../../server/store/db.ts';
import { insertUser } from '../../server/store/users.ts';
import { CHOROPLETH_ALPHA, choroplethClasses } from '../../client/src/map/choropleth_layer.ts';
import { countPixelsNear, launchBrowser } from '../helpers/browser.ts';
import { HttpSession, trpcResult } from '../helpers/http_session.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';
import { tinyContent } from '../helpers/tiny_dataset.ts';

/**
 * The reach page, snapshots, presentation mode and exports in a real browser against the real
 * server in accounts mode: the figures shown are reach.summary's; a viewer's responses carry no
 * small count, no village code and no position; a published snapshot opens without an account,
 * keeps its figures when the data changes and is gone once revoked; the PNG and PDF exports have
 * the sizes asked for and are not blank; presentation mode steps with the arrow keys.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coverage-reach-'));
const downloads = mkdtempSync(join(tmpdir(), 'coverage-reach-downloads-'));
const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const USERS = { planner: { name: 'pia', password: 'pia password 1' }, viewer: { name: 'vera', password: 'vera password 1' } };
const HEADLINE_KEYS = ['villages', 'coveredVillages', 'workers', 'children', 'leftBehind', 'disabled', 'orphaned', 'difficult', 'counties', 'coveredCounties'] as const;
/** Keys under which a payload holds counts of villages, children, workers, counties or sites. */
const COUNT_KEYS = new Set([...HEADLINE_KEYS, 'newVillages', 'cumulativeVillages', 'sites', 'villagesServed']);
/** The basemap's land colour inside the provinces (provinces-fill). */
const LAND = [251, 250, 247];
const MAP_DRAWN = '[data-testid=map][data-layers~=reach-counties][data-idle=true]';

let server: RunningServer;
let browser: Browser;
let planner: HttpSession;
let plannerContext: BrowserContext;
let plannerPage: Page;
let publicContext: BrowserContext;

async function signIn(page: Page, who: { name: string; password: string }, next: string) {
  await page.goto(`${server.url}login?next=${encodeURIComponent(next)}`);
  await page.fill('[data-testid=login-form] input[name=name]', who.name);
  await page.fill('[data-testid=login-form] input[name=password]', who.password);
  await page.click('[data-testid=login-form] button[type=submit]');
}

async function reachOf(session: HttpSession, input: unknown): Promise<ReachSummary> {
  const r = await trpcResult<ReachSummary>(await session.query('reach.summary', input));
  expect(r.status, r.message).toBe(200);
  return r.data!;
}

/** The headline figures on a page, as their data-value attributes. */
async function shownHeadline(page: Page): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const key of HEADLINE_KEYS) shown[key] = (await page.getAttribute(`[data-testid=headline-${key}]`, 'data-value'))!;
  return shown;
}
const asShown = (s: ReachSummary) => Object.fromEntries(HEADLINE_KEYS.map((k) => [k, String(s.headline[k])]));

async function download(page: Page, click: string): Promise<{ file: string; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(click)]);
  const file = join(downloads, d.suggestedFilename());
  await d.saveAs(file);
  return { file, download: d };
}

/** Share of pixels that differ from the most common colour: 0 for a blank image. */
function nonBlankShare(png: Buffer): number {
  const { data } = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const most = Math.max(...counts.values());
  return 1 - most / (data.length / 4);
}

/** Every place in a JSON value where the privacy rule is broken: a count 1..4, a 12-digit village code, a position. */
function privacyBreaches(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => privacyBreaches(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [
      ...(COUNT_KEYS.has(k) && typeof v === 'number' && v >= 1 && v <= 4 ? [`${path}.${k} = ${v}`] : []),
      ...(/^(lon|lat|lng|position|positions|longitude|latitude)$/i.test(k) ? [`${path}.${k} (a position)`] : []),
      ...privacyBreaches(v, `${path}.${k}`),
    ]);
  if ((typeof value === 'string' || typeof value === 'number') && /^\d{12}$/.test(String(value))) return [`${path} = ${value} (a village code)`];
  return [];
}

/** Counts 1..4 under count keys: where a planner sees exact small figures. */
function smallCounts(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + smallCounts(v), 0);
  if (value && typeof value === 'object') return Object.entries(value).reduce((n: number, [k, v]) => n + (COUNT_KEYS.has(k) && typeof v === 'number' && v >= 1 && v <= 4 ? 1 : smallCounts(v)), 0);
  return 0;
}

beforeAll(async () => {
  const db = openDb(dataDir);
  insertUser(db, { name: USERS.planner.name, role: 'planner', passwordHash: await hashPassword(USERS.planner.password) });
  insertUser(db, { name: USERS.viewer.name, role: 'viewer', passwordHash: await hashPassword(USERS.viewer.password) });
  db.close();
  server = await startServer({ DATA_DIR: dataDir, AUTH_MODE: 'accounts' });
  browser = await launchBrowser();
  planner = await new HttpSession(server.url).signIn(USERS.planner.name, USERS.planner.password);
  plannerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  plannerPage = await plannerContext.newPage();
  publicContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

describe('the reach page', () => {
  it('shows the headline figures reach.summary returns, on a county map', async () => {
    await signIn(plannerPage, USERS.planner, '/reach');
    await plannerPage.waitForURL(/\/reach$/);
    await plannerPage.waitForSelector(MAP_DRAWN, { timeout: 60_000 });
    const summary = await reachOf(planner, {});
    expect(summary.protected).toBe(false);
    expect(await shownHeadline(plannerPage)).toEqual(asShown(summary));
    expect(summary.headline.villages).toBe(138294);
    await expect(plannerPage.locator('[data-testid=synthetic-note]').count()).resolves.toBe(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await plannerPage.screenshot({ path: join(SCREENSHOTS, 'reach.png') });
  });

  it('exports the map as a PNG of exactly 1754 x 1240 pixels at A4 150 dpi, with the counties drawn', async () => {
    await plannerPage.selectOption('[data-testid=export-png-size]', 'a4-150');
    const { file } = await download(plannerPage, '[data-testid=export-png]');
    const png = readFileSync(file);
    const { width, height } = PNG.sync.read(png);
    expect([width, height]).toEqual([1754, 1240]);
    expect(nonBlankShare(png)).toBeGreaterThan(0.3);
    // the darkest class of covered share fills counties (drawn nearly opaque over the land)
    const alpha = CHOROPLETH_ALPHA.instead / 255;
    const dark = choroplethClasses('share', 100).at(-1)!.rgb.map((c, i) => c * alpha + LAND[i] * (1 - alpha));
    expect(countPixelsNear(png, dark, 12)).toBeGreaterThan(2000);
  });

  it('exports an A4 landscape PDF report that pdfinfo opens at 842 x 595 pt and pdftoppm renders', async () => {
    await plannerPage.selectOption('[data-testid=export-pdf-size]', 'a4-landscape');
    const { file } = await download(plannerPage, '[data-testid=export-pdf]');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
    expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([842, 595]);
    expect(info).toMatch(/Pages:\s+1\b/);
    const prefix = join(downloads, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '20', '-singlefile', file, prefix]);
    expect(nonBlankShare(readFileSync(`${prefix}.png`))).toBeGreaterThan(0.2);
  });

  it('downloads the table behind a chart as CSV with a byte-order mark', async () => {
    const { file } = await download(plannerPage, '[data-testid=export-csv-provinces]');
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^代码,名称,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['14', '41', '51', '53', '65']);
  });
});

describe('a viewer', () => {
  it('lands on the reach page, and no response it receives holds a count below 5, a village code or a position', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const bodies: { url: string; status: number; body: Promise<string> }[] = [];
    page.on('response', (r: Response) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/trpc/') || path.startsWith('/api/')) bodies.push({ url: r.url(), status: r.status(), body: r.text().catch(() => '') });
    });
    await signIn(page, USERS.viewer, '/');
    await page.waitForURL(/\/reach$/);
    await page.waitForSelector(MAP_DRAWN, { timeout: 60_000 });
    await page.selectOption('[data-testid=reach-unit]', '53');
    await page.waitForSelector('[data-testid=reach-body][data-unit="53"]');
    await page.waitForSelector(MAP_DRAWN, { timeout: 60_000 });
    await expect(page.locator('[data-testid=privacy-note]').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid=snapshot-panel]').count()).resolves.toBe(0);

    // a body the browser no longer holds (fetched in maplibre's worker) is asked for again with the viewer's cookies
    const received = await Promise.all(bodies.map(async (b) => ({ ...b, text: (await b.body) || (await (await context.request.get(b.url)).text()) })));
    expect(received.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`)).toEqual([]);
    const summaries = received.filter((r) => r.url.includes('reach.summary'));
    expect(summaries.length).toBeGreaterThanOrEqual(2);
    let withheld = 0;
    for (const r of received) {
      const json = JSON.parse(r.text) as unknown;
      expect(privacyBreaches(json), r.url).toEqual([]);
      withheld += (r.text.match(/"<5"/g) ?? []).length;
    }
    // the planner's figures of the same units hold small counts: the viewer got "<5" in their place
    const exact = await reachOf(planner, {});
    expect(smallCounts(exact)).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
    await context.close();
  });
});

describe('snapshots and presentation', () => {
  let token: string;
  let id: number;
  let published: Record<string, string>;

  it('publishes a snapshot whose link shows its figures without signing in', async () => {
    await plannerPage.fill('[data-testid=snapshot-form] input[name=title-zh]', '五省覆盖情况');
    await plannerPage.fill('[data-testid=snapshot-form] input[name=title-en]', 'Coverage in five provinces');
    await plannerPage.click('[data-testid=snapshot-publish]');
    const link = plannerPage.locator('[data-testid=snapshot-new]');
    await link.waitFor();
    token = (await link.getAttribute('data-token'))!;
    id = Number(await plannerPage.getAttribute(`[data-testid=snapshot-row][data-token="${token}"]`, 'data-id'));

    const page = await publicContext.newPage();
    await page.goto(`${server.url}s/${token}`);
    await page.waitForSelector('[data-testid=snapshot-page]');
    await expect(page.locator('[data-testid=snapshot-title]').textContent()).resolves.toBe('五省覆盖情况');
    await page.waitForSelector(MAP_DRAWN, { timeout: 60_000 });
    const payload = (await (await fetch(`${server.url}trpc/snapshots.view?input=${encodeURIComponent(JSON.stringify({ token }))}`)).json()) as { result: { data: SnapshotPayload } };
    published = await shownHeadline(page);
    expect(published).toEqual(asShown(payload.result.data.reach));
    expect(published.villages).toBe('138294');
    await page.close();
  });

  it('presents the live snapshots full screen, stepping with the arrow keys, both titles on each', async () => {
    const second = await trpcResult<{ token: string }>(await planner.mutation('snapshots.publish', { title: { zh: '四川省覆盖情况', en: 'Coverage in Sichuan' }, code: '51' }));
    expect(second.status, second.message).toBe(200);
    const page = await publicContext.newPage();
    await page.goto(`${server.url}present?s=${token},${second.data!.token}`);
    await page.waitForSelector('[data-testid=slide]');
    await expect(page.locator('[data-testid=present-position]').textContent()).resolves.toBe('1 / 2');
    await expect(page.locator('[data-testid=slide-title-zh]').textContent()).resolves.toBe('五省覆盖情况');
    await expect(page.locator('[data-testid=slide-title-en]').textContent()).resolves.toBe('Coverage in five provinces');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`[data-testid=slide][data-token="${second.data!.token}"]`);
    await expect(page.locator('[data-testid=present-position]').textContent()).resolves.toBe('2 / 2');
    await expect(page.locator('[data-testid=slide-title-zh]').textContent()).resolves.toBe('四川省覆盖情况');
    await expect(page.locator('[data-testid=slide-title-en]').textContent()).resolves.toBe('Coverage in Sichuan');
    await page.waitForSelector(MAP_DRAWN, { timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'present.png') });
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`[data-testid=slide][data-token="${token}"]`);
    await page.keyboard.press('PageDown');
    await page.waitForSelector(`[data-testid=slide][data-token="${second.data!.token}"]`);
    await page.close();

    // a planner's /present without a list shows every live snapshot, oldest first
    await plannerPage.goto(`${server.url}present`);
    await plannerPage.waitForSelector(`[data-testid=slide][data-token="${token}"]`);
    await expect(plannerPage.locator('[data-testid=present-position]').textContent()).resolves.toBe('1 / 2');
  });

  it('shows the same figures after the data changes', async () => {
    const db = openDb(dataDir);
    insertDataset(db, tinyContent());
    db.close();
    const live = await reachOf(planner, {});
    expect(live.headline.villages).toBe(36);
    const page = await publicContext.newPage();
    await page.goto(`${server.url}s/${token}`);
    await page.waitForSelector('[data-testid=snapshot-page]');
    expect(await shownHeadline(page)).toEqual(published);
    await page.close();
  });

  it('stops working once revoked', async () => {
    await plannerPage.goto(`${server.url}reach`);
    const row = plannerPage.locator(`[data-testid=snapshot-row][data-id="${id}"]`);
    await row.locator('[data-testid=snapshot-revoke]').click();
    await plannerPage.waitForSelector(`[data-testid=snapshot-row][data-id="${id}"][data-revoked=true]`);
    const page = await publicContext.newPage();
    await page.goto(`${server.url}s/${token}`);
    await page.waitForSelector('[data-testid=snapshot-gone]');
    await expect(page.locator('[data-testid=snapshot-gone]').textContent()).resolves.toMatch(/不存在或已被撤销/);
    expect((await fetch(`${server.url}api/boundaries/counties.geojson?snapshot=${token}`)).status).toBe(401);
    await page.close();
  });
});

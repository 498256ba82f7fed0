import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { openDb } from '../../server/store/db.ts';
import { insertUser } from '../../server/store/users.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { HttpSession, trpcResult } from '../helpers/http_session.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/**
 * Every page in both languages, in a real browser: switching the language changes every visible
 * string (no text is a raw translation key or an unfilled {{placeholder}}; in English no text
 * holds Chinese except place names and the titles users typed), and the choice survives a reload.
 * Walked as an admin (every page a planner has, and the admin page), as a viewer, and signed out.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coverage-languages-'));
const USERS = { admin: { name: 'ada', password: 'ada password 1' }, viewer: { name: 'vera', password: 'vera password 1' } };
const TITLE = { zh: '示范省份覆盖情况', en: 'Coverage in the demonstration provinces' };
const KEYS = new Set(Object.keys(zhCN));
/** A text that is a key is a raw key unless it is also a translation in that language (English 'villages' is the key's own value). */
const VALUES = { 'zh-CN': new Set<string>(Object.values(zhCN)), en: new Set<string>(Object.values(en)) };
/** The language switch names the other language in that language. */
const OTHER_LANGUAGE = '中文';
const CJK_RUN = /[\u2e80-\u2fff\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;

let server: RunningServer;
let browser: Browser;
let token: string;
/** Names that may stay Chinese in English: every administrative unit and village, and the typed titles; sorted for prefix search. */
let names: string[];

/** Whether a run of Chinese characters is a name, or the start of one cut with an ellipsis. */
function isName(run: string, text: string): boolean {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] < run) lo = mid + 1;
    else hi = mid;
  }
  return names[lo] === run || (text.includes(`${run}…`) && lo < names.length && names[lo].startsWith(run));
}

/** Every visible string of the page: text, option labels of visible selects, SVG titles, placeholders, labels; none inside [data-proper-name]. */
function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => (el as Element & { checkVisibility(o?: object): boolean }).checkVisibility({ visibilityProperty: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent?.trim();
      const el = walker.currentNode.parentElement;
      if (!text || !el || el.closest('[data-proper-name], script, style, noscript')) continue;
      const owner = el.tagName === 'OPTION' ? el.closest('select') : el.tagName.toLowerCase() === 'title' ? el.parentElement : el;
      if (owner && visible(owner)) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest('[data-proper-name]') || !visible(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** What is wrong with the page's strings in a language: raw keys, unfilled placeholders, and (in English) Chinese that is not a name. */
async function problems(page: Page, lang: 'zh-CN' | 'en'): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleStrings(page)) {
    if (/^[a-z][A-Za-z]+$/.test(text) && KEYS.has(text) && !VALUES[lang].has(text)) found.push(`raw key: ${text}`);
    if (lang === 'en' && text === OTHER_LANGUAGE) continue;
    if (text.includes('{{')) found.push(`placeholder: ${text}`);
    if (lang === 'en') for (const run of text.match(CJK_RUN) ?? []) if (!isName(run, text)) found.push(`Chinese in English: "${run}" in "${text.slice(0, 120)}"`);
  }
  return [...new Set(found)];
}

/**
 * Signs in and waits for the page the role lands on (a viewer is sent on from / to /reach), so
 * the next navigation does not race that redirect.
 */
async function signIn(page: Page, who: { name: string; password: string }, landing: string) {
  await page.goto(`${server.url}login`);
  await page.fill('[data-testid=login-form] input[name=name]', who.name);
  await page.fill('[data-testid=login-form] input[name=password]', who.password);
  await page.click('[data-testid=login-form] button[type=submit]');
  await page.waitForURL((u) => u.pathname === landing);
  await page.waitForLoadState('load');
}

/** What says a page has drawn its content, by path. */
function readySelector(path: string): string {
  if (path === '/') return '[data-testid=summary] >> nth=0';
  if (path.startsWith('/reach')) return '[data-testid=map][data-layers~=reach-counties][data-idle=true]';
  if (path.startsWith('/s/')) return '[data-testid=map][data-layers~=reach-counties][data-idle=true]';
  if (path.startsWith('/present')) return '[data-testid=slide]';
  if (path.startsWith('/login')) return '[data-testid=login-form]';
  return 'header.header';
}

/** Opens a page in Chinese, checks it, switches to English with its own button, checks again. */
async function walk(page: Page, path: string): Promise<string[]> {
  await page.evaluate(() => localStorage.setItem('lang', 'zh-CN'));
  await page.goto(`${server.url}${path.slice(1)}`);
  await page.waitForSelector(readySelector(path), { timeout: 90_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const zh = (await problems(page, 'zh-CN')).map((p) => `${path} zh: ${p}`);
  await page.locator('button.lang').first().click();
  await page.waitForFunction(() => document.documentElement.lang === 'en' && localStorage.getItem('lang') === 'en');
  await page.waitForTimeout(300);
  const en = (await problems(page, 'en')).map((p) => `${path} en: ${p}`);
  return [...zh, ...en];
}

beforeAll(async () => {
  const db = openDb(dataDir);
  insertUser(db, { name: USERS.admin.name, role: 'admin', passwordHash: await hashPassword(USERS.admin.password) });
  insertUser(db, { name: USERS.viewer.name, role: 'viewer', passwordHash: await hashPassword(USERS.viewer.password) });
  db.close();
  server = await startServer({ DATA_DIR: dataDir, AUTH_MODE: 'accounts' });
  browser = await launchBrowser();
  const admin = await new HttpSession(server.url).signIn(USERS.admin.name, USERS.admin.password);
  const published = await trpcResult<{ token: string }>(await admin.mutation('snapshots.publish', { title: TITLE }));
  expect(published.status, published.message).toBe(200);
  token = published.data!.token;
  const store = new Database(join(dataDir, 'coverage.sqlite'), { readonly: true });
  const rows = store.prepare('SELECT name FROM admin_unit UNION SELECT name FROM village').pluck().all() as string[];
  store.close();
  names = [...new Set([...rows, TITLE.zh])].sort();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the language switch', () => {
  it('changes every visible string on every page an admin (so also a planner) opens', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, USERS.admin, '/');
    const found: string[] = [];
    for (const path of ['/', '/data', '/reach', `/s/${token}`, '/present', '/admin']) found.push(...(await walk(page, path)));
    expect(found).toEqual([]);
    await context.close();
  });

  it('changes every visible string on a viewer’s pages, and the choice survives a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, USERS.viewer, '/reach');
    const found: string[] = [];
    for (const path of [`/s/${token}`, `/present?s=${token}`, '/reach']) found.push(...(await walk(page, path)));
    expect(found).toEqual([]);
    await page.reload();
    await page.waitForSelector(readySelector('/reach'), { timeout: 90_000 });
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.locator('[data-testid=reach-page] h1').textContent()).resolves.toBe('Rural child welfare coverage');
    await expect(page.locator('button.lang').textContent()).resolves.toBe('中文');
    await context.close();
  });

  it('changes every visible string of the sign-in page and a snapshot link, signed out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}login`);
    const found: string[] = [];
    for (const path of ['/login', `/s/${token}`]) found.push(...(await walk(page, path)));
    expect(found).toEqual([]);
    await context.close();
  });
});

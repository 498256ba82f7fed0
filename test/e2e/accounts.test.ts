import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { artifact, drawn } from '../helpers/map_page.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/**
 * Accounts mode in a real browser against the real server: sign-in, the planner's map drawn under
 * the strict Content-Security-Policy without a single violation, the admin page adding a user
 * and showing it in the audit log, and a viewer kept from village-level data.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coverage-accounts-'));
let server: RunningServer;
let browser: Browser;

/** Every CSP violation a page reports, and console errors that mention the policy. */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function signIn(page: Page, name: string, password: string) {
  await page.fill('[data-testid=login-form] input[name=name]', name);
  await page.fill('[data-testid=login-form] input[name=password]', password);
  await page.click('[data-testid=login-form] button[type=submit]');
}

beforeAll(async () => {
  const add = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/user_add.ts', '--name', 'root', '--role', 'admin'], {
    env: { ...process.env, DATA_DIR: dataDir },
    input: 'root password 1\n',
    encoding: 'utf8',
  });
  expect(add.stdout, add.stderr).toMatch(/Added admin root/);
  server = await startServer({ DATA_DIR: dataDir, AUTH_MODE: 'accounts' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an admin', () => {
  let context: BrowserContext;
  let page: Page;
  let violations: string[];
  let requests: string[];
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    violations = await watchCsp(context);
    page = await context.newPage();
    requests = recordRequests(page);
  });
  afterAll(() => context?.close());

  it('is sent to the sign-in page, told when the password is wrong, and signed in with the right one', async () => {
    await page.goto(`${server.url}?unit=5101`);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, 'root', 'wrong password');
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toMatch(/用户名或密码错误/);
    await signIn(page, 'root', 'root password 1');
    await page.waitForURL((u) => u.pathname === '/' && u.search === '?unit=5101');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'csrf')).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
  });

  it('sees the planner map drawn with no Content-Security-Policy violation and no request leaving the origin', async () => {
    await drawn(page);
    await page.click('[data-testid=color-status]');
    await drawn(page, 'status');
    await artifact(page, 'accounts-planner');
    expect(violations).toEqual([]);
    const origin = new URL(server.url).origin;
    expect(requests.filter((u) => !isLocal(u, origin))).toEqual([]);
    await expect(page.locator('[data-testid=user-menu]').textContent()).resolves.toMatch(/root（管理员）/);
  });

  it('adds a viewer on the admin page and finds the change in the audit log, password redacted', async () => {
    await page.click('[data-testid=nav] a[href="/admin"]');
    await page.waitForSelector('[data-testid=user-root]');
    const form = page.locator('[data-testid=add-user]');
    await form.locator('input[name=name]').fill('vera');
    await form.locator('input[name=password]').fill('vera password 1');
    await form.locator('select[name=role]').selectOption('viewer');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=user-vera]');
    const row = page.locator('[data-testid=audit-row][data-path="users.create"]').first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('root');
    expect(text).toContain('"password":"[redacted]"');
    expect(text).not.toContain('vera password 1');
    await artifact(page, 'accounts-admin');
    expect(violations).toEqual([]);
  });

  it('signs out', async () => {
    await page.click('[data-testid=logout]');
    await page.waitForURL(/\/login$/);
    const res = await page.request.get(`${server.url}trpc/auth.me`);
    expect(((await res.json()) as { result: { data: { user: unknown } } }).result.data.user).toBeNull();
  });
});

describe('a viewer', () => {
  it('sees a short message instead of a page above their role, no admin link, and is refused village data', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const violations = await watchCsp(context);
    const page = await context.newPage();
    await page.goto(`${server.url}login?next=/admin`);
    await signIn(page, 'vera', 'vera password 1');
    await page.waitForURL(/\/admin$/);
    await page.waitForSelector('[data-testid=forbidden-page]');
    await expect(page.locator('[data-testid=forbidden-page]').textContent()).resolves.toMatch(/无权访问/);
    await expect(page.locator('[data-testid=nav] a[href="/admin"]').count()).resolves.toBe(0);
    // English too
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await page.reload();
    await expect(page.locator('[data-testid=forbidden-page]').textContent()).resolves.toMatch(/Not allowed: your role does not include this/);
    const status = await page.evaluate(async () => (await fetch('/api/layers/villages.arrow')).status);
    expect(status).toBe(403);
    const admin = await page.evaluate(async () => (await fetch('/trpc/users.list')).status);
    expect(admin).toBe(403);
    expect(violations).toEqual([]);
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocal, launchBrowser, recordRequests } from '../helpers/browser.ts';
import { artifact } from '../helpers/map_page.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/**
 * The data page, driven as a programme officer would: upload a small service-point list that
 * Excel saved as GBK with Chinese headers, check the proposed columns, choose the coordinate
 * system, see the preview, import, and find the new version current in the version list.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
let requests: string[];

const CSV = [
  '编号,机构类型,机构名称,经度,纬度,床位数,所属区划代码',
  'S-1,乡镇卫生院,坞城街道卫生院,112.5921,37.8403,30,140105001',
  'S-2,派出所,坞城派出所,112.5951,37.8420,10,140105001',
  'S-3,未成年人保护工作站,坞城街道未成年人保护工作站,112.5935,37.8411,200,140105001',
].join('\r\n');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  requests = recordRequests(page);
  await page.goto(`${server.url}data`);
  await page.waitForSelector('[data-testid=versions] [data-testid=version-1][data-current=true]', { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('data page', () => {
  it('uploads a CSV, shows the detected mapping and the preview, imports it, and lists the new version as current', async () => {
    await page.setInputFiles('[data-testid=import-file]', { name: '服务点.csv', mimeType: 'text/csv', buffer: iconv.encode(CSV, 'gbk') });
    await page.waitForSelector('[data-testid=import-preview][data-kind=services]', { timeout: 30_000 });
    // the proposed columns, each field to its Chinese header
    const column = (field: string) => page.$eval(`[data-testid=mapping-${field}]`, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
    expect(await column('type')).toBe('机构类型');
    expect(await column('capacity')).toBe('床位数');
    expect(await column('admin_code')).toBe('所属区划代码');
    // the preview: three rows as they will be stored, types read from their Chinese names
    const rows = page.locator('[data-testid=preview-table] tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(0).textContent()).resolves.toContain('health');
    await expect(rows.nth(2).textContent()).resolves.toContain('station');
    // nothing is imported before the coordinate system is chosen
    await expect(page.isDisabled('[data-testid=import-commit]')).resolves.toBe(true);
    await page.check('[data-testid=crs-wgs84]');
    await artifact(page, 'data-preview');
    await page.click('[data-testid=import-commit]');
    await page.waitForSelector('[data-testid=import-status][data-phase=done]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=versions] [data-testid=version-2][data-current=true]', { timeout: 30_000 });
    await expect(page.getAttribute('[data-testid=version-1]', 'data-current')).resolves.toBe('false');
    await expect(page.textContent('[data-testid=version-2]')).resolves.toContain('服务点.csv');
    await artifact(page, 'data-imported');
    expect(requests.filter((u) => !isLocal(u, server.url))).toEqual([]);
  });
});

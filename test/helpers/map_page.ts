import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where browser tests leave their screenshots. */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-results');

/** Waits until the map is idle, and (if given) drawn with layers whose key contains every word. */
export async function drawn(p: Page, ...words: string[]): Promise<void> {
  const layers = words.map((w) => `[data-layers~="${w}"]`).join('');
  await p.waitForSelector(`[data-testid=map][data-villages]${layers}[data-idle=true]`, { timeout: 90_000 });
  await p.waitForTimeout(300);
}

/** The map canvas as a PNG. */
export function mapPixels(p: Page): Promise<Buffer> {
  return p.locator('[data-testid=map] canvas').first().screenshot();
}

/** Saves a screenshot of the page as a test artifact. */
export async function artifact(p: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

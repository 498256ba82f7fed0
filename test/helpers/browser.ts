import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

/**
 * Debian's Chromium with Mesa's llvmpipe for WebGL2 (no --disable-gpu: that falls back to the
 * much slower SwiftShader), and without the background services that would try the network.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=gl-egl',
      '--ignore-gpu-blocklist',
    ],
  });
}

/** Every URL the page asks for, to check that nothing leaves the server's origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

export function isLocal(url: string, origin: string): boolean {
  return url.startsWith(origin) || url.startsWith('blob:' + origin) || url.startsWith('data:');
}

/** Pixels of a screenshot close to a colour (max channel difference within `tolerance`). */
export function countPixelsNear(png: Buffer, rgb: readonly number[], tolerance: number): number {
  const { data } = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - rgb[0]) <= tolerance && Math.abs(data[i + 1] - rgb[1]) <= tolerance && Math.abs(data[i + 2] - rgb[2]) <= tolerance) n++;
  }
  return n;
}

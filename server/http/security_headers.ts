import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of the built client: everything from the page's own origin only,
 * which also proves the dashboard needs nothing from elsewhere. The exceptions are what the app
 * was seen to need (test/e2e/accounts.test.ts fails on any violation): maplibre starts its
 * workers from blob: URLs and draws images from data: and blob: URLs, and Vite inlines the
 * smallest font subsets into the CSS as data: URLs. None of them is a request to anywhere.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `npm run dev` only: Vite's hot reload injects an inline script and talks over a WebSocket. */
export const DEV_CSP = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws: wss:");

const HARDENING: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

/** Sets the CSP and the hardening headers; called first for every response. */
export function setSecurityHeaders(res: ServerResponse, dev: boolean): void {
  res.setHeader('content-security-policy', dev ? DEV_CSP : STRICT_CSP);
  for (const [name, value] of Object.entries(HARDENING)) res.setHeader(name, value);
}

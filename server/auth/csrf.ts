import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CSRF_COOKIE, CSRF_HEADER, readCookies } from './cookies.ts';

/**
 * Cross-site request forgery check for anything that changes state (every method but GET and
 * HEAD): the request must carry, in a header, the token of the non-httpOnly `csrf` cookie
 * (double submit: another site can make the browser send the cookie but cannot read it), and an
 * Origin or Referer, when it sends one, must be this host. Returns why it fails, or null.
 */
export function csrfFailure(req: IncomingMessage, cookies = readCookies(req)): string | null {
  const cookie = cookies.get(CSRF_COOKIE);
  const header = req.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string') return `missing CSRF token: send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'CSRF token does not match';
  const from = req.headers.origin ?? req.headers.referer;
  if (from !== undefined && from !== 'null') {
    let host: string;
    try {
      host = new URL(from).host;
    } catch {
      return 'malformed Origin or Referer';
    }
    if (host !== req.headers.host) return `cross-origin request from ${from} refused`;
  } else if (from === 'null') return 'opaque origin refused';
  return null;
}

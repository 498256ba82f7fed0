import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { STRICT_CSP } from '../../../server/http/security_headers.ts';
import { openDb, type Db } from '../../../server/store/db.ts';
import { insertUser } from '../../../server/store/users.ts';
import { HttpSession, trpcResult } from '../../helpers/http_session.ts';
import { serve } from './serve.ts';

/** What every API request passes before its handler, over a real socket: headers, CSRF, body size, request rate. */
let db: Db;
let app: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  db = openDb(':memory:');
  for (const [name, role] of [['ann', 'admin'], ['vic', 'viewer']] as const) insertUser(db, { name, role, passwordHash: await hashPassword(`${name} password`) });
  app = await serve(db, { authMode: 'accounts', bodyBytes: 4096 });
});
afterAll(() => app?.close());

describe('security headers', () => {
  it('sends the strict CSP and the hardening headers on every response: page, tRPC, API, errors', async () => {
    for (const path of ['/', '/admin', '/trpc/auth.me', '/trpc/units.summary', '/api/boundaries/provinces.geojson', '/api/nothing']) {
      const res = await fetch(app.base + path);
      const h = res.headers;
      expect(h.get('content-security-policy'), path).toBe(STRICT_CSP);
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBe('no-referrer');
      expect(h.get('x-frame-options'), path).toBe('DENY');
      expect(h.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(h.get('permissions-policy'), path).toMatch(/camera=\(\)/);
    }
    expect(STRICT_CSP).toMatch(/default-src 'self'/);
    expect(STRICT_CSP).toMatch(/frame-ancestors 'none'/);
    expect(STRICT_CSP).not.toMatch(/unsafe|https?:|\*/);
  });

  it('gives a client without one a CSRF cookie its script can read', async () => {
    const res = await fetch(`${app.base}/`);
    const csrf = res.headers.getSetCookie().find((c) => c.startsWith('csrf='))!;
    expect(csrf).toMatch(/^csrf=[\w-]{43}; Path=\/; SameSite=Strict$/);
    const again = await fetch(`${app.base}/`, { headers: { cookie: csrf.split(';')[0] } });
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});

describe('sign-in over HTTP', () => {
  it('answers UNAUTHORIZED without a session and the user with one; a viewer is FORBIDDEN village figures', async () => {
    expect((await trpcResult(await fetch(`${app.base}/trpc/datasets.list`))).code).toBe('UNAUTHORIZED');
    const vic = await new HttpSession(app.base).signIn('vic', 'vic password');
    expect((await trpcResult(await vic.query('auth.me'))).data).toEqual({ mode: 'accounts', user: { id: 2, name: 'vic', role: 'viewer' } });
    const forbidden = await vic.query('villages.byCode', { code: '140105001001' });
    expect(forbidden.status).toBe(403);
    expect((await trpcResult(forbidden)).message).toBe('villages.byCode needs the planner role; vic is viewer');
    // what a viewer may see: allowed
    expect((await vic.query('datasets.list')).status).toBe(200);
    expect((await vic.fetch('/api/layers/villages.arrow')).status).toBe(403);
  });
});

describe('CSRF', () => {
  it('refuses a mutation without the token, with a wrong one, or from another origin; the same call with them passes', async () => {
    const body = JSON.stringify({ name: 'ann', password: 'ann password' });
    const post = (headers: Record<string, string>) => fetch(`${app.base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /missing CSRF token/],
      [{ cookie: 'csrf=aaaa' }, /missing CSRF token/],
      [{ cookie: 'csrf=aaaa', 'x-csrf-token': 'bbbb' }, /does not match/],
      [{ cookie: 'csrf=aaaa', 'x-csrf-token': 'aaaa', origin: 'http://evil.example' }, /cross-origin/],
    ];
    for (const [headers, message] of cases) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      const r = await trpcResult(res);
      expect(r.code).toBe('FORBIDDEN');
      expect(r.message).toMatch(message);
    }
    expect((await post({ cookie: 'csrf=aaaa', 'x-csrf-token': 'aaaa', origin: app.base })).status).toBe(200);
  });

  it('answers a forged batch with one error per call, as the tRPC client expects', async () => {
    const res = await fetch(`${app.base}/trpc/auth.logout,auth.logout?batch=1`, { method: 'POST', body: '{}' });
    const body = (await res.json()) as { error: { data: { code: string } } }[];
    expect(body).toHaveLength(2);
    expect(body.every((b) => b.error.data.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('request body', () => {
  it('refuses a body over the limit with 413 and says so, whether its length is announced or not', async () => {
    const s = new HttpSession(app.base);
    const big = JSON.stringify({ name: 'ann', password: 'x'.repeat(5000) });
    const announced = await s.fetch('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(announced.status).toBe(413);
    expect((await trpcResult(announced)).message).toBe(`request body too large: ${Buffer.byteLength(big)} bytes, the limit is 4096`);
    // chunked: no length up front, cut off while reading
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${app.base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.cookie.slice(5) } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write(big.slice(0, 3000));
      req.end(big.slice(3000));
    });
    expect(chunked.status).toBe(413);
    expect(chunked.body).toMatch(/request body too large/);
  });

  it('answers a corrupted body with a clear 400 and goes on serving', async () => {
    const s = new HttpSession(app.base);
    for (const body of ['{"name": "ann", "password": ', '\u0000\u00ff garbage', '[1,2']) {
      const res = await s.fetch('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
      expect((await trpcResult(res)).code).toMatch(/PARSE_ERROR|BAD_REQUEST/);
    }
    expect((await s.query('auth.me')).status).toBe(200);
  });
});

describe('request rate', () => {
  it('limits each user and each address with a token bucket: 429, Retry-After and a clear message, then recovers', async () => {
    const limited = await serve(db, { authMode: 'accounts', userRate: { perSecond: 2, burst: 5 }, addressRate: { perSecond: 1, burst: 12 } });
    try {
      const ann = await new HttpSession(limited.base).signIn('ann', 'ann password');
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await ann.query('auth.me')).status);
      // the sign-in took one of ann's five (and the bucket refills a little meanwhile)
      expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(statuses.slice(-2)).toEqual([429, 429]);
      const res = await ann.query('auth.me');
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await trpcResult(res)).message).toMatch(/^too many requests: slow down and try again in \d+ s$/);
      // a client without a session, from the same address, is limited only by the address's bucket (12, of which 6 or so are used)
      const anon = new HttpSession(limited.base);
      const more: number[] = [];
      for (let i = 0; i < 10; i++) more.push((await anon.query('auth.me')).status);
      expect(more.slice(0, 4)).toEqual([200, 200, 200, 200]);
      expect(more.at(-1)).toBe(429);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await ann.query('auth.me')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

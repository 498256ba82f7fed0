import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { rmSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, trpcResult } from '../helpers/http_session.ts';
import { startServer, type RunningServer } from '../helpers/server_process.ts';

/**
 * The real server process on a temporary data directory, in accounts mode, with a one-place
 * analysis queue and a 1 ms analysis time limit, pushed over its limits: a full queue, corrupted
 * and truncated bodies, and kill -9 in the middle of a burst of writes. Each time it must answer
 * clearly, keep serving, and lose nothing it acknowledged.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'coverage-faults-'));
// the burst of writes is faster than a person: the per-user request limit (tested elsewhere) is raised
const ENV = { DATA_DIR: dataDir, AUTH_MODE: 'accounts', ANALYSIS_CONCURRENCY: '1', ANALYSIS_QUEUE: '1', ANALYSIS_TIMEOUT_MS: '1', LIMIT_USER_PER_S: '100000', LIMIT_USER_BURST: '100000' };
const ADMIN_PASSWORD = 'root password 1';
let server: RunningServer;
let admin: HttpSession;

beforeAll(async () => {
  // the first admin, as the README says: from the command line
  const add = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/user_add.ts', '--name', 'root', '--role', 'admin'], {
    env: { ...process.env, DATA_DIR: dataDir, USER_PASSWORD: ADMIN_PASSWORD },
    encoding: 'utf8',
  });
  expect(add.stdout + add.stderr).toMatch(/Added admin root \(id 1\)/);
  server = await startServer(ENV);
  admin = await new HttpSession(server.url).signIn('root', ADMIN_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const coverage = (params: object) => admin.query('analysis.coverage', { code: '41', params });

/**
 * Thirteen connections opened in advance (fetch would send a burst over a few, one request after
 * another; and connections opened while the server computes are accepted one per turn of its
 * event loop): requests sent on them together reach the server together.
 */
const sockets = new Agent({ keepAlive: true, maxSockets: 13 });
afterAll(() => sockets.destroy());

function get(path: string): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { agent: sockets, headers: { cookie: admin.cookie } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const coverageOnOwnSocket = (params: object, code: string | null = '41') =>
  get(`/trpc/analysis.coverage?input=${encodeURIComponent(JSON.stringify({ code, params }))}`);

describe('analysis queue and time limit', () => {
  it('answers 504 with a clear message while an analysis is still computing, and the same request once it is ready', async () => {
    for (let i = 0; ; i++) {
      const res = await coverage({});
      if (res.status === 200) break;
      expect(res.status).toBe(504);
      expect((await trpcResult(res)).message).toMatch(/took longer than the limit of 0.001 s; it goes on in the background/);
      expect(i).toBeLessThan(300);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('refuses a burst beyond the queue at once with 503 and Retry-After, times out the one that waited, then serves again', async () => {
    await Promise.all(Array.from({ length: 13 }, () => get('/trpc/auth.me')));
    // a first analysis with new parameters keeps the server busy for a moment, so the burst
    // arrives while it works and meets the queue all at once
    const first = coverageOnOwnSocket({ workerReachKm: 7.5, enforceCapacity: false }, null);
    await new Promise((r) => setTimeout(r, 20));
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => coverageOnOwnSocket({ workerReachKm: 1 + i / 4 })));
    expect((await first).status).toBe(200);
    const statuses = burst.map((r) => r.status);
    // one runs, one waits (and times out: the limit is 1 ms), ten are refused
    expect(statuses.filter((s) => s === 200).length, String(statuses)).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 503).length, String(statuses)).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((s) => s === 504).length, String(statuses)).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => [200, 503, 504].includes(s)), String(statuses)).toBe(true);
    const busy = burst.find((r) => r.status === 503)!;
    expect(busy.retryAfter).toBe('1');
    expect((JSON.parse(busy.body) as { error: { message: string } }).error.message).toBe('server busy: too many analyses waiting; try again in a moment');
    // recovered: the queue is empty again
    expect((await coverage({ workerReachKm: 1 })).status).toBe(200);
    expect((await coverage({ workerReachKm: 9 })).status).toBe(200);
  });
});

describe('corrupted and truncated requests', () => {
  it('answers a corrupted body with 400, survives a body cut off and a garbage request line, and keeps serving', async () => {
    const bad = await admin.fetch('/trpc/users.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x","password":' });
    expect(bad.status).toBe(400);
    const parsed = await trpcResult(bad);
    expect(parsed.code).toMatch(/PARSE_ERROR|BAD_REQUEST/);
    expect(parsed.message).toBe('Unexpected end of JSON input');
    const { port } = new URL(server.url);
    // announces 10,000 bytes, sends 20, hangs up
    await new Promise<void>((resolve) => {
      const s = connect(Number(port), '127.0.0.1', () => {
        s.write(`POST /trpc/users.create HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncookie: ${admin.cookie}\r\nx-csrf-token: ${admin.cookie.match(/csrf=([^;]+)/)![1]}\r\ncontent-type: application/json\r\ncontent-length: 10000\r\n\r\n{"name":"half","pass`);
        setTimeout(() => s.destroy(), 100);
      });
      s.on('close', () => resolve());
      s.on('error', () => undefined);
    });
    const garbage = await new Promise<string>((resolve) => {
      const s = connect(Number(port), '127.0.0.1', () => s.write('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      s.on('data', (d) => (text += d));
      s.on('close', () => resolve(text));
      s.on('error', () => resolve(text));
    });
    expect(garbage).toMatch(/^HTTP\/1.1 400/);
    expect((await admin.query('auth.me')).status).toBe(200);
    expect(((await trpcResult<{ name: string }[]>(await admin.query('users.list'))).data ?? []).map((u) => u.name)).not.toContain('half');
  });
});

describe('kill -9 during writes', () => {
  it('restarts clean: the database opens, passes integrity_check, and holds every acknowledged user, session, scenario and audit row', async () => {
    const created: string[] = [];
    const sessions: HttpSession[] = [];
    const scenarios: number[] = [];
    let toggles = 0;
    let stop = false;
    const victim = (await trpcResult<{ id: number }>(await admin.mutation('users.create', { name: 'victim', password: 'victim password', role: 'viewer' }))).data!;
    // a finished planning run to save as scenarios during the burst
    const job = (await trpcResult<{ id: string }>(await admin.mutation('planning.start', { unit: '140105', target: { kind: 'workers', perPhase: [3] } }))).data!.id;
    for (let i = 0; ; i++) {
      const status = await trpcResult<{ progress: { state: string } }>(await admin.query('planning.status', { id: job }));
      if (status.data?.progress.state === 'done') break;
      expect(status.data?.progress.state, JSON.stringify(status)).toBe('running');
      expect(i).toBeLessThan(600);
      await new Promise((r) => setTimeout(r, 50));
    }
    const loop = async (step: () => Promise<void>) => {
      while (!stop) await step().catch(() => (stop = true));
    };
    const createUsers = loop(async () => {
      const name = `u${created.length}-${Date.now()}`;
      const res = await admin.mutation('users.create', { name, password: 'burst password', role: 'viewer' });
      if (res.status === 200) created.push(name);
    });
    const signIns = loop(async () => {
      const s = await new HttpSession(server.url).signIn('victim', 'victim password');
      sessions.push(s);
    });
    const flips = loop(async () => {
      const res = await admin.mutation('users.setRole', { id: victim.id, role: toggles % 2 ? 'viewer' : 'planner' });
      if (res.status === 200) toggles++;
    });
    const saves = loop(async () => {
      const res = await admin.mutation('scenarios.save', { job, name: `plan ${scenarios.length}` });
      if (res.status === 200) scenarios.push((await trpcResult<{ id: number }>(res)).data!.id);
    });
    await new Promise((r) => setTimeout(r, 2000));
    server.process.kill('SIGKILL');
    stop = true;
    await Promise.all([createUsers, signIns, flips, saves]);
    expect(scenarios.length).toBeGreaterThan(10);
    console.log(`acknowledged before the kill: ${created.length} users, ${sessions.length} sessions, ${toggles} role changes, ${scenarios.length} scenarios`);
    // each sign-in and new user costs a scrypt hash, so there are fewer of those
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(toggles).toBeGreaterThan(10);

    server = await startServer(ENV);
    const db = new Database(join(dataDir, 'coverage.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const names = new Set((db.prepare('SELECT name FROM app_user').all() as { name: string }[]).map((r) => r.name));
      expect(created.filter((n) => !names.has(n))).toEqual([]);
      const audited = new Set(
        (db.prepare(`SELECT input FROM audit_log WHERE path = 'users.create' AND ok = 1`).all() as { input: string }[]).map((r) => (JSON.parse(r.input) as { name: string }).name),
      );
      expect(created.filter((n) => !audited.has(n))).toEqual([]);
      const roleChanges = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE path = 'users.setRole' AND ok = 1`).get() as { n: number }).n;
      expect(roleChanges).toBeGreaterThanOrEqual(toggles);
      expect(db.prepare('SELECT role FROM app_user WHERE id = ?').get(victim.id)).toEqual({ role: toggles % 2 ? 'planner' : 'viewer' });
      const saved = new Set((db.prepare('SELECT id FROM scenario').all() as { id: number }[]).map((r) => r.id));
      expect(scenarios.filter((id) => !saved.has(id))).toEqual([]);
    } finally {
      db.close();
    }
    // every session acknowledged before the kill still signs its user in, as does the admin's
    for (const s of [admin, ...sessions]) {
      const again = new HttpSession(server.url);
      again.cookie = s.cookie;
      expect((await trpcResult<{ user: { name: string } | null }>(await again.query('auth.me'))).data?.user?.name).toMatch(/^(root|victim)$/);
    }
  });
});

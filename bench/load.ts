/**
 * Many signed-in users calling the main analysis procedures at once, against the real server
 * process in accounts mode (session lookup, role check, rate limits per user and per address,
 * the analysis queue), over loopback with autocannon. Baseline: the same requests to the same
 * server in local mode with the rate limits off, so no session is looked up and no bucket kept.
 *
 * Two passes each: paced (every user at a steady rate below the per-user limit: what must pass
 * with zero errors under the default limits) and flat out (as fast as the server answers; the
 * per-user limit raised so it does not cut the run short). Bounded: 50 users, 10 s per run.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../server/auth/password.ts';
import { openDb } from '../server/store/db.ts';
import { ensureDataset } from '../server/store/seed_default.ts';
import { insertUser } from '../server/store/users.ts';
import { startServer, type RunningServer } from '../test/helpers/server_process.ts';
import { HttpSession } from '../test/helpers/http_session.ts';
import { report } from './report.ts';

const USERS = 50;
const SECONDS = 10;
/**
 * Requests per second per user in the paced pass: a planner's page asks for about a dozen things
 * when the view changes, every few seconds at most, so 5 a second each is a busy office; the
 * default per-user limit is 30 a second with bursts of 150.
 */
const PACED_RATE = 5;
const PASSWORD = 'load test password';

/** The mix a page of the dashboard asks for: coverage, figures, charts, gap lists, a village card. */
const input = (x: unknown) => encodeURIComponent(JSON.stringify(x));
const PATHS = [
  `/trpc/analysis.coverage?input=${input({ code: null })}`,
  `/trpc/analysis.coverage?input=${input({ code: '51' })}`,
  `/trpc/analysis.coverage?input=${input({ code: '5101' })}`,
  `/trpc/units.summary?input=${input({ code: '41' })}`,
  `/trpc/units.children?input=${input({ code: '53' })}`,
  `/trpc/units.growth?input=${input({ code: '14' })}`,
  `/trpc/analysis.distanceHistogram?input=${input({ code: '5101', type: 'school' })}`,
  `/trpc/analysis.distanceHistogram?input=${input({ code: '65', type: 'health' })}`,
  `/trpc/analysis.gaps?input=${input({ code: '4101', pageSize: 20 })}`,
  `/trpc/analysis.village?input=${input({ code: '510112001001' })}`,
  `/trpc/analysis.workers?input=${input({ code: '140105', pageSize: 20 })}`,
  `/trpc/analysis.coverage?input=${input({ code: '650102' })}`,
];

const dataDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
{
  const db = openDb(dataDir);
  ensureDataset(db);
  const hash = await hashPassword(PASSWORD); // one hash for all: creating 50 would only time scrypt
  for (let i = 0; i < USERS; i++) insertUser(db, { name: `planner${i}`, role: 'planner', passwordHash: hash });
  db.close();
}

/** Waits until the server has analysed the dataset, so runs measure answering, not the first analysis. */
async function warm(server: RunningServer, session: HttpSession) {
  for (let i = 0; i < 600; i++) {
    if ((await session.fetch(PATHS[0])).status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${server.url} never answered`);
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
}

async function load(url: string, cookies: string[], rate?: number): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: USERS,
    duration: SECONDS,
    connectionRate: rate,
    // each connection takes the next user's session for a pass through the list
    requests: PATHS.map((path) => ({
      method: 'GET' as const,
      path,
      setupRequest: (req: autocannon.Request, context: object): autocannon.Request => {
        const c = context as { cookie?: string };
        c.cookie ??= cookies.length ? cookies[next++ % cookies.length] : '';
        return { ...req, headers: { ...req.headers, cookie: c.cookie } };
      },
    })),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function project(env: Record<string, string>) {
  const server = await startServer({ DATA_DIR: dataDir, AUTH_MODE: 'accounts', LIMIT_ADDRESS_PER_S: '1000000', LIMIT_ADDRESS_BURST: '1000000', ...env });
  const sessions = [];
  for (let i = 0; i < USERS; i++) sessions.push(await new HttpSession(server.url).signIn(`planner${i}`, PASSWORD));
  await warm(server, sessions[0]);
  return { server, cookies: sessions.map((s) => s.cookie) };
}

async function baseline() {
  const server = await startServer({ DATA_DIR: dataDir, AUTH_MODE: 'local', LIMIT_USER_PER_S: '0', LIMIT_ADDRESS_PER_S: '0' });
  await warm(server, new HttpSession(server.url));
  return { server, cookies: [] };
}

const runs: Record<string, Run> = {};
for (const [name, start, rate] of [
  ['paced', () => project({}), PACED_RATE],
  ['paced baseline', baseline, PACED_RATE],
  ['flat out', () => project({ LIMIT_USER_PER_S: '1000000', LIMIT_USER_BURST: '1000000' }), undefined],
  ['flat out baseline', baseline, undefined],
] as const) {
  const { server, cookies } = await start();
  try {
    runs[name] = await load(server.url, cookies, rate);
  } finally {
    await server.stop();
  }
  console.log(name, runs[name]);
}
rmSync(dataDir, { recursive: true, force: true });

const fmt = (r: Run) => `p50 ${r.p50} ms, p99 ${r.p99} ms, ${Math.round(r.rps)} req/s, ${r.errors} errors of ${r.requests}`;
const ratio = (a: Run, b: Run) => `p50 ${(a.p50 / Math.max(b.p50, 0.5)).toFixed(2)}x, p99 ${(a.p99 / Math.max(b.p99, 0.5)).toFixed(2)}x, throughput ${(a.rps / b.rps).toFixed(2)}x`;
report('load', [
  [`paced: ${USERS} planners signed in, ${PACED_RATE} req/s each, ${SECONDS} s, default limits`, fmt(runs.paced)],
  ['paced baseline: same requests, local mode, rate limits off', fmt(runs['paced baseline'])],
  ['paced: accounts and limits / baseline', ratio(runs.paced, runs['paced baseline'])],
  [`flat out: ${USERS} planners, as fast as answered, ${SECONDS} s`, fmt(runs['flat out'])],
  ['flat out baseline: same requests, local mode, rate limits off', fmt(runs['flat out baseline'])],
  ['flat out: accounts and limits / baseline', ratio(runs['flat out'], runs['flat out baseline'])],
]);
const failed = runs.paced.errors + runs['flat out'].errors;
if (failed) console.error(`${failed} errors under load`);
process.exit(failed ? 1 : 0);

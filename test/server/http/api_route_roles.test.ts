import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { ROLES, roleAtLeast, type Role } from '../../../server/domain/user.ts';
import { API_ROUTES } from '../../../server/http/api_routes.ts';
import { openDb, type Db } from '../../../server/store/db.ts';
import { insertUser } from '../../../server/store/users.ts';
import { listAudit } from '../../../server/store/audit.ts';
import { HttpSession } from '../../helpers/http_session.ts';
import { serve } from './serve.ts';

/**
 * The role matrix of the /api routes: every route in the table, requested by nobody, a viewer,
 * a planner and an admin over HTTP. The role check comes before anything else, so a caller
 * without the role gets 401 or 403 and one with it anything else (here 404: no dataset loaded).
 */
const EXPECTED: Record<string, { role: Role; example: string }> = {
  [/^\/api\/layers\/villages\.arrow$/.source]: { role: 'planner', example: '/api/layers/villages.arrow' },
  [/^\/api\/layers\/analysis\.arrow$/.source]: { role: 'planner', example: '/api/layers/analysis.arrow' },
  [/^\/api\/layers\/services\.arrow$/.source]: { role: 'planner', example: '/api/layers/services.arrow' },
  [/^\/api\/layers\/workers\.arrow$/.source]: { role: 'planner', example: '/api/layers/workers.arrow' },
  [/^\/api\/exports\/gaps\.csv$/.source]: { role: 'planner', example: '/api/exports/gaps.csv' },
  [/^\/api\/boundaries\/([a-z]+)\.geojson$/.source]: { role: 'viewer', example: '/api/boundaries/provinces.geojson' },
  // planning and import (issues 6 and 7)
  [/^\/api\/exports\/scenarios\/(\d+)\.(csv|geojson)$/.source]: { role: 'planner', example: '/api/exports/scenarios/1.geojson' },
  [/^\/api\/exports\/dataset\.zip$/.source]: { role: 'planner', example: '/api/exports/dataset.zip' },
  [/^\/api\/imports\/upload$/.source]: { role: 'planner', example: '/api/imports/upload' },
  [/^\/api\/imports\/([0-9a-f-]{36})\/errors\.csv$/.source]: { role: 'planner', example: '/api/imports/00000000-0000-0000-0000-000000000000/errors.csv' },
};
const BY_PREFIX: [string, Role][] = [
  ['/api/imports', 'planner'],
  ['/api/exports/scenarios', 'planner'],
];

/** A URL for a route not listed above, from a plain pattern (literal path, maybe a ([a-z0-9]+) part). */
function exampleOf(path: RegExp): string {
  const url = path.source
    .replace(/^\^|\$$/g, '')
    .replace(/\([^)]*\)\??/g, 'x1')
    .replace(/\\(.)/g, '$1');
  if (!path.test(url)) throw new Error(`give ${path} an example in EXPECTED`);
  return url;
}

let db: Db;
let app: Awaited<ReturnType<typeof serve>>;
const sessions = new Map<string, HttpSession>();
beforeAll(async () => {
  db = openDb(':memory:');
  app = await serve(db, { authMode: 'accounts' });
  sessions.set('nobody', new HttpSession(app.base));
  for (const role of ROLES) {
    insertUser(db, { name: `r-${role}`, role, passwordHash: await hashPassword(`${role} password`) });
    sessions.set(role, await new HttpSession(app.base).signIn(`r-${role}`, `${role} password`));
  }
});
afterAll(() => app?.close());

describe('/api role matrix', () => {
  it('every route has the role the issue gives it: boundaries for viewers, everything village-level for planners', () => {
    for (const r of API_ROUTES) {
      const want = EXPECTED[r.path.source]?.role ?? BY_PREFIX.find(([p]) => r.path.source.startsWith(`^${p.replaceAll('/', '\\/')}`))?.[1];
      expect(want, `${r.path}: a new route; add it to EXPECTED`).toBeDefined();
      expect(r.role, String(r.path)).toBe(want);
    }
  });

  it.each(['nobody', ...ROLES])('%s gets through exactly the routes its role allows', async (who) => {
    const s = sessions.get(who)!;
    const wrong: string[] = [];
    for (const r of API_ROUTES) {
      const url = EXPECTED[r.path.source]?.example ?? exampleOf(r.path);
      const res = await s.fetch(url, { method: r.method ?? 'GET' });
      const expected = who === 'nobody' ? 401 : roleAtLeast(who as Role, r.role) ? 'allowed' : 403;
      const got = res.status === 401 || res.status === 403 ? res.status : 'allowed';
      if (got !== expected) wrong.push(`${r.method ?? 'GET'} ${url}: expected ${expected}, got ${res.status} ${await res.text()}`);
    }
    expect(wrong).toEqual([]);
  });

  it('says why it refuses', async () => {
    const res = await sessions.get('viewer')!.fetch('/api/layers/villages.arrow');
    expect(await res.text()).toBe('/api/layers/villages.arrow needs the planner role; r-viewer is viewer');
    expect(await (await sessions.get('nobody')!.fetch('/api/exports/gaps.csv')).text()).toBe('sign in to use /api/exports/gaps.csv');
  });

  it('audits a state-changing /api request with who and what, whatever its outcome', async () => {
    const res = await sessions.get('planner')!.fetch('/api/layers/villages.arrow?dataset=1', { method: 'POST' });
    expect(res.status).toBe(405);
    await new Promise((r) => setTimeout(r, 50));
    const [row] = listAudit(db, { path: 'POST ', page: 0, pageSize: 1 }).rows;
    expect(row).toMatchObject({ userName: 'r-planner', path: 'POST /api/layers/villages.arrow', input: 'dataset=1', ok: false, error: 'HTTP 405' });
  });
});

import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSecurityConfig } from '../../../server/auth/config.ts';
import { ROLES, roleAtLeast, type Role, type SessionUser } from '../../../server/domain/user.ts';
import { openDb, type Db } from '../../../server/store/db.ts';
import { createAppContext, createServices, type AppServices } from '../../../server/trpc/context.ts';
import { appRouter } from '../../../server/trpc/routers/_app.ts';
import { createCallerFactory, PUBLIC_PROCEDURES, publicProcedure, router, type ProcedureMeta } from '../../../server/trpc/trpc.ts';

/**
 * Every procedure of the router, enumerated (so a new one is checked the moment it exists),
 * called by nobody, a viewer, a planner and an admin: each must get through exactly where its
 * declared role allows. Calls are made with no input on an empty database: the role check comes
 * before input validation, so a caller without the role gets FORBIDDEN (or UNAUTHORIZED) and one
 * with it gets anything else (mostly BAD_REQUEST or NOT_FOUND), with nothing changed.
 */
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta; type: string } }>;
const paths = Object.keys(procedures).sort();

/** What the issue says each procedure needs; areas that are added later by prefix. */
const EXPECTED: Record<string, Role | 'public'> = {
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'public',
  'snapshots.view': 'public',
  'auth.changePassword': 'viewer',
  'datasets.list': 'viewer',
  'units.path': 'viewer',
  'reach.summary': 'viewer',
  // exact figures, small counts included: planners (viewers get reach.summary)
  'units.summary': 'planner',
  'units.children': 'planner',
  'units.growth': 'planner',
  'analysis.coverage': 'planner',
  'analysis.distanceHistogram': 'planner',
  'villages.byCode': 'planner',
  'units.search': 'planner',
  'analysis.gaps': 'planner',
  'analysis.village': 'planner',
  'analysis.services': 'planner',
  'analysis.workers': 'planner',
  'analysis.catchments': 'planner',
  'users.list': 'admin',
  'users.create': 'admin',
  'users.setRole': 'admin',
  'users.setDisabled': 'admin',
  'users.resetPassword': 'admin',
  'audit.list': 'admin',
};
const BY_PREFIX: [string, Role][] = [
  ['planning.', 'planner'],
  ['scenarios.', 'planner'],
  ['imports.', 'planner'],
  ['users.', 'admin'],
  ['audit.', 'admin'],
  ['quality.', 'planner'],
  ['snapshots.', 'planner'],
];
const expectedRole = (path: string) => EXPECTED[path] ?? BY_PREFIX.find(([p]) => path.startsWith(p))?.[1];

const CALLERS: [string, SessionUser | null][] = [
  ['nobody', null],
  ...ROLES.map((role, i): [string, SessionUser] => [role, { id: 1000 + i, name: `matrix-${role}`, role }]),
];

let db: Db;
let services: AppServices;
beforeAll(() => {
  db = openDb(':memory:');
  services = createServices(db, defaultSecurityConfig({ authMode: 'accounts' }));
});

/** Calls a procedure by its path with no input; resolves to the TRPCError code, or 'ok'. */
async function call(path: string, user: SessionUser | null): Promise<string> {
  const caller = createCallerFactory(appRouter)(createAppContext(db, user, services));
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
  try {
    await fn(undefined);
    return 'ok';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe('role matrix', () => {
  it('finds the procedures of every router', () => {
    expect(paths.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
    for (const p of Object.keys(EXPECTED)) expect(paths, p).toContain(p);
  });

  it('every procedure declares a role, or is on the short public list', () => {
    const undeclared = paths.filter((p) => !procedures[p]._def.meta?.role && !PUBLIC_PROCEDURES.includes(p));
    expect(undeclared).toEqual([]);
    expect([...PUBLIC_PROCEDURES].sort()).toEqual(['auth.login', 'auth.logout', 'auth.me', 'snapshots.view']);
  });

  it('every procedure carries the role the issue gives it (planning and import: planner; users and audit: admin)', () => {
    for (const p of paths) {
      const want = expectedRole(p);
      const has = procedures[p]._def.meta?.role ?? 'public';
      if (want) expect(has, p).toBe(want);
      else expect(has, `${p}: a new area; add it to EXPECTED or BY_PREFIX`).not.toBe('public');
    }
  });

  it.each(CALLERS)('%s gets through exactly the procedures its role allows', async (_label, user) => {
    const wrong: string[] = [];
    for (const p of paths) {
      const required = procedures[p]._def.meta?.role;
      const code = await call(p, user);
      const expected = !required ? 'allowed' : !user ? 'UNAUTHORIZED' : roleAtLeast(user.role, required) ? 'allowed' : 'FORBIDDEN';
      const got = code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? code : 'allowed';
      if (got !== expected) wrong.push(`${p}: expected ${expected}, got ${code}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a viewer calling any planner or admin procedure gets FORBIDDEN', async () => {
    const viewer = CALLERS.find(([l]) => l === 'viewer')![1];
    const above = paths.filter((p) => ['planner', 'admin'].includes(procedures[p]._def.meta?.role ?? ''));
    expect(above.length).toBeGreaterThan(10);
    for (const p of above) expect(await call(p, viewer), p).toBe('FORBIDDEN');
  });

  it('refuses at run time a procedure built on publicProcedure that is not on the public list', async () => {
    const sneaky = router({ sneaky: router({ read: publicProcedure.query(() => 'village positions') }) });
    const caller = createCallerFactory(sneaky)(createAppContext(db, { id: 1, name: 'a', role: 'admin' }, services));
    await expect(caller.sneaky.read()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'sneaky.read declares no role' });
  });
});

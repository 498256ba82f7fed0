import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSecurityConfig } from '../../../server/auth/config.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { hashToken } from '../../../server/auth/tokens.ts';
import { LOCAL_USER, type SessionUser } from '../../../server/domain/user.ts';
import { openDb, type Db } from '../../../server/store/db.ts';
import { sessionUser } from '../../../server/store/sessions.ts';
import { insertUser, sessionUserOf } from '../../../server/store/users.ts';
import { createCallerFactory } from '../../../server/trpc/trpc.ts';
import { appRouter } from '../../../server/trpc/routers/_app.ts';
import { createServices, requestContext, type AppServices } from '../../../server/trpc/context.ts';
import { errorCode } from './caller.ts';

/** auth.*, users.* and audit.list through the real router, in accounts mode, on an in-memory database. */
let db: Db;
let services: AppServices;
let admin: SessionUser;
const PASSWORD = 'admin password 1';

/** A caller as `user` from `address`, recording the cookies and headers the procedures set. */
function as(user: SessionUser | null, address = '10.0.0.1', sessionHash: string | null = null) {
  const cookies: string[] = [];
  const headers: Record<string, string> = {};
  const http = { address, setCookie: (c: string) => cookies.push(c), setHeader: (k: string, v: string) => (headers[k] = v) };
  const caller = createCallerFactory(appRouter)(requestContext(services, { user, sessionHash, address }, http));
  return { caller, cookies, headers };
}

beforeAll(async () => {
  db = openDb(':memory:');
  services = createServices(db, defaultSecurityConfig({ authMode: 'accounts' }));
  admin = sessionUserOf(insertUser(db, { name: 'Alice', role: 'admin', passwordHash: await hashPassword(PASSWORD) }));
});
beforeEach(() => {
  services.loginFailures.byName.clear(`alice\n10.0.0.1`);
});

describe('auth.login and auth.logout', () => {
  it('signs in with the right password (any case of the name): an httpOnly Lax cookie whose token the database keeps only hashed', async () => {
    const { caller, cookies } = as(null);
    const { user } = await caller.auth.login({ name: 'alice', password: PASSWORD });
    expect(user).toEqual({ id: admin.id, name: 'Alice', role: 'admin' });
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^session=[\w-]{43}; Path=\/; SameSite=Lax; HttpOnly; Max-Age=604800$/);
    const token = cookies[0].slice('session='.length, cookies[0].indexOf(';'));
    const stored = db.prepare('SELECT token_hash FROM session').all() as { token_hash: string }[];
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(token));
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(sessionUser(db, hashToken(token))?.user).toEqual(user);
  });

  it('refuses a wrong password or unknown name alike, and says nothing about which', async () => {
    const wrong = await as(null).caller.auth.login({ name: 'Alice', password: 'nope nope nope' }).catch((e: unknown) => e);
    const unknown = await as(null).caller.auth.login({ name: 'Nobody', password: 'nope nope nope' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong name or password, or the account is disabled' });
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED', message: 'wrong name or password, or the account is disabled' });
  });

  it('after 5 failures for a name from an address, refuses even the right password there for 15 minutes, not elsewhere', async () => {
    for (let i = 0; i < 5; i++) expect(await errorCode(as(null).caller.auth.login({ name: 'Alice', password: `wrong ${i} password` }))).toBe('UNAUTHORIZED');
    const blocked = as(null);
    await expect(blocked.caller.auth.login({ name: 'Alice', password: PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'too many failed sign-ins: try again in 15 min',
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    await expect(as(null, '10.0.0.2').caller.auth.login({ name: 'Alice', password: PASSWORD })).resolves.toBeTruthy();
  });

  it('ends the session on logout and clears the cookie', async () => {
    const login = as(null);
    await login.caller.auth.login({ name: 'Alice', password: PASSWORD });
    const hash = hashToken(login.cookies[0].slice('session='.length, login.cookies[0].indexOf(';')));
    const out = as(admin, '10.0.0.1', hash);
    await out.caller.auth.logout();
    expect(out.cookies[0]).toMatch(/^session=; .*Max-Age=0/);
    expect(sessionUser(db, hash)).toBeNull();
  });

  it('has no accounts in local mode: me is the local planner, login is refused', async () => {
    const local = createServices(db, defaultSecurityConfig({ authMode: 'local' }));
    const caller = createCallerFactory(appRouter)(requestContext(local, { user: LOCAL_USER, sessionHash: null, address: '127.0.0.1' }, null));
    expect(await caller.auth.me()).toEqual({ mode: 'local', user: { id: 0, name: 'local', role: 'planner' } });
    expect(await errorCode(caller.auth.login({ name: 'Alice', password: PASSWORD }))).toBe('PRECONDITION_FAILED');
    expect(await as(null).caller.auth.me()).toEqual({ mode: 'accounts', user: null });
  });
});

describe('users.* (admin)', () => {
  it('adds users with unique names regardless of case, and lists them without password hashes', async () => {
    const { caller } = as(admin);
    const bob = await caller.users.create({ name: 'bob', password: 'bob password 1', role: 'viewer' });
    expect(bob).toMatchObject({ name: 'bob', role: 'viewer', disabled: false, lastLoginAt: null });
    expect(await errorCode(caller.users.create({ name: 'BOB', password: 'another password', role: 'planner' }))).toBe('CONFLICT');
    expect(await errorCode(caller.users.create({ name: 'carol', password: 'short', role: 'planner' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.users.create({ name: 'has space', password: 'long enough pw', role: 'planner' }))).toBe('BAD_REQUEST');
    const list = await caller.users.list();
    expect(list.map((u) => u.name)).toEqual(['Alice', 'bob']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt/);
  });

  it('never leaves the system without an active admin', async () => {
    const { caller } = as(admin);
    expect(await errorCode(caller.users.setRole({ id: admin.id, role: 'planner' }))).toBe('CONFLICT');
    expect(await errorCode(caller.users.setDisabled({ id: admin.id, disabled: true }))).toBe('CONFLICT');
    const second = await caller.users.create({ name: 'dora', password: 'dora password', role: 'admin' });
    await caller.users.setRole({ id: second.id, role: 'planner' });
    const zed = await caller.users.create({ name: 'zed', password: 'zed password 1', role: 'admin' });
    await caller.users.setDisabled({ id: zed.id, disabled: true });
    // a disabled admin does not count
    expect(await errorCode(caller.users.setRole({ id: admin.id, role: 'viewer' }))).toBe('CONFLICT');
    expect(await errorCode(caller.users.setRole({ id: 99999, role: 'viewer' }))).toBe('NOT_FOUND');
  });

  it('disabling a user or resetting their password signs them out everywhere; a disabled user cannot sign in', async () => {
    const { caller } = as(admin);
    const erin = await caller.users.create({ name: 'erin', password: 'erin password', role: 'planner' });
    const session = as(null, '10.0.0.9');
    await session.caller.auth.login({ name: 'erin', password: 'erin password' });
    const hash = hashToken(session.cookies[0].slice('session='.length, session.cookies[0].indexOf(';')));
    expect(sessionUser(db, hash)).not.toBeNull();
    await caller.users.resetPassword({ id: erin.id, password: 'erin new password' });
    expect(sessionUser(db, hash)).toBeNull();
    expect(await errorCode(as(null, '10.0.0.9').caller.auth.login({ name: 'erin', password: 'erin password' }))).toBe('UNAUTHORIZED');
    await as(null, '10.0.0.9').caller.auth.login({ name: 'erin', password: 'erin new password' });
    await caller.users.setDisabled({ id: erin.id, disabled: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM session WHERE user_id = ?').get(erin.id) as { n: number }).n).toBe(0);
    expect(await errorCode(as(null, '10.0.0.9').caller.auth.login({ name: 'erin', password: 'erin new password' }))).toBe('UNAUTHORIZED');
  });

  it('lets a user change their own password with the current one', async () => {
    const { caller } = as(admin);
    const finn = sessionUserOf(await caller.users.create({ name: 'finn', password: 'finn password', role: 'viewer' }));
    expect(await errorCode(as(finn).caller.auth.changePassword({ current: 'not it at all', password: 'finn password 2' }))).toBe('BAD_REQUEST');
    await as(finn).caller.auth.changePassword({ current: 'finn password', password: 'finn password 2' });
    await expect(as(null, '10.0.0.7').caller.auth.login({ name: 'finn', password: 'finn password 2' })).resolves.toBeTruthy();
  });
});

describe('audit log', () => {
  it('records every mutation: who, what, input with passwords redacted, outcome, before and after; refused attempts too', async () => {
    const { caller } = as(admin);
    const gus = await caller.users.create({ name: 'gus', password: 'gus secret password', role: 'viewer' });
    await caller.users.setRole({ id: gus.id, role: 'planner' });
    const planner = { id: gus.id, name: 'gus', role: 'planner' } as const;
    expect(await errorCode(as(planner).caller.users.setRole({ id: gus.id, role: 'admin' }))).toBe('FORBIDDEN');

    const { rows } = await caller.audit.list({ pageSize: 3 });
    const [refused, setRole, create] = rows;
    expect(create).toMatchObject({ userName: 'Alice', userId: admin.id, path: 'users.create', ok: true, error: null });
    expect(JSON.parse(create.input!)).toEqual({ name: 'gus', password: '[redacted]', role: 'viewer' });
    expect(JSON.parse(create.after!)).toMatchObject({ name: 'gus', role: 'viewer' });
    expect(setRole).toMatchObject({ path: 'users.setRole', ok: true });
    expect(JSON.parse(setRole.before!)).toEqual({ name: 'gus', role: 'viewer' });
    expect(JSON.parse(setRole.after!)).toEqual({ name: 'gus', role: 'planner' });
    expect(refused).toMatchObject({ userName: 'gus', path: 'users.setRole', ok: false });
    expect(refused.error).toMatch(/^FORBIDDEN: users.setRole needs the admin role/);
    expect(Date.now() - Date.parse(create.at)).toBeLessThan(60_000);
    // no password anywhere in the log
    const all = await caller.audit.list({ pageSize: 200 });
    expect(JSON.stringify(all.rows)).not.toMatch(/secret password|admin password|erin password/);
  });

  it('records sign-ins under the name that signed in, and failed ones as attempts', async () => {
    const { rows } = await as(admin).caller.audit.list({ path: 'auth.login', pageSize: 200 });
    expect(rows.some((r) => r.ok && r.userName === 'Alice')).toBe(true);
    expect(rows.some((r) => !r.ok && r.userName === '' && JSON.parse(r.input!).name === 'Nobody')).toBe(true);
  });

  it('filters by user and by path or its beginning, and pages newest first', async () => {
    const { caller } = as(admin);
    const byUser = await caller.audit.list({ user: 'gus' });
    expect(byUser.rows.every((r) => r.userName === 'gus')).toBe(true);
    expect(byUser.total).toBe(byUser.rows.length);
    const users = await caller.audit.list({ path: 'users.', pageSize: 200 });
    expect(users.rows.length).toBeGreaterThan(5);
    expect(users.rows.every((r) => r.path.startsWith('users.'))).toBe(true);
    expect(await caller.audit.list({ path: 'users%' })).toMatchObject({ total: 0 }); // a LIKE wildcard is a plain character
    const page0 = await caller.audit.list({ pageSize: 2 });
    const page1 = await caller.audit.list({ pageSize: 2, page: 1 });
    expect(page0.rows[1].id).toBeGreaterThan(page1.rows[0].id);
    expect(page0.total).toBe(page1.total);
  });
});

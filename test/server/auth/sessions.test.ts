import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSecurityConfig } from '../../../server/auth/config.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { identify, startSession } from '../../../server/auth/sessions.ts';
import { openDb } from '../../../server/store/db.ts';
import { insertUser } from '../../../server/store/users.ts';
import { HttpSession, trpcResult } from '../../helpers/http_session.ts';
import { serve } from '../http/serve.ts';
import type { IncomingMessage } from 'node:http';

const dir = mkdtempSync(join(tmpdir(), 'coverage-sessions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = defaultSecurityConfig({ authMode: 'accounts', sessionDays: 7 });
const DAY = 86_400_000;
const requestWith = (cookie: string) => ({ headers: { cookie }, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('sessions', () => {
  it('survive a restart of the server on the same data directory', async () => {
    let db = openDb(dir);
    insertUser(db, { name: 'pat', role: 'planner', passwordHash: await hashPassword('pat password') });
    let app = await serve(db, { authMode: 'accounts' });
    const pat = await new HttpSession(app.base).signIn('pat', 'pat password');
    await app.close();
    db.close();

    db = openDb(dir);
    app = await serve(db, { authMode: 'accounts' });
    const again = new HttpSession(app.base);
    again.cookie = pat.cookie;
    expect((await trpcResult(await again.query('auth.me'))).data).toMatchObject({ user: { name: 'pat', role: 'planner' } });
    await app.close();
    db.close();
  });

  it('expire after their lifetime without use, and are extended when used in its second half', () => {
    const db = openDb(':memory:');
    const { id } = insertUser(db, { name: 'quinn', role: 'viewer', passwordHash: 'x' });
    const t0 = 1_700_000_000_000;
    const cookie = startSession(db, config, id, t0).split(';')[0];
    const at = (t: number) => identify(db, config, requestWith(cookie), undefined, t).user?.name ?? null;
    expect(at(t0 + 2 * DAY)).toBe('quinn'); // first half: not extended
    expect(at(t0 + 6 * DAY)).toBe('quinn'); // second half: extended to day 13
    expect(at(t0 + 12 * DAY)).toBe('quinn');
    expect(at(t0 + 20 * DAY)).toBeNull(); // unused for a week
    expect(identify(db, config, requestWith('session=forged-token'), undefined, t0).user).toBeNull();
  });
});

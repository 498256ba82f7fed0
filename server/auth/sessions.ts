import type { IncomingMessage } from 'node:http';
import { LOCAL_USER, type SessionUser } from '../domain/user.ts';
import type { Db } from '../store/db.ts';
import { deleteExpiredSessions, extendSession, insertSession, sessionUser } from '../store/sessions.ts';
import type { SecurityConfig } from './config.ts';
import { CSRF_COOKIE, readCookies, serializeCookie, SESSION_COOKIE } from './cookies.ts';
import { hashToken, newToken } from './tokens.ts';

const DAY_MS = 86_400_000;

/** Who a request is, as the HTTP layer finds out once and hands to tRPC and the /api routes. */
export interface RequestIdentity {
  user: SessionUser | null;
  /** hash of the request's session token, when it has a live one */
  sessionHash: string | null;
  /** the client's address, for per-address limits */
  address: string;
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The request's user: the local planner in local mode; else the user of a live session cookie.
 * A session used in the second half of its life is extended, so an active user stays signed in
 * while the database is written at most a few times a week per session.
 */
export function identify(db: Db, config: SecurityConfig, req: IncomingMessage, cookies = readCookies(req), now = Date.now()): RequestIdentity {
  const address = clientAddress(req, config.trustProxy);
  if (config.authMode === 'local') return { user: LOCAL_USER, sessionHash: null, address };
  const token = cookies.get(SESSION_COOKIE);
  if (!token) return { user: null, sessionHash: null, address };
  const hash = hashToken(token);
  const found = sessionUser(db, hash, now);
  if (!found) return { user: null, sessionHash: null, address };
  const lifetime = config.sessionDays * DAY_MS;
  if (found.expiresAt - now < lifetime / 2) extendSession(db, hash, now + lifetime);
  return { user: found.user, sessionHash: hash, address };
}

/** Starts a session for a user; returns the Set-Cookie value that carries its token. */
export function startSession(db: Db, config: SecurityConfig, userId: number, now = Date.now()): string {
  deleteExpiredSessions(db, now);
  const token = newToken();
  insertSession(db, hashToken(token), userId, now + config.sessionDays * DAY_MS, now);
  return sessionCookie(config, token, Math.round((config.sessionDays * DAY_MS) / 1000));
}

/** httpOnly (scripts cannot read it), SameSite=Lax (sent on links into the app, not on cross-site posts). */
export function sessionCookie(config: SecurityConfig, token: string, maxAge: number): string {
  return serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: config.cookieSecure, maxAge });
}

/** The double-submit CSRF cookie: readable by the page's script, which echoes it in a header. */
export function csrfCookie(config: SecurityConfig): string {
  return serializeCookie(CSRF_COOKIE, newToken(), { httpOnly: false, sameSite: 'Strict', secure: config.cookieSecure });
}

import type { Role, SessionUser } from '../domain/user.ts';
import type { Db } from './db.ts';

/**
 * Sessions by the hash of their token. Stored in SQLite (WAL), so they survive a restart; an
 * expired session is ignored and swept at the next sign-in.
 */
export function insertSession(db: Db, tokenHash: string, userId: number, expiresAt: number, now = Date.now()): void {
  db.prepare('INSERT INTO session (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, now, expiresAt);
}

/** The active user of a live session, with when it expires; null if unknown, expired or the user is disabled. */
export function sessionUser(db: Db, tokenHash: string, now = Date.now()): { user: SessionUser; expiresAt: number } | null {
  const r = db
    .prepare(
      `SELECT u.id, u.name, u.role, s.expires_at AS expiresAt FROM session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
    )
    .get(tokenHash, now) as { id: number; name: string; role: Role; expiresAt: number } | undefined;
  return r ? { user: { id: r.id, name: r.name, role: r.role }, expiresAt: r.expiresAt } : null;
}

export function extendSession(db: Db, tokenHash: string, expiresAt: number): void {
  db.prepare('UPDATE session SET expires_at = ? WHERE token_hash = ?').run(expiresAt, tokenHash);
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.prepare('DELETE FROM session WHERE token_hash = ?').run(tokenHash);
}

/** Ends every session of a user: on disabling them or resetting their password. */
export function deleteUserSessions(db: Db, userId: number): number {
  return db.prepare('DELETE FROM session WHERE user_id = ?').run(userId).changes;
}

export function deleteExpiredSessions(db: Db, now = Date.now()): number {
  return db.prepare('DELETE FROM session WHERE expires_at <= ?').run(now).changes;
}

/** Ends a user's other sessions, keeping the one they are using: after they change their password. */
export function deleteOtherSessions(db: Db, userId: number, keepTokenHash: string | null): number {
  return db.prepare('DELETE FROM session WHERE user_id = ? AND token_hash IS NOT ?').run(userId, keepTokenHash).changes;
}

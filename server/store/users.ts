import type { Role, SessionUser, UserRow } from '../domain/user.ts';
import type { Db } from './db.ts';

interface UserRecord {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}

const toRow = (r: UserRecord): UserRow => ({
  id: r.id,
  name: r.name,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

export class DuplicateUserError extends Error {
  constructor(name: string) {
    super(`a user named ${name} exists already`);
  }
}

export function insertUser(db: Db, user: { name: string; role: Role; passwordHash: string }, at = new Date().toISOString()): UserRow {
  try {
    const id = Number(
      db.prepare('INSERT INTO app_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(user.name, user.role, user.passwordHash, at)
        .lastInsertRowid,
    );
    return getUser(db, id)!;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateUserError(user.name);
    throw err;
  }
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.prepare('SELECT * FROM app_user WHERE id = ?').get(id) as UserRecord | undefined;
  return r ? toRow(r) : null;
}

/** The user and password hash for a login; names compare without case. */
export function findLogin(db: Db, name: string): { user: UserRow; passwordHash: string } | null {
  const r = db.prepare('SELECT * FROM app_user WHERE name = ?').get(name) as UserRecord | undefined;
  return r ? { user: toRow(r), passwordHash: r.password_hash } : null;
}

export function passwordHashOf(db: Db, id: number): string | null {
  return (db.prepare('SELECT password_hash FROM app_user WHERE id = ?').get(id) as { password_hash: string } | undefined)?.password_hash ?? null;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare('SELECT * FROM app_user ORDER BY name').all() as UserRecord[]).map(toRow);
}

export function setUserRole(db: Db, id: number, role: Role): void {
  db.prepare('UPDATE app_user SET role = ? WHERE id = ?').run(role, id);
}

export function setUserDisabled(db: Db, id: number, disabled: boolean): void {
  db.prepare('UPDATE app_user SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
}

export function setPasswordHash(db: Db, id: number, passwordHash: string): void {
  db.prepare('UPDATE app_user SET password_hash = ? WHERE id = ?').run(passwordHash, id);
}

export function recordLogin(db: Db, id: number, at = new Date().toISOString()): void {
  db.prepare('UPDATE app_user SET last_login_at = ? WHERE id = ?').run(at, id);
}

/** Admins who can still sign in: the last one may not be demoted or disabled. */
export function activeAdminCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM app_user WHERE role = 'admin' AND disabled = 0`).get() as { n: number }).n;
}

export const sessionUserOf = (u: UserRow): SessionUser => ({ id: u.id, name: u.name, role: u.role });

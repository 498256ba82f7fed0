import type { AuditEntry } from '../domain/user.ts';
import type { Db } from './db.ts';

/** An audit row as written: its id and time come from the store. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'at'>;

export function insertAudit(db: Db, r: AuditRecord, at = new Date().toISOString()): number {
  return Number(
    db
      .prepare('INSERT INTO audit_log (at, user_id, user_name, path, input, ok, error, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, r.userId, r.userName, r.path, r.input, r.ok ? 1 : 0, r.error, r.before, r.after).lastInsertRowid,
  );
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  user_name: string;
  path: string;
  input: string | null;
  ok: number;
  error: string | null;
  before: string | null;
  after: string | null;
}

/** Newest first; `path` matches a whole path or its beginning (`users.`). */
export function listAudit(db: Db, filter: { user?: string; path?: string; page: number; pageSize: number }): { total: number; rows: AuditEntry[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.user) {
    where.push('user_name = ?');
    args.push(filter.user);
  }
  if (filter.path) {
    // a prefix match with the wildcards of LIKE escaped, so `users.` means exactly that
    where.push(`path LIKE ? ESCAPE '\\'`);
    args.push(filter.path.replace(/[\\%_]/g, (c) => `\\${c}`) + '%');
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...args, filter.pageSize, filter.page * filter.pageSize) as AuditRow[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      path: r.path,
      input: r.input,
      ok: r.ok === 1,
      error: r.error,
      before: r.before,
      after: r.after,
    })),
  };
}

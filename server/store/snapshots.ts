import { randomBytes } from 'node:crypto';
import type { SnapshotPayload } from '../domain/index.ts';
import type { Db } from './db.ts';

export interface SnapshotRow {
  id: number;
  token: string;
  title: { zh: string; en: string };
  datasetId: number;
  scenarioId: number | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Row {
  id: number;
  token: string;
  title_zh: string;
  title_en: string;
  dataset_id: number;
  scenario_id: number | null;
  payload: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

/** 32 random bytes as URL-safe base64: a link nobody can guess. */
export function newSnapshotToken(): string {
  return randomBytes(32).toString('base64url');
}

export function insertSnapshot(db: Db, s: { datasetId: number; scenarioId: number | null; payload: SnapshotPayload; createdBy: string }): SnapshotRow {
  const token = newSnapshotToken();
  const info = db
    .prepare('INSERT INTO snapshot (token, title_zh, title_en, dataset_id, scenario_id, payload, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(token, s.payload.title.zh, s.payload.title.en, s.datasetId, s.scenarioId, JSON.stringify(s.payload), s.createdBy, s.payload.publishedAt);
  return listSnapshots(db).find((r) => r.id === Number(info.lastInsertRowid))!;
}

/** Newest first, revoked ones included (marked). */
export function listSnapshots(db: Db): SnapshotRow[] {
  return (db.prepare('SELECT * FROM snapshot ORDER BY id DESC').all() as Row[]).map(toRow);
}

/** The frozen payload behind a live (not revoked) link, or null. */
export function snapshotPayload(db: Db, token: string): SnapshotPayload | null {
  const row = db.prepare('SELECT payload FROM snapshot WHERE token = ? AND revoked_at IS NULL').get(token) as { payload: string } | undefined;
  return row ? (JSON.parse(row.payload) as SnapshotPayload) : null;
}

/** Whether a token opens a live snapshot (its dataset's boundaries may then be read with it). */
export function liveSnapshotDataset(db: Db, token: string): number | null {
  const row = db.prepare('SELECT dataset_id FROM snapshot WHERE token = ? AND revoked_at IS NULL').get(token) as { dataset_id: number } | undefined;
  return row?.dataset_id ?? null;
}

/** Revokes; returns false when there is no such snapshot or it was already revoked. */
export function revokeSnapshot(db: Db, id: number, now = new Date().toISOString()): boolean {
  return db.prepare('UPDATE snapshot SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes > 0;
}

function toRow(r: Row): SnapshotRow {
  return { id: r.id, token: r.token, title: { zh: r.title_zh, en: r.title_en }, datasetId: r.dataset_id, scenarioId: r.scenario_id, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at };
}

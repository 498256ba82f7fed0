import type { PlanRequest, PlanResult } from '../domain/index.ts';
import type { Db } from './db.ts';

/** A saved plan: the request that produced it, its result, and the villages each site serves (codes, by rank). */
export interface Scenario {
  id: number;
  name: string;
  datasetId: number;
  request: PlanRequest;
  result: PlanResult;
  served: string[][];
  createdAt: string;
  updatedAt: string;
}

export type ScenarioSummary = Omit<Scenario, 'request' | 'result' | 'served'> & {
  method: PlanResult['method'];
  sites: number;
  value: number;
  bound: number;
  gapPercent: number;
  cost: number;
  children: number;
};

interface Row {
  id: number;
  name: string;
  dataset_id: number;
  request: string;
  result: string;
  served: string;
  created_at: string;
  updated_at: string;
}

export function insertScenario(db: Db, s: Pick<Scenario, 'name' | 'datasetId' | 'request' | 'result' | 'served'>, now = new Date().toISOString()): number {
  const info = db
    .prepare('INSERT INTO scenario (name, dataset_id, request, result, served, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(s.name, s.datasetId, JSON.stringify(s.request), JSON.stringify(s.result), JSON.stringify(s.served), now, now);
  return Number(info.lastInsertRowid);
}

export function getScenario(db: Db, id: number): Scenario | null {
  const row = db.prepare('SELECT * FROM scenario WHERE id = ?').get(id) as Row | undefined;
  return row ? toScenario(row) : null;
}

/** Newest first, without the sites (a list shows what each plan reaches, not its villages). */
export function listScenarios(db: Db): ScenarioSummary[] {
  const rows = db.prepare('SELECT * FROM scenario ORDER BY id DESC').all() as Row[];
  return rows.map((row) => {
    const { request: _request, result, served: _served, ...rest } = toScenario(row);
    return {
      ...rest,
      method: result.method,
      sites: result.sites.length,
      value: result.value,
      bound: result.bound,
      gapPercent: result.gapPercent,
      cost: result.cost,
      children: result.served.children,
    };
  });
}

/** Renames; returns the old name, or null when there is no such scenario. */
export function renameScenario(db: Db, id: number, name: string, now = new Date().toISOString()): string | null {
  return db.transaction(() => {
    const old = db.prepare('SELECT name FROM scenario WHERE id = ?').get(id) as { name: string } | undefined;
    if (!old) return null;
    db.prepare('UPDATE scenario SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
    return old.name;
  })();
}

export function deleteScenario(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM scenario WHERE id = ?').run(id).changes > 0;
}

function toScenario(row: Row): Scenario {
  return {
    id: row.id,
    name: row.name,
    datasetId: row.dataset_id,
    request: JSON.parse(row.request) as PlanRequest,
    result: JSON.parse(row.result) as PlanResult,
    served: JSON.parse(row.served) as string[][],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

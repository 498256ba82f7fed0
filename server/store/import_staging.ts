import type { AdminUnit, ServicePoint, Village, Worker } from '../domain/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import { activateDataset } from './datasets.ts';

/**
 * Where an import puts rows while it reads and checks them: TEMP tables of the importing
 * connection. Nothing touches the dataset tables (nor takes the database's write lock) until
 * every row has passed; then `commit` writes the new version in one transaction, copying what
 * the import does not replace from the version it builds on. A failed, cancelled or killed
 * import leaves the current version as it was.
 */
export type StagedTable = 'unit' | 'village' | 'worker' | 'service';

export interface Duplicate {
  row: number;
  key: string;
  firstRow: number;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

const TABLES = `
  CREATE TEMP TABLE stage_unit (row INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, level TEXT NOT NULL, name TEXT NOT NULL, parent_code TEXT);
  CREATE TEMP TABLE stage_village (
    row INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL,
    population INTEGER NOT NULL, children INTEGER NOT NULL, left_behind INTEGER NOT NULL, disabled INTEGER NOT NULL,
    orphaned INTEGER NOT NULL, difficult INTEGER NOT NULL, covered_since INTEGER);
  CREATE TEMP TABLE stage_worker (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, home_village TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL,
    capacity INTEGER NOT NULL, start_year INTEGER NOT NULL);
  CREATE TEMP TABLE stage_roster (worker_row INTEGER NOT NULL, worker_id TEXT NOT NULL, village_code TEXT NOT NULL, position INTEGER NOT NULL);
  CREATE TEMP TABLE stage_service (
    row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, name TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL,
    capacity INTEGER NOT NULL, admin_code TEXT NOT NULL);
  CREATE TEMP TABLE stage_boundary (layer TEXT PRIMARY KEY, geojson TEXT NOT NULL);
  CREATE TEMP TABLE stage_refused_village (code TEXT PRIMARY KEY) WITHOUT ROWID;
`;
const DROP = ['stage_unit', 'stage_village', 'stage_worker', 'stage_roster', 'stage_service', 'stage_boundary', 'stage_refused_village']
  .map((t) => `DROP TABLE IF EXISTS temp.${t};`)
  .join('\n');

/** Rows copied per statement while writing, so progress and cancellation are seen between batches. */
const WRITE_BATCH_ROWS = 10_000;

export interface CommitPlan {
  /** the version the import builds on (null: none, a whole dataset) */
  baseId: number | null;
  /** tables taken from the staging tables instead of the base version */
  staged: Set<StagedTable>;
  /** boundary layers staged; the base's other layers are copied (none for a whole dataset) */
  copyOtherBoundaries: boolean;
  /** for a whole dataset: its manifest; otherwise the base's name and source are kept */
  manifest: { name: string; nameZh: string; source: string; synthetic: boolean } | null;
  note: string;
  createdAt?: string;
}

export interface CommitHooks {
  /** rows of staged tables written so far */
  progress?: (written: number) => void;
  /** checked between batches: true rolls everything back */
  stopped?: () => boolean;
}

export class ImportStaging {
  private readonly insert: Record<StagedTable, Statement<unknown[]>>;
  private readonly insertRoster: Statement<unknown[]>;
  private readonly firstRow: Record<StagedTable, Statement<unknown[]>>;

  constructor(private readonly db: Db) {
    db.exec(DROP);
    db.exec(TABLES);
    this.insert = {
      unit: db.prepare('INSERT OR IGNORE INTO temp.stage_unit VALUES (?, ?, ?, ?, ?)'),
      village: db.prepare('INSERT OR IGNORE INTO temp.stage_village VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      worker: db.prepare('INSERT OR IGNORE INTO temp.stage_worker VALUES (?, ?, ?, ?, ?, ?, ?)'),
      service: db.prepare('INSERT OR IGNORE INTO temp.stage_service VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    };
    this.insertRoster = db.prepare('INSERT INTO temp.stage_roster VALUES (?, ?, ?, ?)');
    this.firstRow = {
      unit: db.prepare('SELECT row FROM temp.stage_unit WHERE code = ?').pluck(),
      village: db.prepare('SELECT row FROM temp.stage_village WHERE code = ?').pluck(),
      worker: db.prepare('SELECT row FROM temp.stage_worker WHERE id = ?').pluck(),
      service: db.prepare('SELECT row FROM temp.stage_service WHERE id = ?').pluck(),
    };
  }

  /** Adds rows in one short transaction (of the TEMP tables only); returns the rows whose key was already staged. */
  private add<T>(table: StagedTable, rows: { row: number; value: T }[], values: (row: number, v: T) => unknown[], key: (v: T) => string, after?: (row: number, v: T) => void): Duplicate[] {
    const dups: Duplicate[] = [];
    const stmt = this.insert[table];
    this.db.transaction(() => {
      for (const { row, value } of rows) {
        if (stmt.run(...values(row, value)).changes === 0) {
          const k = key(value);
          dups.push({ row, key: k, firstRow: (this.firstRow[table].get(k) as number | undefined) ?? row });
        } else after?.(row, value);
      }
    })();
    return dups;
  }

  addUnits(rows: { row: number; value: AdminUnit }[]): Duplicate[] {
    return this.add('unit', rows, (row, u) => [row, u.code, u.level, u.name, u.parentCode], (u) => u.code);
  }

  addVillages(rows: { row: number; value: Village }[]): Duplicate[] {
    return this.add(
      'village',
      rows,
      (row, v) => [row, v.code, v.name, v.lon, v.lat, v.population, v.children, v.leftBehind, v.disabled, v.orphaned, v.difficult, v.coveredSince],
      (v) => v.code,
    );
  }

  addWorkers(rows: { row: number; value: Worker }[]): Duplicate[] {
    return this.add(
      'worker',
      rows,
      (row, w) => [row, w.id, w.homeVillage, w.lon, w.lat, w.capacity, w.startYear],
      (w) => w.id,
      (row, w) => w.roster.forEach((code, i) => this.insertRoster.run(row, w.id, code, i)),
    );
  }

  addServices(rows: { row: number; value: ServicePoint }[]): Duplicate[] {
    return this.add('service', rows, (row, s) => [row, s.id, s.type, s.name, s.lon, s.lat, s.capacity, s.adminCode], (s) => s.id);
  }

  /** Codes of village rows the file has but that were refused: not "dropped", only wrong (their errors say why). */
  noteRefusedVillages(codes: string[]): void {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO temp.stage_refused_village VALUES (?)');
    this.db.transaction(() => codes.forEach((c) => stmt.run(c)))();
  }

  setBoundary(layer: string, geojson: string): void {
    this.db.prepare('INSERT OR REPLACE INTO temp.stage_boundary VALUES (?, ?)').run(layer, geojson);
  }

  count(table: StagedTable): number {
    return this.db.prepare(`SELECT COUNT(*) FROM temp.stage_${table}`).pluck().get() as number;
  }

  /** Whether a staged unit or village has this code. */
  hasStaged(table: 'unit' | 'village', code: string): boolean {
    return this.firstRow[table].get(code) !== undefined;
  }

  /** Staged workers' roster villages that the new version will not have (staged villages, or the base's). */
  missingRosterVillages(baseId: number | null, villagesStaged: boolean, limit: number): { row: number; worker: string; code: string }[] {
    const exists = villagesStaged
      ? 'EXISTS (SELECT 1 FROM temp.stage_village v WHERE v.code = r.village_code)'
      : 'EXISTS (SELECT 1 FROM main.village v WHERE v.dataset_id = @base AND v.code = r.village_code)';
    return this.db
      .prepare(`SELECT r.worker_row AS row, r.worker_id AS worker, r.village_code AS code FROM temp.stage_roster r WHERE NOT ${exists} ORDER BY r.worker_row, r.position LIMIT @limit`)
      .all({ base: baseId ?? -1, limit }) as { row: number; worker: string; code: string }[];
  }

  /** Villages on the base version's rosters that the staged villages drop. */
  droppedRosterVillages(baseId: number, limit: number): { worker: string; code: string }[] {
    return this.db
      .prepare(
        `SELECT wv.worker_id AS worker, wv.village_code AS code FROM main.worker_village wv
         WHERE wv.dataset_id = ? AND NOT EXISTS (SELECT 1 FROM temp.stage_village v WHERE v.code = wv.village_code)
           AND NOT EXISTS (SELECT 1 FROM temp.stage_refused_village r WHERE r.code = wv.village_code)
         ORDER BY wv.worker_id, wv.position LIMIT ?`,
      )
      .all(baseId, limit) as { worker: string; code: string }[];
  }

  /** Service points of the base version that belong to a village the staged villages drop. */
  droppedServiceVillages(baseId: number, limit: number): { service: string; code: string }[] {
    return this.db
      .prepare(
        `SELECT s.id AS service, s.admin_code AS code FROM main.service_point s
         WHERE s.dataset_id = ? AND length(s.admin_code) = 12 AND NOT EXISTS (SELECT 1 FROM temp.stage_village v WHERE v.code = s.admin_code)
           AND NOT EXISTS (SELECT 1 FROM temp.stage_refused_village r WHERE r.code = s.admin_code)
         ORDER BY s.id LIMIT ?`,
      )
      .all(baseId, limit) as { service: string; code: string }[];
  }

  /** Writes the new version in one transaction and makes it current. */
  commit(plan: CommitPlan, hooks: CommitHooks = {}): { datasetId: number; version: number } {
    const db = this.db;
    const { baseId, staged } = plan;
    const createdAt = plan.createdAt ?? new Date().toISOString();
    let written = 0;
    const check = () => {
      if (hooks.stopped?.()) throw new CancelledError();
    };
    const write = db.transaction(() => {
      const version = db.prepare('SELECT COALESCE(MAX(version), 0) + 1 FROM dataset').pluck().get() as number;
      let id: number;
      if (plan.manifest || baseId === null) {
        const m = plan.manifest ?? { name: 'Imported dataset', nameZh: '', source: '', synthetic: false };
        id = Number(
          db
            .prepare('INSERT INTO dataset (name, name_zh, version, created_at, source, synthetic, note, based_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(m.name, m.nameZh, version, createdAt, m.source, m.synthetic ? 1 : 0, plan.note, baseId).lastInsertRowid,
        );
      } else {
        id = Number(
          db
            .prepare(
              `INSERT INTO dataset (name, name_zh, version, created_at, source, synthetic, note, based_on)
               SELECT name, name_zh, ?, ?, source, synthetic, ?, id FROM dataset WHERE id = ?`,
            )
            .run(version, createdAt, plan.note, baseId).lastInsertRowid,
        );
      }
      const p = { id, base: baseId ?? -1 };
      const copyOrStage = (table: StagedTable, stagedSql: string, copySql: string) => {
        if (!staged.has(table)) {
          if (baseId !== null) db.prepare(copySql).run(p);
          return;
        }
        const [lo, hi] = db.prepare(`SELECT MIN(row), MAX(row) FROM temp.stage_${table}`).raw().get() as [number | null, number | null];
        if (lo === null || hi === null) return;
        const stmt = db.prepare(stagedSql);
        for (let from = lo; from <= hi; from += WRITE_BATCH_ROWS) {
          check();
          written += stmt.run({ ...p, from, to: from + WRITE_BATCH_ROWS }).changes;
          hooks.progress?.(written);
        }
      };
      copyOrStage(
        'unit',
        'INSERT INTO admin_unit SELECT @id, code, level, name, parent_code FROM temp.stage_unit WHERE row >= @from AND row < @to ORDER BY row',
        'INSERT INTO admin_unit SELECT @id, code, level, name, parent_code FROM admin_unit WHERE dataset_id = @base',
      );
      copyOrStage(
        'village',
        `INSERT INTO village SELECT @id, code, name, lon, lat, population, children, left_behind, disabled, orphaned, difficult, covered_since
         FROM temp.stage_village WHERE row >= @from AND row < @to ORDER BY row`,
        `INSERT INTO village SELECT @id, code, name, lon, lat, population, children, left_behind, disabled, orphaned, difficult, covered_since
         FROM village WHERE dataset_id = @base`,
      );
      copyOrStage(
        'worker',
        'INSERT INTO worker SELECT @id, id, home_village, lon, lat, capacity, start_year FROM temp.stage_worker WHERE row >= @from AND row < @to ORDER BY row',
        'INSERT INTO worker SELECT @id, id, home_village, lon, lat, capacity, start_year FROM worker WHERE dataset_id = @base',
      );
      check();
      if (staged.has('worker'))
        db.prepare('INSERT INTO worker_village SELECT @id, worker_id, village_code, position FROM temp.stage_roster ORDER BY worker_row, position').run(p);
      else if (baseId !== null)
        db.prepare('INSERT INTO worker_village SELECT @id, worker_id, village_code, position FROM worker_village WHERE dataset_id = @base').run(p);
      copyOrStage(
        'service',
        'INSERT INTO service_point SELECT @id, id, type, name, lon, lat, capacity, admin_code FROM temp.stage_service WHERE row >= @from AND row < @to ORDER BY row',
        'INSERT INTO service_point SELECT @id, id, type, name, lon, lat, capacity, admin_code FROM service_point WHERE dataset_id = @base',
      );
      check();
      if (plan.copyOtherBoundaries && baseId !== null)
        db.prepare('INSERT INTO boundary SELECT @id, layer, geojson FROM boundary WHERE dataset_id = @base AND layer NOT IN (SELECT layer FROM temp.stage_boundary)').run(p);
      db.prepare('INSERT INTO boundary SELECT @id, layer, geojson FROM temp.stage_boundary').run(p);
      activateDataset(db, id, 'import', createdAt);
      check();
      return { datasetId: id, version };
    });
    // take the write lock at the start: readers carry on (WAL), other writers wait
    return write.immediate();
  }

  drop(): void {
    this.db.exec(DROP);
  }
}

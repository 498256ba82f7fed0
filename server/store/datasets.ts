import type { Dataset } from '../domain/index.ts';
import type { BoundaryLayer, DatasetContent } from '../ingest/read_dataset_dir.ts';
import type { Db } from './db.ts';

/**
 * Datasets are versioned: every load or import writes a new dataset row with all its rows, in
 * one transaction, so a failed import leaves the previous version whole. The new version
 * becomes the current one.
 */
export function insertDataset(db: Db, content: DatasetContent, createdAt = new Date().toISOString()): number {
  return db.transaction(() => {
    const version = (db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM dataset').get() as { v: number }).v;
    const { manifest } = content;
    const id = Number(
      db
        .prepare('INSERT INTO dataset (name, name_zh, version, created_at, source, synthetic) VALUES (?, ?, ?, ?, ?, ?)')
        .run(manifest.name, manifest.nameZh, version, createdAt, manifest.source, manifest.synthetic ? 1 : 0).lastInsertRowid,
    );
    const unit = db.prepare('INSERT INTO admin_unit VALUES (?, ?, ?, ?, ?)');
    for (const u of content.adminUnits) unit.run(id, u.code, u.level, u.name, u.parentCode);
    const village = db.prepare('INSERT INTO village VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const v of content.villages)
      village.run(id, v.code, v.name, v.lon, v.lat, v.population, v.children, v.leftBehind, v.disabled, v.orphaned, v.difficult, v.coveredSince);
    const worker = db.prepare('INSERT INTO worker VALUES (?, ?, ?, ?, ?, ?, ?)');
    const roster = db.prepare('INSERT INTO worker_village VALUES (?, ?, ?, ?)');
    for (const w of content.workers) {
      worker.run(id, w.id, w.homeVillage, w.lon, w.lat, w.capacity, w.startYear);
      w.roster.forEach((code, i) => roster.run(id, w.id, code, i));
    }
    const service = db.prepare('INSERT INTO service_point VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of content.servicePoints) service.run(id, s.id, s.type, s.name, s.lon, s.lat, s.capacity, s.adminCode);
    const boundary = db.prepare('INSERT INTO boundary VALUES (?, ?, ?)');
    for (const [layer, geojson] of Object.entries(content.boundaries)) boundary.run(id, layer, geojson);
    activateDataset(db, id, 'load', createdAt);
    return id;
  })();
}

interface DatasetRow {
  id: number;
  name: string;
  name_zh: string;
  version: number;
  created_at: string;
  source: string;
  synthetic: number;
  note: string;
}

const toDataset = (r: DatasetRow): Dataset & { nameZh: string } => ({
  id: r.id,
  name: r.name,
  nameZh: r.name_zh,
  version: r.version,
  createdAt: r.created_at,
  source: r.source,
  synthetic: r.synthetic === 1,
  note: r.note,
});

export function listDatasets(db: Db) {
  return (db.prepare('SELECT * FROM dataset ORDER BY version DESC').all() as DatasetRow[]).map(toDataset);
}

export function getDataset(db: Db, id: number) {
  const row = db.prepare('SELECT * FROM dataset WHERE id = ?').get(id) as DatasetRow | undefined;
  return row ? toDataset(row) : null;
}

/**
 * The dataset the dashboard shows unless asked for another: the version activated last (by a
 * load, an import or a restore; see dataset_activation). Older databases without any activation
 * fall back to the newest version.
 */
export function currentDatasetId(db: Db): number | null {
  const row = (db.prepare('SELECT dataset_id AS id FROM dataset_activation ORDER BY seq DESC LIMIT 1').get() ??
    db.prepare('SELECT id FROM dataset ORDER BY version DESC LIMIT 1').get()) as { id: number } | undefined;
  return row?.id ?? null;
}

export type ActivationReason = 'load' | 'import' | 'restore';

/** Makes a version current. Append-only: the history of which version was current when stays. */
export function activateDataset(db: Db, datasetId: number, reason: ActivationReason, at = new Date().toISOString()): void {
  db.prepare('INSERT INTO dataset_activation (dataset_id, at, reason) VALUES (?, ?, ?)').run(datasetId, at, reason);
}

export function readBoundary(db: Db, datasetId: number, layer: BoundaryLayer): string | null {
  const row = db.prepare('SELECT geojson FROM boundary WHERE dataset_id = ? AND layer = ?').get(datasetId, layer) as
    | { geojson: string }
    | undefined;
  return row?.geojson ?? null;
}

import type { DatasetVersion } from '../domain/import.ts';
import type { Db } from './db.ts';
import { activateDataset, currentDatasetId } from './datasets.ts';

interface VersionRow {
  id: number;
  name: string;
  version: number;
  created_at: string;
  source: string;
  synthetic: number;
  note: string;
  based_on: number | null;
  villages: number;
  workers: number;
  service_points: number;
  admin_units: number;
  boundaries: string | null;
}

/**
 * Every dataset version, newest first, with its row counts and whether it is current. Versions
 * are never changed or deleted; restoring one only makes it current again.
 */
export function listVersions(db: Db): DatasetVersion[] {
  const current = currentDatasetId(db);
  const rows = db
    .prepare(
      `SELECT d.id, d.name, d.version, d.created_at, d.source, d.synthetic, d.note, d.based_on,
         (SELECT COUNT(*) FROM village WHERE dataset_id = d.id) AS villages,
         (SELECT COUNT(*) FROM worker WHERE dataset_id = d.id) AS workers,
         (SELECT COUNT(*) FROM service_point WHERE dataset_id = d.id) AS service_points,
         (SELECT COUNT(*) FROM admin_unit WHERE dataset_id = d.id) AS admin_units,
         (SELECT group_concat(layer, ',') FROM boundary WHERE dataset_id = d.id) AS boundaries
       FROM dataset d ORDER BY d.version DESC`,
    )
    .all() as VersionRow[];
  const activated = new Map(
    (db.prepare('SELECT dataset_id, MAX(at) AS at FROM dataset_activation GROUP BY dataset_id').all() as { dataset_id: number; at: string }[]).map(
      (r) => [r.dataset_id, r.at],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    version: r.version,
    createdAt: r.created_at,
    source: r.source,
    synthetic: r.synthetic === 1,
    note: r.note,
    basedOn: r.based_on,
    current: r.id === current,
    lastActivatedAt: activated.get(r.id) ?? null,
    counts: { villages: r.villages, workers: r.workers, servicePoints: r.service_points, adminUnits: r.admin_units },
    boundaryLayers: r.boundaries ? r.boundaries.split(',').sort() : [],
  }));
}

/**
 * Makes an older version current again. Nothing is copied or deleted: the version list stays
 * the record of what was written, and dataset_activation the record of what was shown when. The
 * next import builds on the restored version. False when there is no such version.
 */
export function restoreVersion(db: Db, datasetId: number): boolean {
  const exists = db.prepare('SELECT 1 FROM dataset WHERE id = ?').get(datasetId);
  if (!exists) return false;
  if (currentDatasetId(db) !== datasetId) activateDataset(db, datasetId, 'restore');
  return true;
}

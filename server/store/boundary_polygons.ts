import { polygonIndexFromFeatures, type PolygonIndex } from '../engine/polygon_index.ts';
import type { ReferenceData } from '../ingest/table_import.ts';
import type { Db } from './db.ts';
import { readBoundary } from './datasets.ts';

/** A dataset version's county or township polygons, indexed by code; null when it has none. */
export function readPolygons(db: Db, datasetId: number, layer: 'counties' | 'townships'): PolygonIndex | null {
  const text = readBoundary(db, datasetId, layer);
  if (!text) return null;
  const fc = JSON.parse(text) as { features?: Parameters<typeof polygonIndexFromFeatures>[0] };
  const index = polygonIndexFromFeatures(fc.features ?? []);
  return index.count ? index : null;
}

/**
 * What an import checks rows against when it builds on version `baseId`: its units, villages,
 * county and township areas and village positions. Read through prepared statements and small
 * sets (units), so a national version does not have to be held in memory.
 */
export function baseReferenceData(db: Db, baseId: number): ReferenceData {
  const units = new Set(db.prepare('SELECT code FROM admin_unit WHERE dataset_id = ?').pluck().all(baseId) as string[]);
  const village = db.prepare('SELECT lon, lat FROM village WHERE dataset_id = ? AND code = ?').raw();
  const counties = readPolygons(db, baseId, 'counties');
  const townships = readPolygons(db, baseId, 'townships');
  return {
    hasUnit: (code) => units.has(code),
    hasVillage: (code) => village.get(baseId, code) !== undefined,
    counties,
    areas: townships ?? counties,
    areaCodeLength: townships ? 9 : 6,
    villagePosition: (code) => (village.get(baseId, code) as [number, number] | undefined) ?? null,
  };
}

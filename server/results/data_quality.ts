import { dataQuality, type DataQuality } from '../engine/data_quality.ts';
import type { DatasetColumns } from '../engine/columns.ts';
import { readPolygons } from '../store/boundary_polygons.ts';
import type { Db } from '../store/db.ts';

/**
 * The data-quality flags of a dataset version, for the map: only the flagged villages and
 * workers, by index in the village layer (code order) and with the worker's position, so the
 * answer stays small when the data is good. Computed once per version and threshold.
 */
export interface QualityLayer {
  datasetId: number;
  workerFarKm: number;
  counts: DataQuality['counts'] & { villages: number; workers: number };
  /** whether the version has township and county areas to test against */
  areas: { townships: boolean; counties: boolean };
  villages: { index: number[]; flags: number[] };
  workers: { id: string[]; lon: number[]; lat: number[]; farthestKm: number[] };
}

const cache = new WeakMap<DatasetColumns, Map<number, QualityLayer>>();

export function qualityLayer(db: Db, columns: DatasetColumns, workerFarKm: number): QualityLayer {
  let byThreshold = cache.get(columns);
  if (!byThreshold) cache.set(columns, (byThreshold = new Map()));
  const cached = byThreshold.get(workerFarKm);
  if (cached) return cached;
  const townships = readPolygons(db, columns.datasetId, 'townships');
  const counties = readPolygons(db, columns.datasetId, 'counties');
  const q = dataQuality(columns.admin, columns.villages, columns.workers, { townships, counties }, workerFarKm);
  const layer: QualityLayer = {
    datasetId: columns.datasetId,
    workerFarKm,
    counts: { ...q.counts, villages: columns.villages.count, workers: columns.workers.count },
    areas: { townships: townships !== null, counties: counties !== null },
    villages: { index: [], flags: [] },
    workers: { id: [], lon: [], lat: [], farthestKm: [] },
  };
  q.villageFlags.forEach((f, i) => {
    if (f) {
      layer.villages.index.push(i);
      layer.villages.flags.push(f);
    }
  });
  q.workerFar.forEach((f, w) => {
    if (f) {
      layer.workers.id.push(columns.workers.id[w]);
      layer.workers.lon.push(columns.workers.lon[w]);
      layer.workers.lat.push(columns.workers.lat[w]);
      layer.workers.farthestKm.push(Math.round(q.workerFarthestKm[w] * 10) / 10);
    }
  });
  byThreshold.set(workerFarKm, layer);
  return layer;
}

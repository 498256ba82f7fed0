import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { AnalysisParams } from '../domain/index.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';

/** Service points for the map: position and type (index into SERVICE_TYPES). */
export function servicePointsIpc({ columns }: LoadedDataset): Uint8Array {
  const s = columns.services;
  return tableToIPC(tableFromArrays({ lon: Float32Array.from(s.lon), lat: Float32Array.from(s.lat), type: s.type }), 'stream');
}

/** Workers for the map: position, and demand over capacity (above 1: more children look to them than they can follow). */
export function workersIpc({ columns, analysis }: LoadedDataset, params: AnalysisParams): Uint8Array {
  const w = columns.workers;
  const a = analysis.assignment(params);
  return tableToIPC(
    tableFromArrays({
      lon: Float32Array.from(w.lon),
      lat: Float32Array.from(w.lat),
      load: Float32Array.from(a.demand, (d, i) => d / a.capacity[i]),
    }),
    'stream',
  );
}

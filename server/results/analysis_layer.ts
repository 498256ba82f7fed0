import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { SERVICE_TYPES, type AnalysisParams } from '../domain/index.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';

/** Columns the map can ask for, per village, in village order (the order of the village layer). */
export const ANALYSIS_COLUMNS = ['status', 'need', 'workerKm', ...SERVICE_TYPES.map((t) => `km_${t}` as const)] as const;
export type AnalysisColumn = (typeof ANALYSIS_COLUMNS)[number];

/**
 * Per-village analysis results as an Arrow stream: status as uint8 (0 served, 1 over capacity,
 * 2 not covered), need and distances as float32 (km; NaN where there is no such service or
 * worker). Only the columns asked for are sent, so colouring 620k villages by one distance
 * costs 2.5 MB, not a JSON document.
 */
export function analysisLayerIpc({ analysis }: LoadedDataset, params: AnalysisParams, columns: AnalysisColumn[]): Uint8Array {
  const out: Record<string, Uint8Array | Float32Array> = {};
  const toF32 = (a: Float64Array) => Float32Array.from(a, (x) => (Number.isFinite(x) ? x : NaN));
  for (const c of columns) {
    if (c === 'status') out.status = analysis.assignment(params).status;
    else if (c === 'need') out.need = toF32(analysis.gapScores(params, {}).score.map((s) => Math.max(0, s)));
    else if (c === 'workerKm') out.workerKm = toF32(analysis.assignment(params).km);
    else out[c] = toF32(analysis.distances.km[SERVICE_TYPES.indexOf(c.slice(3) as (typeof SERVICE_TYPES)[number])]);
  }
  return tableToIPC(tableFromArrays(out), 'stream');
}

import Papa from 'papaparse';
import { SERVICE_TYPES, type AnalysisParams, type GapFilter } from '../domain/index.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { gapContext, gapRow, rankedGaps } from './gap_rows.ts';

const round = (x: number | null, digits = 2) => (x === null ? '' : x.toFixed(digits));

/**
 * The ranked gap list as CSV, with a byte-order mark so that Excel opens the Chinese names
 * correctly. Distances in km.
 */
export function gapCsv(loaded: LoadedDataset, params: AnalysisParams, unit: number | null, filter: GapFilter): string {
  const ranked = rankedGaps(loaded, params, unit, filter);
  const ctx = gapContext(loaded, params, filter);
  const header = [
    'rank', 'code', 'name', 'township', 'county', 'prefecture', 'province', 'status', 'need', 'missed_standards', 'worker_km',
    ...SERVICE_TYPES.map((t) => `${t}_km`),
    'children', 'left_behind', 'disabled', 'orphaned', 'difficult',
  ];
  const rows = Array.from(ranked, (village, i) => {
    const r = gapRow(loaded, ctx, village, i + 1);
    const [township = '', county = '', prefecture = '', province = ''] = r.path;
    return [
      r.rank, r.code, r.name, township, county, prefecture, province, r.status, round(r.need), r.missed.join(' '), round(r.workerKm, 3),
      ...SERVICE_TYPES.map((t) => round(r.distanceKm[t], 3)),
      r.children, r.leftBehind, r.disabled, r.orphaned, r.difficult,
    ];
  });
  return '\uFEFF' + Papa.unparse({ fields: header, data: rows }, { newline: '\n' }) + '\n';
}

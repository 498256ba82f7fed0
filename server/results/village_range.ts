import type { LoadedDataset } from '../store/dataset_cache.ts';

/** The villages of a unit (or of the whole dataset when unit is null) as one index range [start, end). */
export function villageRange({ columns, analysis }: LoadedDataset, unit: number | null): { start: number; end: number } {
  if (unit === null) return { start: 0, end: columns.villages.count };
  const { unitStart, unitEnd } = analysis.index;
  return { start: unitStart[unit], end: unitEnd[unit] };
}

import { coverageGrowth, type GrowthRow } from '../engine/coverage_growth.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import { villageRange } from './village_range.ts';

export type { GrowthRow };

/** Villages newly covered and covered in all, year by year, in a unit (or the whole dataset when unit is null). */
export function coverageGrowthOf(loaded: LoadedDataset, unit: number | null): GrowthRow[] {
  const { start, end } = villageRange(loaded, unit);
  return coverageGrowth(loaded.columns.villages.coveredSince, start, end);
}

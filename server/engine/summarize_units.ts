import type { DatasetColumns } from './columns.ts';

/** Per-unit totals, one Float64Array per figure indexed like AdminColumns, plus the whole dataset. */
export const SUMMARY_FIELDS = [
  'villages',
  'coveredVillages',
  'population',
  'children',
  'leftBehind',
  'disabled',
  'orphaned',
  'difficult',
  'workers',
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

export interface UnitTotals {
  perUnit: Record<SummaryField, Float64Array>;
  total: Record<SummaryField, number>;
}

/**
 * Adds every village (and every worker, at their home village) to its township and each unit
 * above it. One pass over villages, walking at most four parents each.
 *
 * @example
 * const totals = summarizeUnits(columns);
 * totals.perUnit.coveredVillages[columns.admin.index.get('41')!]
 */
export function summarizeUnits({ admin, villages, workers }: DatasetColumns): UnitTotals {
  const perUnit = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, new Float64Array(admin.count)])) as UnitTotals['perUnit'];
  const total = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, 0])) as UnitTotals['total'];
  const addAt = (unit: number, field: SummaryField, value: number) => {
    total[field] += value;
    for (let u = unit; u >= 0; u = admin.parent[u]) perUnit[field][u] += value;
  };
  for (let i = 0; i < villages.count; i++) {
    const u = villages.township[i];
    addAt(u, 'villages', 1);
    if (villages.coveredSince[i] > 0) addAt(u, 'coveredVillages', 1);
    addAt(u, 'population', villages.population[i]);
    addAt(u, 'children', villages.children[i]);
    addAt(u, 'leftBehind', villages.leftBehind[i]);
    addAt(u, 'disabled', villages.disabled[i]);
    addAt(u, 'orphaned', villages.orphaned[i]);
    addAt(u, 'difficult', villages.difficult[i]);
  }
  for (let w = 0; w < workers.count; w++) {
    const home = workers.home[w];
    addAt(home >= 0 ? villages.township[home] : -1, 'workers', 1);
  }
  return { perUnit, total };
}

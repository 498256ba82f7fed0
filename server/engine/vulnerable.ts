import type { VillageColumns } from './columns.ts';

/** Vulnerable children of a village: the sum over categories (a child may be counted twice). */
export function vulnerableCount(v: VillageColumns, i: number): number {
  return v.leftBehind[i] + v.disabled[i] + v.orphaned[i] + v.difficult[i];
}

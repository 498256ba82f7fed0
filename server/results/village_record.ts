import type { Village } from '../domain/index.ts';
import type { VillageColumns } from '../engine/columns.ts';

/** One village as the domain describes it, read from the columns. */
export function villageRecord(v: VillageColumns, i: number): Village {
  return {
    code: v.code[i],
    name: v.name[i],
    lon: v.lon[i],
    lat: v.lat[i],
    population: v.population[i],
    children: v.children[i],
    leftBehind: v.leftBehind[i],
    disabled: v.disabled[i],
    orphaned: v.orphaned[i],
    difficult: v.difficult[i],
    coveredSince: v.coveredSince[i] || null,
  };
}

/** Villages covered in one year and in all years up to it. */
export interface GrowthRow {
  year: number;
  /** villages first covered that year */
  newVillages: number;
  /** villages covered that year or before */
  cumulativeVillages: number;
}

/**
 * How coverage grew in villages [start, end): one row per year from the first year any of them
 * was covered to the last, consecutive, years with no newly covered village included (with 0
 * new). Villages not covered (coveredSince 0) are left out; none covered gives no rows. The last
 * row's cumulativeVillages is the number of covered villages in the range.
 *
 * @param coveredSince year each village was first covered, 0 when not covered (VillageColumns.coveredSince)
 * @param start first village of the range (a unit's villages are [unitStart[u], unitEnd[u]))
 * @param end one past the last village
 *
 * @example
 * coverageGrowth(Uint16Array.of(2016, 0, 2018, 2016), 0, 4);
 * // → [{ year: 2016, newVillages: 2, cumulativeVillages: 2 },
 * //    { year: 2017, newVillages: 0, cumulativeVillages: 2 },
 * //    { year: 2018, newVillages: 1, cumulativeVillages: 3 }]
 */
export function coverageGrowth(coveredSince: Uint16Array, start: number, end: number): GrowthRow[] {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= coveredSince.length))
    throw new RangeError(`range [${start}, ${end}) is not within 0..${coveredSince.length}`);
  let first = Infinity;
  let last = -Infinity;
  for (let v = start; v < end; v++) {
    const y = coveredSince[v];
    if (y === 0) continue;
    if (y < first) first = y;
    if (y > last) last = y;
  }
  if (first === Infinity) return [];
  const added = new Uint32Array(last - first + 1);
  for (let v = start; v < end; v++) {
    const y = coveredSince[v];
    if (y !== 0) added[y - first]++;
  }
  const rows: GrowthRow[] = [];
  let cumulative = 0;
  for (let k = 0; k < added.length; k++) {
    cumulative += added[k];
    rows.push({ year: first + k, newVillages: added[k], cumulativeVillages: cumulative });
  }
  return rows;
}

export interface ShortGroup {
  group: number;
  sites: number;
  reason: 'fewCandidates' | 'notEnoughSites';
}

/** Sites each group must get: the minimum, or all its candidates when it has fewer. */
export function groupNeeds(group: Int32Array, minimum: number): { inGroup: Uint32Array; need: Uint32Array } {
  const count = group.reduce((m, g) => Math.max(m, g + 1), 0);
  const inGroup = new Uint32Array(count);
  for (const g of group) if (g >= 0) inGroup[g]++;
  return { inGroup, need: Uint32Array.from(inGroup, (c) => Math.min(c, minimum)) };
}

/** Groups with candidates that a plan leaves below the minimum, and why. */
export function equityShortfall(sites: ArrayLike<number>, group: Int32Array, minimum: number): ShortGroup[] {
  const { inGroup, need } = groupNeeds(group, minimum);
  const placed = new Uint32Array(inGroup.length);
  for (let i = 0; i < sites.length; i++) if (group[sites[i]] >= 0) placed[group[sites[i]]]++;
  const short: ShortGroup[] = [];
  for (let g = 0; g < inGroup.length; g++) {
    if (inGroup[g] === 0) continue;
    if (inGroup[g] < minimum) short.push({ group: g, sites: placed[g], reason: 'fewCandidates' });
    else if (placed[g] < need[g]) short.push({ group: g, sites: placed[g], reason: 'notEnoughSites' });
  }
  return short;
}

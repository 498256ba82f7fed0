import type { ExpansionPlan } from './greedy.ts';
import type { ExpansionInstance } from './instance.ts';
import { haversineKm } from '../geo.ts';
import { bestGain } from './site_value.ts';

export interface SiteAlternative {
  /** the candidate (index into instance.candidates), -1 when none was near */
  candidate: number;
  /** what it would have added in the site's place, with the sites ranked before it in place */
  gain: number;
  km: number;
}

/**
 * The best candidate near site i that the plan did not choose: what it would have added had it
 * been chosen instead, given the sites ranked before i. "Near" is within `radiusKm` of the site,
 * so the answer is a real alternative on the ground, not a village across the country.
 */
export function bestAlternative(inst: ExpansionInstance, plan: ExpansionPlan, i: number, capacity: number, lon: Float64Array, lat: Float64Array, radiusKm: number): SiteAlternative {
  const taken = new Uint8Array(inst.weight.length);
  for (let e = 0; e < plan.servedStart[i]; e++) taken[plan.servedVillage[e]] = 1;
  const chosen = new Set(plan.sites);
  const site = inst.candidates[plan.sites[i]];
  let best: SiteAlternative = { candidate: -1, gain: 0, km: Infinity };
  for (let k = 0; k < inst.candidates.length; k++) {
    if (chosen.has(k)) continue;
    const v = inst.candidates[k];
    if (Math.abs(lat[v] - lat[site]) > radiusKm / 100) continue; // a degree of latitude is over 100 km
    const km = haversineKm(lon[site], lat[site], lon[v], lat[v]);
    if (km > radiusKm) continue;
    const gain = bestGain(inst, k, taken, capacity);
    if (gain > best.gain || (gain === best.gain && best.candidate >= 0 && km < best.km)) best = { candidate: k, gain, km };
  }
  return best;
}

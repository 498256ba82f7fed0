import type { ServiceColumns, VillageColumns } from './columns.ts';
import type { ServiceDistances } from './nearest_services.ts';

export interface ServiceLoad {
  /** per service point: villages for which it is the nearest of its type, within the standard */
  villages: Float64Array;
  /** per service point: children (0-17) in those villages, against its capacity */
  children: Float64Array;
}

/**
 * Which villages each service point serves: a village is served by the nearest point of each
 * type when that point lies within the type's standard.
 */
export function serviceLoad(v: VillageColumns, services: ServiceColumns, distances: ServiceDistances, standardsKm: number[]): ServiceLoad {
  const villages = new Float64Array(services.count);
  const children = new Float64Array(services.count);
  distances.nearest.forEach((nearest, t) => {
    const km = distances.km[t];
    for (let i = 0; i < v.count; i++) {
      const s = nearest[i];
      if (s < 0 || km[i] > standardsKm[t]) continue;
      villages[s]++;
      children[s] += v.children[i];
    }
  });
  return { villages, children };
}

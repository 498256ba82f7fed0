import { SERVICE_TYPES, type AnalysisParams, type ServiceType } from '../domain/index.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';

export interface ServiceRow {
  id: string;
  name: string;
  type: ServiceType;
  adminCode: string;
  lon: number;
  lat: number;
  villages: number;
  children: number;
  capacity: number;
  /** children served per place of capacity: above 1 is over capacity */
  load: number;
}

/** Service points of a unit (by the unit they belong to), most loaded first. */
export function serviceRows({ columns, analysis }: LoadedDataset, params: AnalysisParams, unitCode: string | null, type: ServiceType | undefined): ServiceRow[] {
  const s = columns.services;
  const load = analysis.serviceLoad(params);
  const t = type === undefined ? -1 : SERVICE_TYPES.indexOf(type);
  const rows: ServiceRow[] = [];
  for (let i = 0; i < s.count; i++) {
    if (t >= 0 && s.type[i] !== t) continue;
    if (unitCode !== null && !s.adminCode[i].startsWith(unitCode)) continue;
    rows.push({
      id: s.id[i],
      name: s.name[i],
      type: SERVICE_TYPES[s.type[i]],
      adminCode: s.adminCode[i],
      lon: s.lon[i],
      lat: s.lat[i],
      villages: load.villages[i],
      children: load.children[i],
      capacity: s.capacity[i],
      load: load.children[i] / s.capacity[i],
    });
  }
  return rows.sort((a, b) => b.load - a.load || (a.id < b.id ? -1 : 1));
}

import type { AdminLevel } from '../domain/index.ts';

/**
 * The in-memory dataset: one typed array per field, indexed by row. Analyses take these and
 * return typed arrays; nothing here knows about SQL or HTTP.
 */
export interface AdminColumns {
  count: number;
  code: string[];
  name: string[];
  /** index into ADMIN_LEVELS */
  level: Uint8Array;
  /** index of the parent unit, -1 for provinces (and for units whose parent is missing) */
  parent: Int32Array;
  index: Map<string, number>;
}

export interface VillageColumns {
  count: number;
  code: string[];
  name: string[];
  lon: Float64Array;
  lat: Float64Array;
  population: Uint32Array;
  children: Uint32Array;
  leftBehind: Uint32Array;
  disabled: Uint32Array;
  orphaned: Uint32Array;
  difficult: Uint32Array;
  /** year covered, 0 when not covered */
  coveredSince: Uint16Array;
  /** index of the village's township in AdminColumns, -1 when it has none */
  township: Int32Array;
  index: Map<string, number>;
}

export interface WorkerColumns {
  count: number;
  id: string[];
  /** index of the home village, -1 when unknown */
  home: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  capacity: Uint32Array;
  startYear: Uint16Array;
  /** roster in compressed rows: villages of worker w are rosterVillage[rosterStart[w] .. rosterStart[w+1]) */
  rosterStart: Uint32Array;
  rosterVillage: Int32Array;
}

export interface ServiceColumns {
  count: number;
  id: string[];
  name: string[];
  /** index into SERVICE_TYPES */
  type: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  capacity: Uint32Array;
  adminCode: string[];
}

export interface DatasetColumns {
  datasetId: number;
  admin: AdminColumns;
  villages: VillageColumns;
  workers: WorkerColumns;
  services: ServiceColumns;
}

export type { AdminLevel };

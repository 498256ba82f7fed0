import type { Db } from '../store/db.ts';
import { DatasetCache } from '../store/dataset_cache.ts';

/** What every procedure can reach. Built once per server; per request it is passed as is. */
export interface AppContext {
  db: Db;
  datasets: DatasetCache;
}

export function createAppContext(db: Db): AppContext {
  return { db, datasets: new DatasetCache(db) };
}

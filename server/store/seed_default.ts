import { fileURLToPath } from 'node:url';
import { readDatasetDir } from '../ingest/read_dataset_dir.ts';
import type { Db } from './db.ts';
import { currentDatasetId, insertDataset } from './datasets.ts';

export const DEFAULT_DATASET_DIR = fileURLToPath(new URL('../../data/default', import.meta.url));

/** On first start, load the default dataset so the dashboard has something to show. */
export function ensureDataset(db: Db, dir = DEFAULT_DATASET_DIR): number {
  return currentDatasetId(db) ?? insertDataset(db, readDatasetDir(dir));
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDatasetDir } from '../server/ingest/read_dataset_dir.ts';
import { openDb } from '../server/store/db.ts';
import { insertDataset } from '../server/store/datasets.ts';
import { readColumns } from '../server/store/read_columns.ts';
import type { DatasetColumns } from '../server/engine/columns.ts';

export const NATIONAL_DIR = fileURLToPath(new URL('../data/national', import.meta.url));

/** The national dataset as the server holds it: validated, stored in SQLite, read into columns. */
export function loadNational(): DatasetColumns {
  if (!existsSync(NATIONAL_DIR)) {
    console.error('data/national is missing: run `npm run data:build -- --national` first (about 90 s)');
    process.exit(2);
  }
  const t0 = performance.now();
  const db = openDb(':memory:');
  const id = insertDataset(db, readDatasetDir(NATIONAL_DIR));
  const columns = readColumns(db, id);
  db.close();
  console.log(`loaded ${columns.villages.count} villages, ${columns.workers.count} workers, ${columns.services.count} service points in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return columns;
}

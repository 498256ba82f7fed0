import type { Db } from '../../server/store/db.ts';
import { openDb } from '../../server/store/db.ts';
import { ensureDataset } from '../../server/store/seed_default.ts';

/** An in-memory database holding the committed default dataset (data/default), as a fresh server has it. */
export function openDefaultDb(): { db: Db; datasetId: number } {
  const db = openDb(':memory:');
  const datasetId = ensureDataset(db);
  return { db, datasetId };
}

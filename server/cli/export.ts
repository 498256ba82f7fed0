/**
 * Writes a dataset version in the import format (the project's own, data/README.md):
 *
 *   npm run export -- DIR [--dataset ID]
 *
 * The current version unless --dataset names another. What it writes, `npm run import -- DIR
 * --kind dataset` reads back unchanged. DATA_DIR names the data directory (default ./var).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb } from '../store/db.ts';
import { currentDatasetId, getDataset } from '../store/datasets.ts';
import { exportDataset } from '../store/export_dataset.ts';

const USAGE = 'usage: npm run export -- DIR [--dataset ID]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { dataset: { type: 'string' } } });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const dataDir = z.string().default(fileURLToPath(new URL('../../var', import.meta.url))).parse(process.env.DATA_DIR);
const db = openDb(dataDir);
const id = values.dataset === undefined ? currentDatasetId(db) : z.coerce.number().int().positive().safeParse(values.dataset).data ?? null;
const dataset = id === null || id === undefined ? null : getDataset(db, id);
if (!dataset) {
  console.error(values.dataset === undefined ? 'the database has no dataset' : `no dataset ${values.dataset}`);
  process.exit(1);
}
const started = Date.now();
exportDataset(db, dataset.id, positionals[0]);
db.close();
console.log(`Wrote version ${dataset.version} (${dataset.name}) to ${positionals[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

/**
 * Starts the dashboard: `npm start` (built client) or `npm run dev` (Vite with hot reload).
 * PORT, HOST, DATA_DIR and DATASET_DIR come from the environment.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createApp } from './app.ts';
import { openDb } from './store/db.ts';
import { currentDatasetId } from './store/datasets.ts';
import { analysisParamsSchema, resolveParams } from './domain/index.ts';
import { DEFAULT_DATASET_DIR, ensureDataset } from './store/seed_default.ts';

const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(5173),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default(fileURLToPath(new URL('../var', import.meta.url))),
    /** the dataset folder loaded when the database is empty (default: data/default) */
    DATASET_DIR: z.string().default(DEFAULT_DATASET_DIR),
  })
  .parse(process.env);

const dev = process.argv.includes('--dev');
const started = Date.now();
const db = openDb(env.DATA_DIR);
ensureDataset(db, env.DATASET_DIR);

let client;
if (dev) {
  const { createServer } = await import('vite');
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'spa' });
  client = vite.middlewares;
}
const { server, ctx } = createApp({ db, client });
server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Coverage dashboard ready in ${Date.now() - started} ms: http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}/`);
  // Analyse the current dataset with the default parameters while the first page loads, so the
  // first map and charts do not wait for it.
  const id = currentDatasetId(db);
  if (id !== null) ctx.datasets.get(id).analysis.prepare(resolveParams(analysisParamsSchema.parse({}))).catch((err: unknown) => console.error(err));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });

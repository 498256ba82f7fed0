/**
 * Starts the dashboard: `npm start` (built client) or `npm run dev` (Vite with hot reload).
 * PORT, HOST, DATA_DIR and DATASET_DIR come from the environment; AUTH_MODE and the limits too
 * (server/auth/config.ts).
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createApp } from './app.ts';
import { openDb } from './store/db.ts';
import { currentDatasetId } from './store/datasets.ts';
import { analysisParamsSchema, resolveParams } from './domain/index.ts';
import { DEFAULT_DATASET_DIR, ensureDataset } from './store/seed_default.ts';
import { LocalModeRefused, securityConfig } from './auth/config.ts';
import { listUsers } from './store/users.ts';

const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(5173),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default(fileURLToPath(new URL('../var', import.meta.url))),
    /** the dataset folder loaded when the database is empty (default: data/default) */
    DATASET_DIR: z.string().default(DEFAULT_DATASET_DIR),
  })
  .parse(process.env);

let security;
try {
  security = securityConfig(process.env);
} catch (err) {
  if (!(err instanceof LocalModeRefused)) throw err;
  console.error(`Refusing to start: ${err.message}`);
  process.exit(1);
}

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
const { server, services } = createApp({ db, client, security, dev });
// Read the current dataset into memory and analyse it with the default parameters before saying
// "ready": every page's first data request needs the one, the first map and charts the other, and
// each blocks the server while it runs (reading about 1 s for the default data and 4.5 s for the
// national; the analysis 0.8 s and 1.8 s). Done after listening, they held back the first page's
// own HTML and scripts by as long, while the browser sat idle.
const current = currentDatasetId(db);
if (current !== null) {
  const { analysis } = services.datasets.get(current);
  await analysis.prepare(resolveParams(analysisParamsSchema.parse({}))).catch((err: unknown) => console.error(err));
}
server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`Coverage dashboard ready in ${Date.now() - started} ms: http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}/`);
  console.log(
    security.authMode === 'local'
      ? 'Local single-user mode: no accounts, every request acts as the planner "local". Only this machine can connect. AUTH_MODE=accounts turns accounts on.'
      : 'Accounts mode: sign in at /login.' +
          (listUsers(db).length === 0 ? ' No users yet: create the first admin with "npm run user:add -- --name NAME --role admin".' : ''),
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { z } from 'zod';
import { datasetIdSchema } from './domain/index.ts';
import { BOUNDARY_LAYERS } from './ingest/read_dataset_dir.ts';
import { createAppContext, type AppContext } from './trpc/context.ts';
import { appRouter } from './trpc/routers/_app.ts';
import { currentDatasetId, getDataset, readBoundary } from './store/datasets.ts';
import type { Db } from './store/db.ts';
import { send } from './http/send.ts';
import { serveStatic } from './http/static_files.ts';
import { villageLayerIpc } from './http/village_layer.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export interface AppOptions {
  db: Db;
  /** a handler for everything that is not API (the built client, or Vite's dev middleware) */
  client?: (req: IncomingMessage, res: ServerResponse) => void;
}

const layerQuery = z.object({ dataset: z.coerce.number().pipe(datasetIdSchema).optional() });

/** The HTTP server: /trpc for queries, /api for binary and GeoJSON layers, the client for the rest. */
export function createApp({ db, client = serveStatic(CLIENT_DIST) }: AppOptions): { server: Server; ctx: AppContext } {
  const ctx = createAppContext(db);
  const trpc = createHTTPHandler({ router: appRouter, createContext: () => ctx, basePath: '/trpc/' });

  /** The dataset a layer request names (or the current one), else the error to answer with. */
  const datasetFor = (url: URL): { id: number } | { status: number; message: string } => {
    const q = layerQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!q.success) return { status: 400, message: 'dataset must be a positive integer' };
    const id = q.data.dataset ?? currentDatasetId(db);
    if (id === null || !getDataset(db, id)) return { status: 404, message: `no dataset ${q.data.dataset ?? '(none loaded)'}` };
    return { id };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/trpc/')) return trpc(req, res);
      if (url.pathname === '/api/layers/villages.arrow') {
        const dataset = datasetFor(url);
        if (!('id' in dataset)) return send(req, res, dataset.status, 'text/plain', dataset.message);
        const body = villageLayerIpc(ctx.datasets.get(dataset.id).columns.villages);
        return send(req, res, 200, 'application/vnd.apache.arrow.stream', body);
      }
      const boundary = url.pathname.match(/^\/api\/boundaries\/([a-z]+)\.geojson$/);
      if (boundary) {
        const layer = BOUNDARY_LAYERS.find((l) => l === boundary[1]);
        const dataset = datasetFor(url);
        if (!('id' in dataset)) return send(req, res, dataset.status, 'text/plain', dataset.message);
        const geojson = layer ? readBoundary(db, dataset.id, layer) : null;
        if (!geojson) return send(req, res, 404, 'text/plain', `no boundary layer ${boundary[1]}`);
        return send(req, res, 200, 'application/geo+json', geojson);
      }
      if (url.pathname.startsWith('/api/')) return send(req, res, 404, 'text/plain', 'not found');
      return client(req, res);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) send(req, res, 500, 'text/plain', 'internal error');
      else res.end();
    }
  });
  return { server, ctx };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createAppContext, type AppContext } from './trpc/context.ts';
import { appRouter } from './trpc/routers/_app.ts';
import type { Db } from './store/db.ts';
import { handleApi } from './http/api_routes.ts';
import { send } from './http/send.ts';
import { serveStatic } from './http/static_files.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export interface AppOptions {
  db: Db;
  /** a handler for everything that is not API (the built client, or Vite's dev middleware) */
  client?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The HTTP server: /trpc for queries, /api for binary layers, boundaries and exports, the client for the rest. */
export function createApp({ db, client = serveStatic(CLIENT_DIST) }: AppOptions): { server: Server; ctx: AppContext } {
  const ctx = createAppContext(db);
  const trpc = createHTTPHandler({ router: appRouter, createContext: () => ctx, basePath: '/trpc/' });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/trpc/')) return trpc(req, res);
      if (url.pathname.startsWith('/api/')) {
        handleApi(ctx, req, res, url).catch((err: unknown) => fail(res, err));
        return;
      }
      return client(req, res);
    } catch (err) {
      fail(res, err);
    }
  });
  const fail = (res: ServerResponse, err: unknown) => {
    console.error(err);
    if (!res.headersSent) send(res.req, res, 500, 'text/plain', 'internal error');
    else res.end();
  };
  return { server, ctx };
}

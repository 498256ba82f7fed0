import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createServices, requestContext, type AppServices, type HttpExchange } from './trpc/context.ts';
import { appRouter } from './trpc/routers/_app.ts';
import type { Db } from './store/db.ts';
import { insertAudit } from './store/audit.ts';
import { defaultSecurityConfig, type SecurityConfig } from './auth/config.ts';
import { CSRF_COOKIE, readCookies } from './auth/cookies.ts';
import { csrfCookie, identify, type RequestIdentity } from './auth/sessions.ts';
import { handleApi } from './http/api_routes.ts';
import { refuse, RequestGuard } from './http/request_guard.ts';
import { setSecurityHeaders } from './http/security_headers.ts';
import { send } from './http/send.ts';
import { serveStatic } from './http/static_files.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export interface AppOptions {
  db: Db;
  /** a handler for everything that is not API (the built client, or Vite's dev middleware) */
  client?: (req: IncomingMessage, res: ServerResponse) => void;
  /** accounts or local mode, and the limits (default: local mode with the default limits) */
  security?: SecurityConfig;
  /** relaxes the Content-Security-Policy for Vite's hot reload */
  dev?: boolean;
}

/** Adds a Set-Cookie to those the response already carries. */
function appendCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader('set-cookie');
  res.setHeader('set-cookie', [...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []), cookie]);
}

function exchange(res: ServerResponse, address: string): HttpExchange {
  return { address, setCookie: (c) => appendCookie(res, c), setHeader: (name, value) => res.setHeader(name, value) };
}

/**
 * The HTTP server: /trpc for queries, /api for binary layers, boundaries and exports, the client
 * for the rest. Every response carries the security headers; every API request is identified
 * (session cookie, or the local planner), rate-limited and, if it changes state, checked for CSRF
 * before a handler sees it.
 */
export function createApp({ db, client = serveStatic(CLIENT_DIST), security = defaultSecurityConfig(), dev = false }: AppOptions): {
  server: Server;
  services: AppServices;
} {
  const services = createServices(db, security);
  const guard = new RequestGuard(security);
  const pending = new WeakMap<IncomingMessage, { identity: RequestIdentity; http: HttpExchange }>();
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: security.bodyBytes,
    createContext: ({ req }) => {
      const p = pending.get(req)!;
      return requestContext(services, p.identity, p.http);
    },
  });

  const server = createServer((req, res) => {
    try {
      setSecurityHeaders(res, dev);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const cookies = readCookies(req);
      // the double-submit token, given to any client that has none yet (the page's first load)
      if (!cookies.has(CSRF_COOKIE)) appendCookie(res, csrfCookie(security));
      const isTrpc = url.pathname.startsWith('/trpc/');
      if (!isTrpc && !url.pathname.startsWith('/api/')) return client(req, res);

      const identity = identify(db, security, req, cookies);
      const refusal = guard.check(req, identity, isTrpc);
      if (refusal) return refuse(req, res, url, refusal);
      const http = exchange(res, identity.address);
      if (isTrpc) {
        pending.set(req, { identity, http });
        return trpc(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') auditApiMutation(services, identity, req, res, url);
      handleApi(requestContext(services, identity, http), req, res, url).catch((err: unknown) => fail(res, err));
    } catch (err) {
      fail(res, err);
    }
  });
  // a malformed request line or headers: answer 400 and drop the connection, the server goes on
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  const fail = (res: ServerResponse, err: unknown) => {
    console.error(err);
    if (!res.headersSent) send(res.req, res, 500, 'text/plain', 'internal error');
    else res.end();
  };
  return { server, services };
}

/**
 * tRPC mutations are audited by their middleware; state-changing /api requests (uploads) here,
 * once answered: who, method and path, and the status.
 */
function auditApiMutation(services: AppServices, identity: RequestIdentity, req: IncomingMessage, res: ServerResponse, url: URL): void {
  res.once('close', () => {
    const ok = res.writableFinished && res.statusCode < 400;
    try {
      insertAudit(services.db, {
        userId: identity.user && identity.user.id > 0 ? identity.user.id : null,
        userName: identity.user?.name ?? '',
        path: `${req.method} ${url.pathname}`,
        input: url.search ? url.search.slice(1) : null,
        ok,
        error: ok ? null : res.writableFinished ? `HTTP ${res.statusCode}` : 'connection closed before the answer',
        before: null,
        after: null,
      });
    } catch (err) {
      console.error(`audit row for ${req.method} ${url.pathname} not written:`, err);
    }
  });
}

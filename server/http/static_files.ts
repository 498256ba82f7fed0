import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { send } from './send.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Serves the built client; unknown paths get index.html so client-side URLs reload. */
export function serveStatic(root: string) {
  const cache = new Map<string, Buffer>();
  return (req: IncomingMessage, res: ServerResponse): void => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(req, res, 400, 'text/plain', 'malformed URL');
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return send(req, res, 403, 'text/plain', 'forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return send(req, res, 404, 'text/plain', 'client not built: run npm run build');
    let body = cache.get(file);
    if (!body) {
      body = readFileSync(file);
      if (file.includes(`${sep}assets${sep}`)) cache.set(file, body);
    }
    send(req, res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
  };
}

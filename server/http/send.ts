import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

/** Sends a body, gzipped when the client accepts it and it is worth it. */
export function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const gzip = buf.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const out = gzip ? gzipSync(buf, { level: 6 }) : buf;
  res.writeHead(status, {
    'content-type': type,
    'content-length': out.length,
    ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
  });
  res.end(out);
}

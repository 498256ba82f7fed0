import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip as gzipAsync, gzipSync } from 'node:zlib';

/** Bodies at least this large are compressed on libuv's thread pool, so other requests are answered meanwhile. */
const ASYNC_GZIP_BYTES = 256 * 1024;

/**
 * The compressed form of bodies sent more than once as the same object: built assets and a
 * dataset version's village layer, which never change. Weak, so one-off bodies are not kept.
 */
const gzipped = new WeakMap<Uint8Array, Buffer>();

/** Sends a body, gzipped when the client accepts it and it is worth it. */
export function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const gzip = buf.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const write = (out: Buffer, encoded: boolean) => {
    res.writeHead(status, {
      'content-type': type,
      'content-length': out.length,
      ...(encoded ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    res.end(out);
  };
  if (!gzip) return write(buf, false);
  const cached = typeof body === 'string' ? undefined : gzipped.get(body);
  if (cached) return write(cached, true);
  const keep = (out: Buffer) => {
    if (typeof body !== 'string') gzipped.set(body, out);
    write(out, true);
  };
  if (buf.length < ASYNC_GZIP_BYTES) return keep(gzipSync(buf, { level: 6 }));
  gzipAsync(buf, { level: 6 }, (err, out) => (err ? write(buf, false) : keep(out)));
}

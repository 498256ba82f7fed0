import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app.ts';
import { defaultSecurityConfig, type SecurityConfig } from '../../../server/auth/config.ts';
import type { Db } from '../../../server/store/db.ts';

/** The real app on a loopback port, with a stand-in for the built client; `close` stops it. */
export async function serve(db: Db, security: Partial<SecurityConfig> = {}) {
  const { server, services } = createApp({
    db,
    security: defaultSecurityConfig(security),
    client: (_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>client</title>');
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, services, close: () => new Promise((resolve) => server.close(resolve)) };
}

import { build } from 'vite';

/** Browser tests run against the built client, as `npm start` serves it. */
export default async function setup(): Promise<void> {
  if (process.env.SKIP_CLIENT_BUILD) return;
  await build({ logLevel: 'warn' });
}

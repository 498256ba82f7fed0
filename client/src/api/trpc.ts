import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/trpc/routers/_app.ts';
import { csrfHeaders } from './csrf.ts';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  // every request carries the CSRF token; the server checks it on mutations
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', headers: csrfHeaders })] });
}

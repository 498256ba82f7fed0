import { TRPCClientError } from '@trpc/client';

/** A failed /api request (binary layers, boundaries): its HTTP status and the server's reason. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const BY_STATUS: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** The tRPC error code of a failed request, tRPC or /api alike; null for anything else. */
export function errorCodeOf(err: unknown): string | null {
  if (err instanceof TRPCClientError) return (err.data as { code?: string } | undefined)?.code ?? null;
  if (err instanceof HttpError) return BY_STATUS[err.status] ?? null;
  return null;
}

/** Retrying does not help a request refused for who is asking or how often. */
export function worthRetrying(err: unknown): boolean {
  const code = errorCodeOf(err);
  return code !== 'UNAUTHORIZED' && code !== 'FORBIDDEN' && code !== 'TOO_MANY_REQUESTS';
}

/** Where to send someone who must sign in, coming back here afterwards. */
export function loginUrl(): string {
  const here = window.location.pathname + window.location.search;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** A `next` that stays on this site (a path, not //elsewhere), else the map. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

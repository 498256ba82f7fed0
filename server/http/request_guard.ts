import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { SecurityConfig } from '../auth/config.ts';
import { csrfFailure } from '../auth/csrf.ts';
import { TokenBuckets } from '../auth/rate_limit.ts';
import type { RequestIdentity } from '../auth/sessions.ts';

/** Why a request is turned away before any handler sees it. */
export interface Refusal {
  status: number;
  code: TRPC_ERROR_CODE_KEY;
  message: string;
  retryAfterS?: number;
}

const STATE_CHANGING = (method = 'GET') => method !== 'GET' && method !== 'HEAD';

/**
 * The checks every API request passes before its handler: the request rate per user and per
 * address (token buckets), CSRF on anything that changes state, and the size of a tRPC body.
 */
export class RequestGuard {
  private readonly byUser: TokenBuckets;
  private readonly byAddress: TokenBuckets;

  constructor(private readonly config: SecurityConfig) {
    this.byUser = new TokenBuckets(config.userRate);
    this.byAddress = new TokenBuckets(config.addressRate);
  }

  check(req: IncomingMessage, identity: RequestIdentity, isTrpc: boolean): Refusal | null {
    // a request refused by its user's bucket does not also drain its address's
    const userWait = identity.user ? this.byUser.take(`${identity.user.id}:${identity.user.name}`) : 0;
    const waitS = userWait || this.byAddress.take(identity.address);
    if (waitS > 0)
      return { status: 429, code: 'TOO_MANY_REQUESTS', message: `too many requests: slow down and try again in ${waitS} s`, retryAfterS: waitS };
    if (STATE_CHANGING(req.method)) {
      const csrf = csrfFailure(req);
      if (csrf) return { status: 403, code: 'FORBIDDEN', message: csrf };
      const length = Number(req.headers['content-length'] ?? 0);
      // uploads under /api set their own limits; tRPC bodies are JSON and small
      if (isTrpc && length > this.config.bodyBytes)
        return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `request body too large: ${length} bytes, the limit is ${this.config.bodyBytes}` };
    }
    return null;
  }
}

/** Answers a refusal: in tRPC's error shape (one per call of a batch) under /trpc, as text elsewhere. */
export function refuse(req: IncomingMessage, res: ServerResponse, url: URL, r: Refusal): void {
  if (r.retryAfterS) res.setHeader('retry-after', String(r.retryAfterS));
  // the body is not read: the connection closes after the answer rather than wait for it
  if (STATE_CHANGING(req.method)) res.setHeader('connection', 'close');
  let body: string;
  let type: string;
  if (url.pathname.startsWith('/trpc/')) {
    const paths = url.pathname.slice('/trpc/'.length).split(',');
    const error = (path: string) => ({ error: { message: r.message, code: TRPC_ERROR_CODES_BY_KEY[r.code], data: { code: r.code, httpStatus: r.status, path } } });
    body = JSON.stringify(url.searchParams.get('batch') === '1' ? paths.map(error) : error(paths[0]));
    type = 'application/json';
  } else {
    body = r.message;
    type = 'text/plain; charset=utf-8';
  }
  res.writeHead(r.status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { csrfFailure } from '../../../server/auth/csrf.ts';

const request = (headers: Record<string, string>) => ({ headers: { host: 'dash.local:5173', ...headers } }) as unknown as IncomingMessage;

describe('csrfFailure (double submit, and Origin or Referer when sent)', () => {
  it('passes the cookie echoed in the header, from no origin or this one', () => {
    expect(csrfFailure(request({ cookie: 'csrf=abc123; session=x', 'x-csrf-token': 'abc123' }))).toBeNull();
    expect(csrfFailure(request({ cookie: 'csrf=abc123', 'x-csrf-token': 'abc123', origin: 'http://dash.local:5173' }))).toBeNull();
    expect(csrfFailure(request({ cookie: 'csrf=abc123', 'x-csrf-token': 'abc123', referer: 'http://dash.local:5173/admin' }))).toBeNull();
  });

  it('refuses a missing or different token', () => {
    expect(csrfFailure(request({ cookie: 'csrf=abc123' }))).toMatch(/missing CSRF token/);
    expect(csrfFailure(request({ 'x-csrf-token': 'abc123' }))).toMatch(/missing CSRF token/);
    expect(csrfFailure(request({ cookie: 'csrf=abc123', 'x-csrf-token': 'abc124' }))).toMatch(/does not match/);
    expect(csrfFailure(request({ cookie: 'csrf=abc123', 'x-csrf-token': 'abc1234' }))).toMatch(/does not match/);
  });

  it('refuses another origin even with a matching token', () => {
    expect(csrfFailure(request({ cookie: 'csrf=t', 'x-csrf-token': 't', origin: 'http://evil.example' }))).toMatch(/cross-origin/);
    expect(csrfFailure(request({ cookie: 'csrf=t', 'x-csrf-token': 't', origin: 'http://dash.local:8080' }))).toMatch(/cross-origin/);
    expect(csrfFailure(request({ cookie: 'csrf=t', 'x-csrf-token': 't', origin: 'null' }))).toMatch(/opaque/);
    expect(csrfFailure(request({ cookie: 'csrf=t', 'x-csrf-token': 't', referer: 'not a url' }))).toMatch(/malformed/);
  });
});

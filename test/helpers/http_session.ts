/**
 * HTTP calls as a browser makes them: the double-submit CSRF token (cookie and header) on every
 * request, and the session cookie once signed in. For tests that talk to a real server.
 */
const CSRF = 'test-csrf-token-0123456789';

export class HttpSession {
  cookie = `csrf=${CSRF}`;

  constructor(readonly base: string) {}

  /** GET or any method, with this session's cookies and CSRF header. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookie);
    headers.set('x-csrf-token', CSRF);
    return fetch(new URL(path, this.base), { ...init, headers });
  }

  /** A tRPC query; resolves to the HTTP response (data or error in its JSON). */
  query(path: string, input?: unknown): Promise<Response> {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.fetch(`/trpc/${path}${q}`);
  }

  /** A tRPC mutation (POST with a JSON body). */
  mutation(path: string, input?: unknown): Promise<Response> {
    return this.fetch(`/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }

  /** Signs in through auth.login and keeps the session cookie; throws on failure. */
  async signIn(name: string, password: string): Promise<this> {
    const res = await this.mutation('auth.login', { name, password });
    if (res.status !== 200) throw new Error(`sign-in as ${name}: HTTP ${res.status} ${await res.text()}`);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('session='));
    if (!session) throw new Error('no session cookie');
    this.cookie = `csrf=${CSRF}; ${session.split(';')[0]}`;
    return this;
  }
}

/** The data of a successful tRPC answer, or its error code. */
export async function trpcResult<T = unknown>(res: Response): Promise<{ status: number; data?: T; code?: string; message?: string }> {
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string; data: { code: string } } };
  return { status: res.status, data: body.result?.data, code: body.error?.data.code, message: body.error?.message };
}

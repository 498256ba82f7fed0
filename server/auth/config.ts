import { z } from 'zod';
import { AUTH_MODES, type AuthMode } from '../domain/user.ts';
import type { Rate } from './rate_limit.ts';
import { DEFAULT_PRIVACY_THRESHOLD } from '../domain/reach.ts';

/** Every knob of accounts and limits, read once from the environment (`securityConfig`). */
export interface SecurityConfig {
  authMode: AuthMode;
  /** Secure on cookies: set behind an HTTPS proxy (COOKIE_SECURE=1); plain-HTTP localhost must not */
  cookieSecure: boolean;
  /** take the client's address from X-Forwarded-For (TRUST_PROXY=1), for per-address limits behind a proxy */
  trustProxy: boolean;
  /** largest JSON request body, bytes */
  bodyBytes: number;
  userRate: Rate;
  addressRate: Rate;
  login: { maxFailures: number; addressMaxFailures: number; windowMs: number };
  analysis: { concurrency: number; queue: number; timeoutMs: number };
  /** days a session lasts without use */
  sessionDays: number;
  /** counts below this are shown as "<N" to anyone without planner rights (PRIVACY_THRESHOLD) */
  privacyThreshold: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);
export const isLoopback = (host: string) => LOOPBACK.has(host.trim().toLowerCase());

const int = (d: number) => z.coerce.number().int().min(0).default(d);
const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  AUTH_MODE: z.enum(AUTH_MODES).optional(),
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  LIMIT_BODY_BYTES: z.coerce.number().int().min(1024).default(1 << 20),
  LIMIT_USER_PER_S: int(30),
  LIMIT_USER_BURST: int(150),
  LIMIT_ADDRESS_PER_S: int(100),
  LIMIT_ADDRESS_BURST: int(500),
  LOGIN_MAX_FAILURES: int(5),
  LOGIN_ADDRESS_MAX_FAILURES: int(30),
  LOGIN_WINDOW_MIN: int(15),
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  ANALYSIS_QUEUE: int(100),
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(1).default(60_000),
  SESSION_DAYS: z.coerce.number().positive().default(7),
  PRIVACY_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PRIVACY_THRESHOLD),
});

export class LocalModeRefused extends Error {}

/**
 * Reads the configuration. AUTH_MODE defaults to `local` (one planner, no accounts) only when
 * HOST is a loopback address, else `accounts`; local mode on any other address is refused, as
 * it would give every machine on the network a planner's rights.
 */
export function securityConfig(env: Record<string, string | undefined> = process.env): SecurityConfig {
  const e = envSchema.parse(env);
  const authMode = e.AUTH_MODE ?? (isLoopback(e.HOST) ? 'local' : 'accounts');
  if (authMode === 'local' && !isLoopback(e.HOST))
    throw new LocalModeRefused(
      `AUTH_MODE=local (no accounts, everyone a planner) is only allowed on a loopback HOST (127.0.0.1, ::1, localhost), not ${e.HOST}. ` +
        'Use AUTH_MODE=accounts and create an admin with `npm run user:add -- --name NAME --role admin`.',
    );
  return {
    authMode,
    cookieSecure: e.COOKIE_SECURE === '1',
    trustProxy: e.TRUST_PROXY === '1',
    bodyBytes: e.LIMIT_BODY_BYTES,
    userRate: { perSecond: e.LIMIT_USER_PER_S, burst: e.LIMIT_USER_BURST },
    addressRate: { perSecond: e.LIMIT_ADDRESS_PER_S, burst: e.LIMIT_ADDRESS_BURST },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES, windowMs: e.LOGIN_WINDOW_MIN * 60_000 },
    analysis: { concurrency: e.ANALYSIS_CONCURRENCY, queue: e.ANALYSIS_QUEUE, timeoutMs: e.ANALYSIS_TIMEOUT_MS },
    sessionDays: e.SESSION_DAYS,
    privacyThreshold: e.PRIVACY_THRESHOLD,
  };
}

/** The defaults for a loopback server: what tests and in-process callers get unless they say otherwise. */
export const defaultSecurityConfig = (overrides: Partial<SecurityConfig> = {}): SecurityConfig => ({ ...securityConfig({}), ...overrides });

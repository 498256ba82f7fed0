import { roleAtLeast, type Role, type SessionUser } from '../domain/user.ts';

export type Verdict = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN';

/**
 * The one role check, used by the tRPC middleware and the /api routes alike: no user is
 * UNAUTHORIZED (sign in), a user below the required role is FORBIDDEN.
 */
export function authorise(user: SessionUser | null, required: Role): Verdict {
  if (!user) return 'UNAUTHORIZED';
  return roleAtLeast(user.role, required) ? 'ok' : 'FORBIDDEN';
}

export function verdictMessage(verdict: Exclude<Verdict, 'ok'>, what: string, required: Role, user: SessionUser | null): string {
  return verdict === 'UNAUTHORIZED' ? `sign in to use ${what}` : `${what} needs the ${required} role; ${user?.name} is ${user?.role}`;
}

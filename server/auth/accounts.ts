import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type {
  changePasswordInputSchema,
  createUserInputSchema,
  loginInputSchema,
  resetPasswordInputSchema,
  Role,
  SessionUser,
  setDisabledInputSchema,
  setRoleInputSchema,
  UserRow,
} from '../domain/user.ts';
import { deleteOtherSessions, deleteSession, deleteUserSessions } from '../store/sessions.ts';
import {
  activeAdminCount,
  DuplicateUserError,
  findLogin,
  getUser,
  insertUser,
  passwordHashOf,
  recordLogin,
  sessionUserOf,
  setPasswordHash,
  setUserDisabled,
  setUserRole,
} from '../store/users.ts';
import type { AppContext } from '../trpc/context.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { sessionCookie, startSession } from './sessions.ts';

/**
 * Signing in and out, and the admin's user management. Each function is what one procedure
 * does; the routers only validate and call them.
 */

function requireAccounts(ctx: AppContext): void {
  if (ctx.security.authMode !== 'accounts')
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'local single-user mode: there are no accounts (start with AUTH_MODE=accounts)' });
}

export async function login(ctx: AppContext, input: z.output<typeof loginInputSchema>): Promise<{ user: SessionUser }> {
  requireAccounts(ctx);
  const address = ctx.http?.address ?? 'in-process';
  const nameKey = `${input.name.toLowerCase()}\n${address}`;
  const { byName, byAddress } = ctx.loginFailures;
  const waitS = Math.max(byName.blockedFor(nameKey), byAddress.blockedFor(address));
  if (waitS > 0) {
    ctx.http?.setHeader('retry-after', String(waitS));
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `too many failed sign-ins: try again in ${Math.ceil(waitS / 60)} min` });
  }
  const found = findLogin(ctx.db, input.name);
  // the hash is checked even for an unknown name, so the answer takes as long either way
  const matches = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !matches || found.user.disabled) {
    byName.fail(nameKey);
    byAddress.fail(address);
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'wrong name or password, or the account is disabled' });
  }
  byName.clear(nameKey);
  const user = sessionUserOf(found.user);
  recordLogin(ctx.db, user.id);
  // a new token on every sign-in: a session planted before it is not carried over
  if (ctx.sessionHash) deleteSession(ctx.db, ctx.sessionHash);
  ctx.http?.setCookie(startSession(ctx.db, ctx.security, user.id));
  ctx.audit.actor = user;
  return { user };
}

export function logout(ctx: AppContext): { ok: true } {
  if (ctx.sessionHash) deleteSession(ctx.db, ctx.sessionHash);
  ctx.http?.setCookie(sessionCookie(ctx.security, '', 0));
  return { ok: true };
}

export async function changePassword(ctx: AppContext, input: z.output<typeof changePasswordInputSchema>): Promise<{ ok: true }> {
  requireAccounts(ctx);
  const user = ctx.user!;
  const hash = passwordHashOf(ctx.db, user.id);
  if (!hash || !(await verifyPassword(input.current, hash))) throw new TRPCError({ code: 'BAD_REQUEST', message: 'the current password is wrong' });
  setPasswordHash(ctx.db, user.id, await hashPassword(input.password));
  deleteOtherSessions(ctx.db, user.id, ctx.sessionHash);
  return { ok: true };
}

export async function createUser(ctx: AppContext, input: z.output<typeof createUserInputSchema>): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = insertUser(ctx.db, { name: input.name, role: input.role, passwordHash });
    ctx.audit.after = row;
    return row;
  } catch (err) {
    if (err instanceof DuplicateUserError) throw new TRPCError({ code: 'CONFLICT', message: err.message });
    throw err;
  }
}

function existing(ctx: AppContext, id: number): UserRow {
  const user = getUser(ctx.db, id);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `no user ${id}` });
  return user;
}

/** Refuses to leave the system without an admin who can sign in. */
function keepAnAdmin(ctx: AppContext, user: UserRow, role: Role, disabled: boolean): void {
  const losesAdmin = user.role === 'admin' && !user.disabled && (role !== 'admin' || disabled);
  if (losesAdmin && activeAdminCount(ctx.db) <= 1) throw new TRPCError({ code: 'CONFLICT', message: `${user.name} is the last active admin` });
}

export function setRole(ctx: AppContext, input: z.output<typeof setRoleInputSchema>): UserRow {
  const user = existing(ctx, input.id);
  keepAnAdmin(ctx, user, input.role, user.disabled);
  setUserRole(ctx.db, user.id, input.role);
  ctx.audit.before = { name: user.name, role: user.role };
  ctx.audit.after = { name: user.name, role: input.role };
  return existing(ctx, user.id);
}

export function setDisabled(ctx: AppContext, input: z.output<typeof setDisabledInputSchema>): UserRow {
  const user = existing(ctx, input.id);
  keepAnAdmin(ctx, user, user.role, input.disabled);
  setUserDisabled(ctx.db, user.id, input.disabled);
  // a disabled user is signed out everywhere at once
  const ended = input.disabled ? deleteUserSessions(ctx.db, user.id) : 0;
  ctx.audit.before = { name: user.name, disabled: user.disabled };
  ctx.audit.after = { name: user.name, disabled: input.disabled, sessionsEnded: ended };
  return existing(ctx, user.id);
}

export async function resetPassword(ctx: AppContext, input: z.output<typeof resetPasswordInputSchema>): Promise<UserRow> {
  const user = existing(ctx, input.id);
  setPasswordHash(ctx.db, user.id, await hashPassword(input.password));
  const ended = deleteUserSessions(ctx.db, user.id);
  ctx.audit.after = { name: user.name, sessionsEnded: ended };
  return user;
}

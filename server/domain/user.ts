import { z } from 'zod';

/**
 * Roles, lowest first; each can do everything the ones before it can. A viewer sees aggregated
 * figures only; a planner also sees village-level figures and edits data and scenarios; an
 * admin also manages users and reads the audit log.
 */
export const ROLES = ['viewer', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Whether `role` may do what `required` may. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Who a request acts as: a signed-in account, or the local planner in local mode. */
export interface SessionUser {
  id: number;
  name: string;
  role: Role;
}

/** How the server knows who is asking: one local planner, or accounts with sessions. */
export const AUTH_MODES = ['local', 'accounts'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The user every request acts as in local single-user mode (id 0: no row in the user table). */
export const LOCAL_USER: SessionUser = { id: 0, name: 'local', role: 'planner' };

/** Letters (any script), digits and . _ - @; names are unique regardless of case. */
export const userNameSchema = z
  .string()
  .trim()
  .min(2, 'a name has at least 2 characters')
  .max(64, 'a name has at most 64 characters')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'a name has only letters, digits and . _ - @');

export const passwordSchema = z
  .string()
  .min(10, 'a password has at least 10 characters')
  .max(200, 'a password has at most 200 characters');

export const userIdSchema = z.number().int().positive();

export const loginInputSchema = z.object({
  name: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const createUserInputSchema = z.object({ name: userNameSchema, password: passwordSchema, role: roleSchema });
export const setRoleInputSchema = z.object({ id: userIdSchema, role: roleSchema });
export const setDisabledInputSchema = z.object({ id: userIdSchema, disabled: z.boolean() });
export const resetPasswordInputSchema = z.object({ id: userIdSchema, password: passwordSchema });
export const changePasswordInputSchema = z.object({ current: z.string().min(1).max(200), password: passwordSchema });

/** A user as the admin page lists them (never the password hash). */
export interface UserRow {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export const auditListInputSchema = z
  .object({
    /** exact user name */
    user: z.string().trim().max(64).optional(),
    /** procedure path or its beginning, e.g. `users.` */
    path: z.string().trim().max(100).optional(),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .prefault({});

/** One audited mutation. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  userName: string;
  path: string;
  input: string | null;
  ok: boolean;
  error: string | null;
  before: string | null;
  after: string | null;
}

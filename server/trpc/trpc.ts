import { initTRPC, TRPCError } from '@trpc/server';
import { authorise, verdictMessage } from '../auth/authorise.ts';
import type { Role } from '../domain/user.ts';
import { AnalysisTimeoutError, ServerBusyError } from '../limits/analysis_gate.ts';
import { insertAudit } from '../store/audit.ts';
import { auditText } from './audit_record.ts';
import type { AppContext, AuditNotes } from './context.ts';

/**
 * What a procedure declares about itself: the least role that may call it, and whether it runs
 * an analysis (and so goes through the analysis queue and time limit).
 */
export interface ProcedureMeta {
  role?: Role;
  analysis?: boolean;
}

const t = initTRPC
  .context<AppContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      // tRPC's own body-size error says only its code
      if (error.code === 'PAYLOAD_TOO_LARGE' && error.message === 'PAYLOAD_TOO_LARGE') return { ...shape, message: 'request body too large' };
      return shape;
    },
  });

/**
 * The only procedures anyone may call without a role: signing in and out, asking who one is,
 * and opening a published snapshot (its unguessable link is the permission).
 */
export const PUBLIC_PROCEDURES: readonly string[] = ['auth.login', 'auth.logout', 'auth.me', 'snapshots.view'];

/**
 * Every mutation gets an audit row: who, which procedure, its input (passwords redacted), when,
 * whether it succeeded, and the before and after the procedure noted. Refused calls are recorded
 * too, as attempts.
 */
const auditMutations = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  if (type !== 'mutation') return next();
  const audit: AuditNotes = {};
  const result = await next({ ctx: { audit } });
  const who = ctx.user ?? audit.actor ?? null;
  try {
    insertAudit(ctx.db, {
      userId: who && who.id > 0 ? who.id : null,
      userName: who?.name ?? '',
      path,
      input: auditText(await getRawInput().catch(() => undefined)),
      ok: result.ok,
      error: result.ok ? null : `${result.error.code}: ${result.error.message}`.slice(0, 500),
      before: auditText(audit.before),
      after: auditText(audit.after),
    });
  } catch (err) {
    console.error(`audit row for ${path} not written:`, err);
  }
  return result;
});

/** The role check: the one place that decides who may call what. */
const authoriseCall = t.middleware(({ ctx, meta, path, next }) => {
  const required = meta?.role;
  if (!required) {
    // a procedure without a role is refused unless it is on the short public list
    if (!PUBLIC_PROCEDURES.includes(path)) throw new TRPCError({ code: 'FORBIDDEN', message: `${path} declares no role` });
    return next();
  }
  const verdict = authorise(ctx.user, required);
  if (verdict !== 'ok') throw new TRPCError({ code: verdict, message: verdictMessage(verdict, path, required, ctx.user) });
  return next();
});

/** Analyses wait their turn in a bounded queue and answer within the time limit. */
const limitAnalysis = t.middleware(async ({ ctx, meta, next }) => {
  if (!meta?.analysis) return next();
  try {
    return await ctx.analysisGate.run(() => next());
  } catch (err) {
    if (err instanceof ServerBusyError) {
      ctx.http?.setHeader('retry-after', String(err.retryAfterS));
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: err.message });
    }
    if (err instanceof AnalysisTimeoutError) throw new TRPCError({ code: 'GATEWAY_TIMEOUT', message: err.message });
    throw err;
  }
});

const checked = t.procedure.use(auditMutations).use(authoriseCall).use(limitAnalysis);

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Only for the procedures in PUBLIC_PROCEDURES; any other procedure built on it is refused. */
export const publicProcedure = checked;
/** Aggregated figures: any signed-in user. */
export const viewerProcedure = checked.meta({ role: 'viewer' });
/** Village-level figures, editing data and scenarios. */
export const plannerProcedure = checked.meta({ role: 'planner' });
/** Users and the audit log. */
export const adminProcedure = checked.meta({ role: 'admin' });

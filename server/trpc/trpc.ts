import { initTRPC } from '@trpc/server';
import type { AppContext } from './context.ts';

const t = initTRPC.context<AppContext>().create();

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

// Role-checked procedure builders. Until accounts land (issue 8) every caller may call every
// procedure; new procedures already say which role they need, so the role middleware applies
// to them the moment it exists.
export const viewerProcedure = t.procedure;
export const plannerProcedure = t.procedure;
export const adminProcedure = t.procedure;

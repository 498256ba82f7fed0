import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { LOCAL_USER, type SessionUser } from '../../../server/domain/user.ts';
import type { Db } from '../../../server/store/db.ts';
import { createAppContext, type AppServices } from '../../../server/trpc/context.ts';
import { appRouter } from '../../../server/trpc/routers/_app.ts';
import { createCallerFactory } from '../../../server/trpc/trpc.ts';

/**
 * The real router, called in process with the real context, as `user` (by default the local
 * planner, as `npm start` runs; null: nobody signed in).
 */
export const callerFor = (db: Db, user: SessionUser | null = LOCAL_USER, services?: AppServices) =>
  createCallerFactory(appRouter)(createAppContext(db, user, services));

/** The TRPCError code a call rejects with (fails the test when it resolves or throws something else). */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return (err as TRPCError).code;
}

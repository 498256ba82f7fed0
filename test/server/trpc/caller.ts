import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { Db } from '../../../server/store/db.ts';
import { createAppContext } from '../../../server/trpc/context.ts';
import { appRouter } from '../../../server/trpc/routers/_app.ts';
import { createCallerFactory } from '../../../server/trpc/trpc.ts';

/** The real router, called in process with the real context. */
export const callerFor = (db: Db) => createCallerFactory(appRouter)(createAppContext(db));

/** The TRPCError code a call rejects with (fails the test when it resolves or throws something else). */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return (err as TRPCError).code;
}

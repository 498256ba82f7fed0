import { changePasswordInputSchema, loginInputSchema } from '../../domain/user.ts';
import { changePassword, login, logout } from '../../auth/accounts.ts';
import { publicProcedure, router, viewerProcedure } from '../trpc.ts';

export const authRouter = router({
  /** Who is asking, and how the server knows: the local planner in local mode, or the signed-in user (null if none). */
  me: publicProcedure.query(({ ctx }) => ({ mode: ctx.security.authMode, user: ctx.user })),
  /** Signs in: sets the httpOnly session cookie. Failures are limited per name and address. */
  login: publicProcedure.input(loginInputSchema).mutation(({ ctx, input }) => login(ctx, input)),
  /** Ends this session. */
  logout: publicProcedure.mutation(({ ctx }) => logout(ctx)),
  /** Changes one's own password; other sessions of the user end. */
  changePassword: viewerProcedure.input(changePasswordInputSchema).mutation(({ ctx, input }) => changePassword(ctx, input)),
});

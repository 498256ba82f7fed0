import { createUserInputSchema, resetPasswordInputSchema, setDisabledInputSchema, setRoleInputSchema } from '../../domain/user.ts';
import { createUser, resetPassword, setDisabled, setRole } from '../../auth/accounts.ts';
import { listUsers } from '../../store/users.ts';
import { adminProcedure, router } from '../trpc.ts';

/** User management, for admins. */
export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure.input(createUserInputSchema).mutation(({ ctx, input }) => createUser(ctx, input)),
  setRole: adminProcedure.input(setRoleInputSchema).mutation(({ ctx, input }) => setRole(ctx, input)),
  /** Disabling signs the user out everywhere; the last active admin cannot be disabled or demoted. */
  setDisabled: adminProcedure.input(setDisabledInputSchema).mutation(({ ctx, input }) => setDisabled(ctx, input)),
  /** Sets a new password and ends the user's sessions. */
  resetPassword: adminProcedure.input(resetPasswordInputSchema).mutation(({ ctx, input }) => resetPassword(ctx, input)),
});

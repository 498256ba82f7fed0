import { auditListInputSchema } from '../../domain/user.ts';
import { listAudit } from '../../store/audit.ts';
import { adminProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  /** Audited mutations, newest first, filtered by user name and procedure path (or its beginning). */
  list: adminProcedure.input(auditListInputSchema).query(({ ctx, input }) => listAudit(ctx.db, input)),
});

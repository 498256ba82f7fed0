import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publishSnapshotSchema, snapshotTokenSchema } from '../../domain/index.ts';
import { snapshotOf } from '../../results/snapshot_payload.ts';
import { getScenario } from '../../store/scenarios.ts';
import { insertSnapshot, listSnapshots, revokeSnapshot, snapshotPayload } from '../../store/snapshots.ts';
import { resolveAnalysis } from '../resolve_dataset.ts';
import { plannerProcedure, publicProcedure, router } from '../trpc.ts';
import { unitIndexOf } from '../unit_index.ts';
import { resolveParams } from '../../domain/index.ts';

export const snapshotsRouter = router({
  /** Freezes what a viewer would see of a unit (and a scenario's totals) behind an unguessable link. */
  publish: plannerProcedure.input(publishSnapshotSchema).mutation(async ({ ctx, input }) => {
    const params = resolveParams(input.params);
    const loaded = await resolveAnalysis(ctx, input.datasetId, params);
    const unit = input.code === null ? null : unitIndexOf(loaded.columns, input.code);
    const scenario = input.scenarioId === null ? null : getScenario(ctx.db, input.scenarioId);
    if (input.scenarioId !== null && !scenario) throw new TRPCError({ code: 'NOT_FOUND', message: `no scenario ${input.scenarioId}` });
    const payload = snapshotOf(loaded, params, unit, scenario, { title: input.title, view: input.view, threshold: ctx.security.privacyThreshold });
    const row = insertSnapshot(ctx.db, { datasetId: loaded.dataset.id, scenarioId: input.scenarioId, payload, createdBy: ctx.user?.name ?? '' });
    ctx.audit.after = { id: row.id, title: row.title, datasetId: row.datasetId, scenarioId: row.scenarioId };
    return row;
  }),

  list: plannerProcedure.query(({ ctx }) => listSnapshots(ctx.db)),

  revoke: plannerProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => {
    if (!revokeSnapshot(ctx.db, input.id)) throw new TRPCError({ code: 'NOT_FOUND', message: `no live snapshot ${input.id}` });
    ctx.audit.before = { id: input.id, revoked: false };
    ctx.audit.after = { id: input.id, revoked: true };
    return { revoked: true };
  }),

  /** A published snapshot, for anyone holding its link; NOT_FOUND once revoked. */
  view: publicProcedure.input(z.object({ token: snapshotTokenSchema })).query(({ ctx, input }) => {
    const payload = snapshotPayload(ctx.db, input.token);
    if (!payload) throw new TRPCError({ code: 'NOT_FOUND', message: 'this snapshot link does not exist or was revoked' });
    return payload;
  }),
});

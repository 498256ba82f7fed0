import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalysisParamsInput, PublishSnapshotInput } from '../../../server/domain/index.ts';
import { boundaryUrl } from '../map/basemap_style.ts';
import type { Boundaries, BoundaryLayer } from './boundaries.ts';
import { errorCodeOf, HttpError, worthRetrying } from './errors.ts';
import { useTRPC } from './trpc.ts';

/**
 * Hooks of the reach, snapshot and presentation pages. A viewer's page asks for nothing but
 * reach.summary and boundaries: every figure it shows comes from the server already protected.
 */

/** What the programme reaches in a unit (null: the whole current dataset), as the caller may see it. */
export function useReach(code: string | null, params: AnalysisParamsInput = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.reach.summary.queryOptions({ code, params }), placeholderData: (previous) => previous });
}

/** Where boundaries come from: a dataset (signed in) or a snapshot's link (anyone holding it). */
export type BoundarySource = { datasetId: number; snapshot?: undefined } | { snapshot: string; datasetId?: number };

export async function fetchBoundaryLayer(layer: BoundaryLayer, source: BoundarySource): Promise<Boundaries> {
  const res = await fetch(boundaryUrl(layer, source.datasetId, source.snapshot));
  if (!res.ok) throw new HttpError(res.status, `${layer}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Boundaries;
}

/** A boundary layer of a dataset or of a snapshot; nothing while the source is unknown. */
export function useBoundaryLayer(layer: BoundaryLayer, source: BoundarySource | null) {
  return useQuery({
    queryKey: ['boundaries', source?.snapshot ? `snapshot:${source.snapshot}` : source?.datasetId, layer],
    queryFn: () => fetchBoundaryLayer(layer, source!),
    enabled: source !== null,
    staleTime: Infinity,
  });
}

/** Every published snapshot, newest first, revoked ones marked (planners only). */
export function useSnapshotList(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.snapshots.list.queryOptions(), enabled });
}

/** Publishing and revoking snapshots; both refresh the list. */
export function useSnapshotChanges() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: trpc.snapshots.pathKey() });
  return {
    publish: useMutation({ ...trpc.snapshots.publish.mutationOptions(), onSuccess: refresh }),
    revoke: useMutation({ ...trpc.snapshots.revoke.mutationOptions(), onSuccess: refresh }),
  };
}
export type PublishInput = PublishSnapshotInput;

/** A published snapshot by its token (no account needed); an error with code NOT_FOUND once revoked or unknown. */
export function useSnapshot(token: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.snapshots.view.queryOptions({ token: token ?? '' }),
    enabled: token !== null && token.length > 0,
    staleTime: Infinity,
    retry: (count, err) => count < 1 && worthRetrying(err) && errorCodeOf(err) !== 'NOT_FOUND' && errorCodeOf(err) !== 'BAD_REQUEST',
  });
}

/** The link of a snapshot, on this server. */
export function snapshotUrl(token: string): string {
  return `${window.location.origin}/s/${token}`;
}

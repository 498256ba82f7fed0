import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc.ts';
import { fetchVillagePoints } from './village_points.ts';
import { fetchBoundaries, type BoundaryLayer } from './boundaries.ts';

export function useCurrentDataset() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.datasets.list.queryOptions());
  return data?.[0] ?? null;
}

export function useSummary(datasetId: number | undefined, code: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.units.summary.queryOptions({ datasetId, code }), enabled: datasetId !== undefined });
}

export function useChildUnits(datasetId: number | undefined, code: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.units.children.queryOptions({ datasetId, code }), enabled: datasetId !== undefined });
}

export function useVillagePoints(datasetId: number | undefined) {
  return useQuery({
    queryKey: ['villagePoints', datasetId],
    queryFn: () => fetchVillagePoints(datasetId!),
    enabled: datasetId !== undefined,
    staleTime: Infinity,
  });
}

export function useBoundaries(datasetId: number | undefined, layer: BoundaryLayer) {
  return useQuery({
    queryKey: ['boundaries', datasetId, layer],
    queryFn: () => fetchBoundaries(datasetId!, layer),
    enabled: datasetId !== undefined,
    staleTime: Infinity,
  });
}

import { useQuery } from '@tanstack/react-query';
import type { AnalysisParamsInput, ServiceType } from '../../../server/domain/index.ts';
import { useTRPC } from './trpc.ts';
import { fetchServicePoints, fetchVillageAnalysis, fetchVillagePoints, fetchWorkers } from './village_points.ts';
import { fetchBoundaries, type BoundaryLayer } from './boundaries.ts';

/** The version the dashboard shows: the last one loaded, imported or restored (not always the newest). */
export function useCurrentDataset() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.datasets.current.queryOptions());
  return data ?? null;
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

/** A boundary layer; null (or enabled false) fetches nothing, so large layers load only when needed. */
export function useBoundaries(datasetId: number | undefined, layer: BoundaryLayer | null, enabled = true) {
  return useQuery({
    queryKey: ['boundaries', datasetId, layer],
    queryFn: () => fetchBoundaries(datasetId!, layer!),
    enabled: enabled && layer !== null && datasetId !== undefined,
    staleTime: Infinity,
  });
}

export function useVillageAnalysis(datasetId: number | undefined, type: string, params: unknown, enabled = true) {
  return useQuery({
    queryKey: ['villageAnalysis', datasetId, type, params],
    queryFn: () => fetchVillageAnalysis(datasetId!, type, params),
    enabled: enabled && datasetId !== undefined,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

export function useServicePoints(datasetId: number | undefined, enabled: boolean) {
  return useQuery({ queryKey: ['servicePoints', datasetId], queryFn: () => fetchServicePoints(datasetId!), enabled: enabled && datasetId !== undefined, staleTime: Infinity });
}

export function useWorkers(datasetId: number | undefined, params: unknown, enabled: boolean) {
  return useQuery({
    queryKey: ['workers', datasetId, params],
    queryFn: () => fetchWorkers(datasetId!, params),
    enabled: enabled && datasetId !== undefined,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

export function useVillageCard(datasetId: number | undefined, code: string | null, params: AnalysisParamsInput) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.analysis.village.queryOptions({ datasetId, code: code ?? '000000000000', params }), enabled: datasetId !== undefined && code !== null });
}

export function useUnitPath(datasetId: number | undefined, code: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.units.path.queryOptions({ datasetId, code: code ?? '00' }), enabled: datasetId !== undefined && code !== null });
}

export function useSearch(datasetId: number | undefined, q: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.units.search.queryOptions({ datasetId, q: q || ' ' }), enabled: datasetId !== undefined && q.trim().length > 0 });
}

/** Villages of a unit (null: the whole dataset) per distance bin to the nearest service of a type, with its standard. */
export function useDistanceHistogram(datasetId: number | undefined, code: string | null, type: ServiceType, params?: AnalysisParamsInput, binKm?: number) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.analysis.distanceHistogram.queryOptions({ datasetId, code, type, params, binKm }),
    enabled: datasetId !== undefined,
    placeholderData: (previous) => previous,
  });
}

/** Villages newly covered and covered in all, year by year, in a unit (null: the whole dataset). */
export function useGrowth(datasetId: number | undefined, code: string | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.units.growth.queryOptions({ datasetId, code }), enabled: datasetId !== undefined, staleTime: Infinity });
}

/** Coverage figures (analysis.coverage) of a unit (null: the whole dataset) and of each unit one level down. */
export function useCoverage(datasetId: number | undefined, code: string | null, params?: AnalysisParamsInput) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.analysis.coverage.queryOptions({ datasetId, code, params }),
    enabled: datasetId !== undefined,
    placeholderData: (previous) => previous,
  });
}

/** The top `count` ranked gap villages (analysis.gaps) of a unit (null: the whole dataset). */
export function useTopGaps(datasetId: number | undefined, code: string | null, params: AnalysisParamsInput, enabled: boolean, count = 100) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.analysis.gaps.queryOptions({ datasetId, code, params, pageSize: count }),
    enabled: enabled && datasetId !== undefined,
    placeholderData: (previous) => previous,
  });
}

/** Worker catchment polygons (analysis.catchments) of a county or township; nothing for a larger unit. */
export function useCatchments(datasetId: number | undefined, code: string | null, params: AnalysisParamsInput, enabled: boolean) {
  const trpc = useTRPC();
  const drawable = code !== null && code.length >= 6;
  return useQuery({
    ...trpc.analysis.catchments.queryOptions({ datasetId, code: code ?? '000000', params }),
    enabled: enabled && drawable && datasetId !== undefined,
    staleTime: Infinity,
  });
}

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { HttpError } from './errors.ts';

export type BoundaryLayer = 'countries' | 'provinces' | 'prefectures' | 'counties' | 'townships';
export interface BoundaryProps {
  code?: string;
  name: string;
  /** label point [lon, lat] */
  label?: [number, number];
}
export type Boundaries = FeatureCollection<Polygon | MultiPolygon, BoundaryProps>;

export async function fetchBoundaries(datasetId: number, layer: BoundaryLayer): Promise<Boundaries> {
  const res = await fetch(`/api/boundaries/${layer}.geojson?dataset=${datasetId}`);
  if (!res.ok) throw new HttpError(res.status, `${layer}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Boundaries;
}

import { useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import type { ReachSummary } from '../../../../server/domain/index.ts';
import { useBoundaryLayer, type BoundarySource } from '../../api/reach.ts';
import type { BasemapData } from '../../map/basemap_style.ts';
import type { Bounds } from '../../map/bounds.ts';
import { reachBounds, reachChoroplethData, reachLayer } from '../../map/reach_layer.ts';
import type { MapSource } from '../../exports/png.ts';

/**
 * The reach map's data: the offline basemap and the county boundaries of the summary's dataset
 * (through a snapshot's link when it is one), the counties filled by covered share, and where
 * the map looks. The same source draws the page's map and the exported ones.
 */
export function useReachMap(summary: ReachSummary | undefined, source: BoundarySource | null) {
  const countries = useBoundaryLayer('countries', source);
  const provinces = useBoundaryLayer('provinces', source);
  const prefectures = useBoundaryLayer('prefectures', source);
  const counties = useBoundaryLayer('counties', source);
  // the map is made once per basemap: it must not change with each new (equal) source object
  const datasetId = source?.datasetId;
  const snapshot = source?.snapshot;
  const basemap = useMemo<BasemapData | null>(
    () =>
      countries.data && provinces.data && prefectures.data
        ? { countries: countries.data, provinces: provinces.data, prefectures: prefectures.data, datasetId, snapshot }
        : null,
    [datasetId, snapshot, countries.data, provinces.data, prefectures.data],
  );
  const byCounty = summary?.byCounty;
  const choropleth = useMemo(() => (counties.data && byCounty ? reachChoroplethData(counties.data, byCounty) : null), [counties.data, byCounty]);
  const unitCode = summary?.unit.code ?? null;
  const provinceCodes = (summary?.byProvince ?? []).map((p) => p.code).join(',');
  // the same place whichever layer arrived last: a new array only when the box changes, so the camera moves only then
  const box = useMemo(
    () => reachBounds(provinces.data, counties.data, unitCode, provinceCodes ? provinceCodes.split(',') : []),
    [provinces.data, counties.data, unitCode, provinceCodes],
  );
  const boundsKey = JSON.stringify(box);
  const bounds = useMemo(() => JSON.parse(boundsKey) as Bounds, [boundsKey]);
  const layers = useMemo(() => (): Layer[] => (choropleth ? [reachLayer(choropleth)] : []), [choropleth]);
  const mapSource = useMemo<MapSource | null>(() => (basemap && choropleth ? { basemap, bounds, layers } : null), [basemap, choropleth, bounds, layers]);
  const error = [countries, provinces, prefectures, counties].find((q) => q.error)?.error ?? null;
  return { basemap, bounds, layers, choropleth, mapSource, error };
}
export type ReachMapData = ReturnType<typeof useReachMap>;

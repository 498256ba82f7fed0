import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CatchmentProps } from '../../../server/engine/worker_catchments.ts';
import { WORKER_OK_RGB, WORKER_OVERLOADED_RGB } from './point_layers.ts';

export type Catchments = FeatureCollection<Polygon | MultiPolygon, CatchmentProps>;

/** Outline colours: the worker colours of the workers overlay, so a catchment and its worker agree. */
export const CATCHMENT_RGB = WORKER_OK_RGB;
export const CATCHMENT_OVER_RGB = WORKER_OVERLOADED_RGB;
export const CATCHMENT_FILL_ALPHA = 30;

/** More vulnerable children look to the worker than their caseload capacity (with capacity off, their caseload exceeds it). */
export function catchmentOverCapacity(p: CatchmentProps): boolean {
  return p.demand > p.capacity || p.caseload > p.capacity;
}

/** Worker catchments of a county or township: a light fill and an outline, red where the worker is over capacity. */
export function catchmentsLayer(data: Catchments, view: { zoom: number }) {
  const wide = view.zoom >= 10 ? 1 : 0;
  return new GeoJsonLayer<CatchmentProps>({
    id: 'catchments',
    data,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...(catchmentOverCapacity(f.properties) ? CATCHMENT_OVER_RGB : CATCHMENT_RGB), CATCHMENT_FILL_ALPHA],
    getLineColor: (f) => [...(catchmentOverCapacity(f.properties) ? CATCHMENT_OVER_RGB : CATCHMENT_RGB), 230],
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (catchmentOverCapacity(f.properties) ? 2 : 1) + wide,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    updateTriggers: { getLineWidth: wide },
  });
}

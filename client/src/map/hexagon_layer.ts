import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Color } from '@deck.gl/core';
import { DISTANCE_CLASS_RGB, type Rgb } from './village_colors.ts';

/** Below this zoom, distance colours are drawn as hexagons of villages; from it on, as village points. */
export const HEXAGON_MAX_ZOOM = 6;

/** Hexagon radius for a zoom: about seven pixels at any zoom below HEXAGON_MAX_ZOOM (30 km at zoom 5, 60 km at 4...). */
export function hexagonRadiusKm(zoom: number): number {
  const z = Math.max(2, Math.min(HEXAGON_MAX_ZOOM - 1, Math.floor(zoom)));
  return 30 * 2 ** (HEXAGON_MAX_ZOOM - 1 - z);
}

/** Village positions and their distance (km) to one service type, with that type's standard. */
export interface HexagonData {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 } };
  km: Float32Array;
  standardKm: number;
}

export function hexagonData(positions: Float32Array, km: Float32Array, standardKm: number): HexagonData {
  return { length: km.length, attributes: { getPosition: { value: positions, size: 2 } }, km, standardKm };
}

/** Mean distance (km) of the villages at these indices that have the service at all; null if none has. */
export function meanKm(km: Float32Array, indices: ArrayLike<number>): number | null {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < indices.length; k++) {
    const x = km[indices[k]];
    if (Number.isFinite(x)) {
      sum += x;
      n++;
    }
  }
  return n ? sum / n : null;
}

/**
 * Classes of the mean distance: the same breaks and colours as villages coloured by distance
 * (half the standard, the standard, twice the standard).
 */
export function hexagonClasses(standardKm: number): { from: number; to: number; rgb: Rgb }[] {
  const s = standardKm;
  return [
    { from: 0, to: s / 2, rgb: DISTANCE_CLASS_RGB[0] },
    { from: s / 2, to: s, rgb: DISTANCE_CLASS_RGB[1] },
    { from: s, to: 2 * s, rgb: DISTANCE_CLASS_RGB[2] },
    { from: 2 * s, to: Infinity, rgb: DISTANCE_CLASS_RGB[3] },
  ];
}

/**
 * The colour value of a hexagon is its mean distance over the standard, capped at 2.5: with a
 * quantized range of five colours over [0, 2.5], steps of half a standard give the four classes.
 * Module-level, so that a new layer does not re-aggregate unless its data or radius changes.
 */
export const RATIO_CAP = 2.5;
export const HEXAGON_COLOR_RANGE: Color[] = [DISTANCE_CLASS_RGB[0], DISTANCE_CLASS_RGB[1], DISTANCE_CLASS_RGB[2], DISTANCE_CLASS_RGB[2], DISTANCE_CLASS_RGB[3]].map((c) => [...c, 255] as Color);
export function hexagonColorValue(_points: unknown[], { indices, data }: { indices: number[]; data: unknown }): number {
  const { km, standardKm } = data as HexagonData;
  const mean = meanKm(km, indices);
  return mean === null ? NaN : Math.min(RATIO_CAP, mean / standardKm);
}

/** Villages aggregated to hexagons coloured by their mean distance to a service type against its standard (CPU aggregation). */
export function hexagonLayer(data: HexagonData, view: { zoom: number }) {
  return new HexagonLayer({
    id: 'distance-hexagons',
    data,
    radius: hexagonRadiusKm(view.zoom) * 1000,
    gpuAggregation: false,
    getColorValue: hexagonColorValue,
    colorScaleType: 'quantize',
    colorDomain: [0, RATIO_CAP],
    colorRange: HEXAGON_COLOR_RANGE,
    coverage: 0.92,
    extruded: false,
    opacity: 0.85,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
  });
}

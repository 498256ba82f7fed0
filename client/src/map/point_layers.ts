import { ScatterplotLayer } from '@deck.gl/layers';
import type { PointsWithValue } from '../api/village_points.ts';
import type { Rgb } from './village_colors.ts';

export const SERVICE_TYPE_RGB: readonly Rgb[] = [
  [117, 60, 160], // station
  [220, 40, 110], // health
  [40, 110, 200], // school
  [0, 150, 160], // disability
  [150, 90, 40], // welfare
  [30, 30, 90], // police
];
export const WORKER_OK_RGB: Rgb = [40, 90, 180];
export const WORKER_OVERLOADED_RGB: Rgb = [200, 30, 30];

/** The service points of one type (index into SERVICE_TYPES), as interleaved positions. */
export function positionsOfType(points: PointsWithValue, type: number): Float32Array {
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) if (points.value[i] === type) out.push(points.positions[2 * i], points.positions[2 * i + 1]);
  return Float32Array.from(out);
}

/** Service points of one type, outlined dots above the villages. */
export function servicePointsLayer(positions: Float32Array, type: number, zoom: number) {
  return new ScatterplotLayer({
    id: 'service-points',
    data: { length: positions.length / 2, attributes: { getPosition: { value: positions, size: 2 } } },
    getFillColor: [...SERVICE_TYPE_RGB[type], 255],
    getLineColor: [255, 255, 255, 255],
    stroked: true,
    lineWidthMinPixels: 1,
    radiusUnits: 'pixels',
    getRadius: zoom < 6 ? 3 : zoom < 8 ? 4.5 : 6,
    updateTriggers: { getFillColor: type, getRadius: zoom < 6 ? 0 : zoom < 8 ? 1 : 2 },
  });
}

/** Worker colours: red where more vulnerable children look to them than their capacity. */
export function workerColors(points: PointsWithValue): Uint8Array {
  const colors = new Uint8Array(points.length * 4);
  for (let i = 0; i < points.length; i++) colors.set([...(points.value[i] > 1 ? WORKER_OVERLOADED_RGB : WORKER_OK_RGB), 255], 4 * i);
  return colors;
}

export function workersLayer(points: PointsWithValue, colors: Uint8Array, zoom: number) {
  return new ScatterplotLayer({
    id: 'workers',
    data: { length: points.length, attributes: { getPosition: { value: points.positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } },
    radiusUnits: 'pixels',
    getRadius: zoom < 7 ? 1.5 : 3,
    stroked: false,
    updateTriggers: { getRadius: zoom < 7 ? 0 : 1 },
  });
}

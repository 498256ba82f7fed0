import { ScatterplotLayer } from '@deck.gl/layers';
import type { VillagePoints } from '../api/village_points.ts';

/** Villages as points in the given colours; binary attributes, no per-object accessors. Pickable for the village card. */
export function villageLayer(points: VillagePoints, colors: Uint8Array, zoom: number) {
  const size = zoom < 6 ? 0 : zoom < 8 ? 1 : 2;
  return new ScatterplotLayer({
    id: 'villages',
    data: {
      length: points.length,
      attributes: {
        getPosition: { value: points.positions, size: 2 },
        getFillColor: { value: colors, size: 4, normalized: true },
      },
    },
    radiusUnits: 'pixels',
    getRadius: [1.5, 2.5, 4][size],
    radiusMinPixels: 1,
    pickable: true,
    updateTriggers: { getRadius: size },
  });
}

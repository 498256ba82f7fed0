import type { VillagePoints } from '../api/village_points.ts';
import { DotLayer } from './dot_layer.ts';

/** Villages as dots in the given colours; binary attributes, no per-object accessors. Pickable for the village card. */
export function villageLayer(points: VillagePoints, colors: Uint8Array, zoom: number) {
  return new DotLayer({
    id: 'villages',
    data: {
      length: points.length,
      attributes: {
        getPosition: { value: points.positions, size: 2 },
        getFillColor: { value: colors, size: 4, normalized: true },
      },
    },
    radiusPixels: zoom < 6 ? 1.5 : zoom < 8 ? 2.5 : 4,
    pickable: true,
  });
}

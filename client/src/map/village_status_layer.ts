import { ScatterplotLayer } from '@deck.gl/layers';
import type { VillagePoints } from '../api/village_points.ts';
import { STATUS_COLORS } from './colors.ts';

/** Per-village RGBA colours by coverage: computed once per dataset, not per frame. */
export function coverageColors(points: VillagePoints): Uint8Array {
  const colors = new Uint8Array(points.length * 4);
  for (let i = 0; i < points.length; i++) {
    const c = points.coveredSince[i] > 0 ? STATUS_COLORS.covered : STATUS_COLORS.notCovered;
    colors.set([c[0], c[1], c[2], 220], i * 4);
  }
  return colors;
}

/** Villages as points coloured covered / not covered; binary attributes, no per-object accessors. */
export function villageStatusLayer(points: VillagePoints, colors: Uint8Array, zoom: number) {
  return new ScatterplotLayer({
    id: 'village-status',
    data: {
      length: points.length,
      attributes: {
        getPosition: { value: points.positions, size: 2 },
        getFillColor: { value: colors, size: 4, normalized: true },
      },
    },
    radiusUnits: 'pixels',
    getRadius: zoom < 6 ? 1.5 : zoom < 8 ? 2.5 : 4,
    radiusMinPixels: 1,
    updateTriggers: { getRadius: zoom < 6 ? 0 : zoom < 8 ? 1 : 2 },
  });
}

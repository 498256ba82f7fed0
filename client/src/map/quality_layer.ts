import { ScatterplotLayer } from '@deck.gl/layers';
import { VILLAGE_FLAGS, type VillageFlag } from '../../../server/domain/import.ts';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/routers/_app.ts';
import type { VillagePoints } from '../api/village_points.ts';
import type { Rgb } from './village_colors.ts';

/**
 * The data-quality overlay: rings around villages whose data looks wrong, coloured by the most
 * serious problem, and workers far from their roster villages. Colours none of the village or
 * gap layers use, so the rings read over any colouring.
 */
export const QUALITY_RGB: Record<VillageFlag | 'workerFar', Rgb> = {
  outsideCounty: [120, 0, 60],
  outsideTownship: [230, 60, 140],
  duplicatePosition: [0, 110, 230],
  zeroPopulation: [90, 90, 90],
  workerFar: [250, 140, 0],
};

/** Most serious first: a village flagged twice is drawn in the first colour. */
export const QUALITY_ORDER: VillageFlag[] = ['outsideCounty', 'outsideTownship', 'duplicatePosition', 'zeroPopulation'];

/** The i18n key naming each village flag. */
export const QUALITY_LABEL_KEYS = {
  outsideCounty: 'qualityOutsideCounty',
  outsideTownship: 'qualityOutsideTownship',
  duplicatePosition: 'qualityDuplicatePosition',
  zeroPopulation: 'qualityZeroPopulation',
} as const satisfies Record<VillageFlag, string>;

/** What quality.flags answers. */
export type QualityFlags = inferRouterOutputs<AppRouter>['quality']['flags'];

export interface QualityPoints {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
}

/** Flagged villages at their layer positions, and far workers at theirs, each with its ring colour. */
export function qualityPoints(q: QualityFlags, villages: VillagePoints): QualityPoints {
  const n = q.villages.index.length + q.workers.id.length;
  const positions = new Float32Array(n * 2);
  const colors = new Uint8Array(n * 4);
  let k = 0;
  q.villages.index.forEach((i, j) => {
    if (i >= villages.length) return;
    const flag = QUALITY_ORDER.find((f) => q.villages.flags[j] & VILLAGE_FLAGS[f]) ?? 'zeroPopulation';
    positions.set([villages.positions[2 * i], villages.positions[2 * i + 1]], 2 * k);
    colors.set([...QUALITY_RGB[flag], 255], 4 * k);
    k++;
  });
  q.workers.id.forEach((_, w) => {
    positions.set([q.workers.lon[w], q.workers.lat[w]], 2 * k);
    colors.set([...QUALITY_RGB.workerFar, 255], 4 * k);
    k++;
  });
  return { length: k, positions: positions.subarray(0, 2 * k), colors: colors.subarray(0, 4 * k) };
}

export function qualityLayer(data: QualityPoints, view: { zoom: number }) {
  const radius = view.zoom < 6 ? 4 : view.zoom < 8 ? 6 : 8;
  return new ScatterplotLayer({
    id: 'quality',
    data: { length: data.length, attributes: { getPosition: { value: data.positions, size: 2 }, getLineColor: { value: data.colors, size: 4, normalized: true } } },
    radiusUnits: 'pixels',
    getRadius: radius,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    updateTriggers: { getRadius: radius },
  });
}

import type { VillageAnalysisColumns, VillagePoints } from '../api/village_points.ts';
import type { ColorMode } from '../views/planner/view_state.ts';
import { VILLAGE_STATUS_COLORS } from './colors.ts';

export type Rgb = readonly [number, number, number];

/** Status of a village in the worker network, in the order the server sends (0, 1, 2). */
export const VILLAGE_STATUS_RGB: readonly Rgb[] = [VILLAGE_STATUS_COLORS.served, VILLAGE_STATUS_COLORS.overCapacity, VILLAGE_STATUS_COLORS.notCovered];

/** Distance classes against the service standard: within half, within, up to twice, beyond twice. */
export const DISTANCE_CLASS_RGB: readonly Rgb[] = [
  [26, 152, 80],
  [166, 217, 106],
  [253, 174, 97],
  [215, 25, 28],
];
export const NO_SERVICE_RGB: Rgb = [120, 120, 120];

export function distanceClass(km: number, standardKm: number): number {
  if (!Number.isFinite(km)) return -1;
  if (km <= standardKm / 2) return 0;
  if (km <= standardKm) return 1;
  if (km <= standardKm * 2) return 2;
  return 3;
}

/**
 * RGBA per village for a colour mode: programme coverage, status in the worker network, or
 * distance to the chosen service type against its standard. Computed once per change of mode
 * or data, never per frame.
 */
export function villageColors(
  mode: ColorMode,
  points: VillagePoints,
  analysis: VillageAnalysisColumns | undefined,
  standardKm: number,
  coverageRgb: { covered: Rgb; notCovered: Rgb },
): Uint8Array {
  const colors = new Uint8Array(points.length * 4);
  for (let i = 0; i < points.length; i++) {
    let c: Rgb;
    if (mode === 'status' && analysis) c = VILLAGE_STATUS_RGB[analysis.status[i]];
    else if (mode === 'distance' && analysis) {
      const k = distanceClass(analysis.km[i], standardKm);
      c = k < 0 ? NO_SERVICE_RGB : DISTANCE_CLASS_RGB[k];
    } else c = points.coveredSince[i] > 0 ? coverageRgb.covered : coverageRgb.notCovered;
    colors[4 * i] = c[0];
    colors[4 * i + 1] = c[1];
    colors[4 * i + 2] = c[2];
    colors[4 * i + 3] = 220;
  }
  return colors;
}

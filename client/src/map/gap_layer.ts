import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { GapRow } from '../../../server/domain/index.ts';
import type { VillagePoints } from '../api/village_points.ts';
import type { Rgb } from './village_colors.ts';

/** The ring colour of ranked gap villages: a magenta no village colour comes near. */
export const GAP_RING_RGB: Rgb = [200, 0, 200];
/** Ranks are written from this zoom on; below it they would pile up. Hover shows them at every zoom. */
export const GAP_LABEL_MIN_ZOOM = 8;

export interface GapPoint {
  position: [number, number];
  row: GapRow;
}

/** The index of a village in the village layer by its 12-digit code (the layer is in code order), or -1. */
export function villageIndexOf(codes: Float64Array, code: string): number {
  const x = Number(code);
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (codes[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo < codes.length && codes[lo] === x) return lo;
  // not in code order after all: look it up the slow way
  return codes.indexOf(x);
}

/** Ranked gap rows placed at their village; rows whose village is not in the layer are left out. Highest rank drawn last (on top). */
export function gapPoints(rows: GapRow[], villages: VillagePoints): GapPoint[] {
  const out: GapPoint[] = [];
  for (const row of rows) {
    const i = villageIndexOf(villages.code, row.code);
    if (i >= 0) out.push({ position: [villages.positions[2 * i], villages.positions[2 * i + 1]], row });
  }
  return out.reverse();
}

function ringRadius(zoom: number): number {
  return zoom < 6 ? 5 : zoom < 8 ? 7 : 9;
}

/** The top gap villages as rings over everything else, pickable for their rank and need. */
export function gapLayer(data: GapPoint[], view: { zoom: number }) {
  const radius = ringRadius(view.zoom);
  return new ScatterplotLayer<GapPoint>({
    id: 'gap-villages',
    data,
    getPosition: (d) => d.position,
    radiusUnits: 'pixels',
    getRadius: radius,
    filled: true,
    getFillColor: [...GAP_RING_RGB, 40],
    stroked: true,
    getLineColor: [...GAP_RING_RGB, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: true,
    updateTriggers: { getRadius: radius },
  });
}

/** The rank of each gap village, written above its ring when zoomed in (GAP_LABEL_MIN_ZOOM). */
export function gapRankLayer(data: GapPoint[], view: { zoom: number }) {
  const radius = ringRadius(view.zoom);
  return new TextLayer<GapPoint>({
    id: 'gap-ranks',
    data,
    getPosition: (d) => d.position,
    getText: (d) => String(d.row.rank),
    getSize: 11,
    getColor: [...GAP_RING_RGB, 255],
    getPixelOffset: [0, -(radius + 8)],
    fontFamily: 'sans-serif',
    fontWeight: 600,
    characterSet: '0123456789',
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    updateTriggers: { getPixelOffset: radius },
  });
}

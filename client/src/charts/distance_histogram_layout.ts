import { max, scaleLinear, type ScaleLinear } from 'd3';
import type { DistanceHistogramResult } from '../../../server/results/distance_histogram.ts';

/** What analysis.distanceHistogram returns. */
export type DistanceHistogramData = DistanceHistogramResult;

/** Space around the plot: the title above, tick labels and axis titles left and below. */
export const HISTOGRAM_MARGIN = { top: 34, right: 16, bottom: 42, left: 60 } as const;
/** Gap between the last bin and the bar of villages beyond it, px. */
export const OVER_GAP = 10;
/** Ticks nearer than this (px) to the end of the bins are left out when the beyond bar has its label. */
export const OVER_TICK_CLEARANCE = 24;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HistogramBar extends Rect {
  index: number;
  fromKm: number;
  toKm: number;
  count: number;
  /** the bin starts at or beyond the standard */
  beyondStandard: boolean;
}

export interface DistanceHistogramLayout {
  width: number;
  height: number;
  /** the plot area in SVG coordinates (the over bar sits inside it, right of the bins) */
  plot: Rect;
  /** where the bins end, km: counts.length × binKm */
  maxKm: number;
  /** km → x, over [0, maxKm] */
  x: ScaleLinear<number, number>;
  /** villages → y */
  y: ScaleLinear<number, number>;
  bars: HistogramBar[];
  /** villages at or beyond maxKm (or with no such service), as a bar apart; null when there are none */
  over: (Rect & { count: number; fromKm: number }) | null;
  xTicks: { km: number; x: number }[];
  /** whole numbers of villages only */
  yTicks: { value: number; y: number }[];
  /** the service standard: x of its line, at the end of the bins (offScale) when the standard lies beyond them */
  standard: { km: number; x: number; offScale: boolean };
}

/**
 * Positions of everything the distance histogram draws, in SVG pixels, for a chart `width` ×
 * `height` (title and axes included). Pure: no DOM, so it is tested as a function.
 *
 * @example
 * const l = distanceHistogramLayout({ type: 'school', standardKm: 5, binKm: 1, counts: [3, 5, 2], over: 1, villages: 11 }, 400, 240);
 * l.bars[1].count; // 5
 * l.standard.offScale; // true: the standard lies beyond the 3 km the bins cover
 */
export function distanceHistogramLayout(data: DistanceHistogramData, width: number, height: number): DistanceHistogramLayout {
  const m = HISTOGRAM_MARGIN;
  const plot = { x: m.left, y: m.top, width: Math.max(1, width - m.left - m.right), height: Math.max(1, height - m.top - m.bottom) };
  const n = data.counts.length;
  const maxKm = n * data.binKm;
  const binPx = plot.width / Math.max(1, n);
  // villages beyond the bins get a bar of their own, a bin or two wide, apart from the bins
  const overWidth = data.over > 0 ? Math.min(28, Math.max(8, binPx * 1.5)) : 0;
  const binsRight = plot.x + plot.width - (data.over > 0 ? overWidth + OVER_GAP : 0);
  const x = scaleLinear().domain([0, maxKm || 1]).range([plot.x, binsRight]);
  const top = Math.max(1, max(data.counts) ?? 0, data.over);
  const y = scaleLinear().domain([0, top]).range([plot.y + plot.height, plot.y]).nice();
  const baseline = y(0);
  const gap = x(data.binKm) - x(0) > 4 ? 1 : 0;
  const bars = data.counts.map((count, index) => {
    const fromKm = index * data.binKm;
    const toKm = (index + 1) * data.binKm;
    const x0 = x(fromKm);
    return {
      index,
      fromKm,
      toKm,
      count,
      beyondStandard: fromKm >= data.standardKm - 1e-9 * data.standardKm,
      x: x0,
      y: y(count),
      width: Math.max(0, x(toKm) - x0 - gap),
      height: baseline - y(count),
    };
  });
  const over = data.over > 0 ? { count: data.over, fromKm: maxKm, x: binsRight + OVER_GAP, y: y(data.over), width: overWidth, height: baseline - y(data.over) } : null;
  // the beyond bar is labelled "≥ maxKm" below it: no tick crowds that label
  const xTicks = x
    .ticks(Math.max(2, Math.floor((binsRight - plot.x) / 60)))
    .map((km) => ({ km, x: x(km) }))
    .filter((t) => !over || t.x < binsRight - OVER_TICK_CLEARANCE);
  const yTicks = y
    .ticks(Math.max(2, Math.floor(plot.height / 40)))
    .filter(Number.isInteger)
    .map((value) => ({ value, y: y(value) }));
  const offScale = data.standardKm > maxKm;
  return {
    width,
    height,
    plot,
    maxKm,
    x,
    y,
    bars,
    over,
    xTicks,
    yTicks,
    standard: { km: data.standardKm, x: offScale ? binsRight : x(data.standardKm), offScale },
  };
}

import { max, scaleBand, scaleLinear, type ScaleLinear } from 'd3';
import type { Count } from '../../../server/domain/reach.ts';
import { fitLabel } from './coverage_bars_layout.ts';

/** One bar: a label and a count as the server gave it (a withheld "<5" draws as no bar). */
export interface ReachBarRow {
  key: string;
  label: string;
  value: Count;
}

export interface ReachBar extends ReachBarRow {
  /** the label cut to fit the label column */
  shortLabel: string;
  y: number;
  height: number;
  labelY: number;
  x: number;
  width: number;
}

export interface ReachBarsLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  x: ScaleLinear<number, number>;
  bars: ReachBar[];
}

export const REACH_BARS_MARGIN = { top: 28, right: 84, bottom: 6 } as const;

/**
 * Horizontal bars, one per row in the given order, from 0 to the largest count (d3 linear and
 * band scales); the names in a column on the left, the counts written at the bar ends. A withheld
 * count ("<5") has no bar, only its text. Pure: no DOM.
 *
 * @example
 * const l = reachBarsLayout([{ key: 'a', label: 'A', value: 10 }, { key: 'b', label: 'B', value: '<5' }], 300);
 * l.bars[1].width; // 0
 */
export function reachBarsLayout(rows: readonly ReachBarRow[], width: number, o: { rowHeight?: number; labelWidth?: number; fontSize?: number } = {}): ReachBarsLayout {
  const rowHeight = o.rowHeight ?? 24;
  const labelWidth = o.labelWidth ?? 120;
  const fontSize = o.fontSize ?? 12;
  const m = REACH_BARS_MARGIN;
  const plot = { x: labelWidth, y: m.top, width: Math.max(1, width - labelWidth - m.right), height: rows.length * rowHeight };
  const top = Math.max(1, max(rows, (r) => (typeof r.value === 'number' ? r.value : 0)) ?? 0);
  const x = scaleLinear().domain([0, top]).range([plot.x, plot.x + plot.width]);
  const band = scaleBand<string>()
    .domain(rows.map((r) => r.key))
    .range([plot.y, plot.y + plot.height])
    .paddingInner(0.25)
    .paddingOuter(0.125);
  const bars = rows.map((r) => {
    const y = band(r.key)!;
    const v = typeof r.value === 'number' ? r.value : 0;
    return { ...r, shortLabel: fitLabel(r.label, labelWidth - 8, fontSize), y, height: band.bandwidth(), labelY: y + band.bandwidth() / 2, x: plot.x, width: x(v) - plot.x };
  });
  return { width, height: m.top + plot.height + m.bottom, plot, x, bars };
}

import { scaleBand, scaleLinear, stack, type ScaleLinear } from 'd3';

export const COVERAGE_STATUSES = ['served', 'overCapacity', 'notCovered'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** One child unit's villages by status, as analysis.coverage gives them in `children`. */
export interface CoverageRow {
  code: string;
  name: string;
  served: number;
  overCapacity: number;
  notCovered: number;
  villages: number;
}

export interface CoverageSegment {
  status: CoverageStatus;
  villages: number;
  /** of the unit's villages, 0..1 */
  share: number;
  x: number;
  width: number;
}

export interface CoverageBar {
  code: string;
  name: string;
  /** the name cut to fit the label column (the full name goes in the tooltip) */
  label: string;
  villages: number;
  served: number;
  /** served / villages, 0..1 (0 for a unit without villages) */
  share: number;
  y: number;
  height: number;
  /** y of the label baselines (middle of the bar) */
  labelY: number;
  segments: CoverageSegment[];
}

export interface CoverageBarsOptions {
  /** height of one unit's row, px (default 22) */
  rowHeight?: number;
  /** width of the name column, px (default 112) */
  labelWidth?: number;
  /** font size of the names, px (default 12) */
  fontSize?: number;
}

/** Space around the bars: the axis above, the share labels right. */
export const COVERAGE_MARGIN = { top: 34, right: 52, bottom: 6 } as const;

export interface CoverageBarsLayout {
  width: number;
  /** grows with the rows: margin + rows × rowHeight */
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /** share 0..1 → x */
  x: ScaleLinear<number, number>;
  bars: CoverageBar[];
  /** 0%, 25% ... 100% */
  xTicks: { share: number; x: number }[];
}

/** served / villages, 0 for a unit without villages. */
export const servedShare = (r: CoverageRow): number => (r.villages > 0 ? r.served / r.villages : 0);

/** Units by served share, highest first; ties by more villages, then by code. Does not change `rows`. */
export function sortByCoverage(rows: readonly CoverageRow[]): CoverageRow[] {
  return [...rows].sort((a, b) => servedShare(b) - servedShare(a) || b.villages - a.villages || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Width of a text estimated without a DOM: a CJK character (and the ellipsis, full width in CJK
 * fonts) is one em, others about 0.6 em.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 || ch === '…' ? 1 : 0.6;
  return em * fontSize;
}

/** The text, cut with an ellipsis to fit maxWidth (by textWidth). */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

/**
 * Positions of the coverage bars: one row per unit, sorted by served share, each a 100% bar
 * stacked served | over capacity | not covered (d3.stack over the shares), names in a column on
 * the left and the served share on the right. Pure: no DOM.
 *
 * @example
 * const l = coverageBarsLayout([{ code: '41', name: '河南省', served: 30, overCapacity: 10, notCovered: 60, villages: 100 }], 400);
 * l.bars[0].segments.map((s) => s.share); // [0.3, 0.1, 0.6]
 */
export function coverageBarsLayout(rows: readonly CoverageRow[], width: number, options: CoverageBarsOptions = {}): CoverageBarsLayout {
  const rowHeight = options.rowHeight ?? 22;
  const labelWidth = options.labelWidth ?? 112;
  const fontSize = options.fontSize ?? 12;
  const m = COVERAGE_MARGIN;
  const sorted = sortByCoverage(rows);
  const plot = { x: labelWidth, y: m.top, width: Math.max(1, width - labelWidth - m.right), height: sorted.length * rowHeight };
  const x = scaleLinear().domain([0, 1]).range([plot.x, plot.x + plot.width]);
  const band = scaleBand<string>()
    .domain(sorted.map((r) => r.code))
    .range([plot.y, plot.y + plot.height])
    .paddingInner(0.25)
    .paddingOuter(0.125);
  const shares = sorted.map((r) => Object.fromEntries(COVERAGE_STATUSES.map((s) => [s, r.villages > 0 ? r[s] / r.villages : 0])) as Record<CoverageStatus, number>);
  const series = stack<Record<CoverageStatus, number>, CoverageStatus>().keys(COVERAGE_STATUSES)(shares);
  const bars = sorted.map((r, i) => {
    const y = band(r.code)!;
    return {
      code: r.code,
      name: r.name,
      label: fitLabel(r.name, labelWidth - 8, fontSize),
      villages: r.villages,
      served: r.served,
      share: servedShare(r),
      y,
      height: band.bandwidth(),
      labelY: y + band.bandwidth() / 2,
      segments: series.map((s) => {
        const [from, to] = s[i];
        return { status: s.key, villages: r[s.key], share: to - from, x: x(from), width: x(to) - x(from) };
      }),
    };
  });
  return {
    width,
    height: m.top + plot.height + m.bottom,
    plot,
    x,
    bars,
    xTicks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({ share, x: x(share) })),
  };
}

import { area, line, max, scaleLinear, type ScaleLinear } from 'd3';
import type { GrowthRow } from '../../../server/engine/coverage_growth.ts';

export type { GrowthRow };

export const GROWTH_MARGIN = { top: 34, right: 20, bottom: 42, left: 64 } as const;

export interface GrowthPoint {
  year: number;
  newVillages: number;
  cumulativeVillages: number;
  x: number;
  y: number;
}

export interface CoverageGrowthLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  /** year → x */
  x: ScaleLinear<number, number>;
  /** villages → y */
  y: ScaleLinear<number, number>;
  points: GrowthPoint[];
  /** SVG path of the cumulative line ('' without rows) */
  linePath: string;
  /** SVG path of the area under it */
  areaPath: string;
  /** whole years only */
  xTicks: { year: number; x: number }[];
  /** whole numbers of villages only */
  yTicks: { value: number; y: number }[];
}

/**
 * Positions of the coverage growth chart: cumulative covered villages by year as a line over an
 * area (d3.line / d3.area paths), a point per year, whole-year ticks. A single year sits in the
 * middle; no rows give no points and empty paths. Pure: no DOM.
 *
 * @example
 * const l = coverageGrowthLayout([{ year: 2020, newVillages: 5, cumulativeVillages: 5 }, { year: 2021, newVillages: 3, cumulativeVillages: 8 }], 400, 240);
 * l.points[1].cumulativeVillages; // 8
 * l.xTicks.map((t) => t.year); // [2020, 2021]
 */
export function coverageGrowthLayout(rows: readonly GrowthRow[], width: number, height: number): CoverageGrowthLayout {
  const m = GROWTH_MARGIN;
  const plot = { x: m.left, y: m.top, width: Math.max(1, width - m.left - m.right), height: Math.max(1, height - m.top - m.bottom) };
  const first = rows.length ? rows[0].year : new Date().getFullYear();
  const last = rows.length ? rows[rows.length - 1].year : first;
  const x = scaleLinear()
    .domain(first === last ? [first - 0.5, last + 0.5] : [first, last])
    .range([plot.x, plot.x + plot.width]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(rows, (r) => r.cumulativeVillages) ?? 0)])
    .range([plot.y + plot.height, plot.y])
    .nice();
  const points = rows.map((r) => ({ year: r.year, newVillages: r.newVillages, cumulativeVillages: r.cumulativeVillages, x: x(r.year), y: y(r.cumulativeVillages) }));
  const linePath = line<GrowthPoint>((p) => p.x, (p) => p.y)(points) ?? '';
  const areaPath = area<GrowthPoint>((p) => p.x, y(0), (p) => p.y)(points) ?? '';
  const xTicks = x
    .ticks(Math.max(2, Math.floor(plot.width / 56)))
    .filter(Number.isInteger)
    .map((year) => ({ year, x: x(year) }));
  const yTicks = y
    .ticks(Math.max(2, Math.floor(plot.height / 40)))
    .filter(Number.isInteger)
    .map((value) => ({ value, y: y(value) }));
  return { width, height, plot, x, y, points, linePath, areaPath, xTicks, yTicks };
}

import type { ReactNode, SVGProps } from 'react';
import { CHART_COLORS, cssColor } from '../map/colors.ts';

export const AXIS = cssColor(CHART_COLORS.axis);
export const GRID = cssColor(CHART_COLORS.grid);

export interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The chart's title, top left of the plot. */
export function ChartTitle({ plot, title }: { plot: Plot; title: string }) {
  return (
    <>
      <title>{title}</title>
      <text x={plot.x} y={16} fontSize={13} fontWeight={600} fill="currentColor">
        {title}
      </text>
    </>
  );
}

/** Horizontal grid lines with their values, and the y axis label turned upright. */
export function YGrid({ plot, ticks, format, label }: { plot: Plot; ticks: { value: number; y: number }[]; format: (v: number) => string; label: string }) {
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={plot.x} x2={plot.x + plot.width} y1={tick.y} y2={tick.y} stroke={GRID} />
          <text x={plot.x - 6} y={tick.y} dy="0.32em" textAnchor="end" fill={AXIS}>
            {format(tick.value)}
          </text>
        </g>
      ))}
      <text transform={`translate(12, ${plot.y + plot.height / 2}) rotate(-90)`} textAnchor="middle" fill={AXIS}>
        {label}
      </text>
    </>
  );
}

/** The chart's svg: its size, accessible name and base font; data attributes pass through. */
export function ChartSvg({ width, height, title, children, ...rest }: { width: number; height: number; title: string; children: ReactNode } & SVGProps<SVGSVGElement>) {
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} fontSize={11} {...rest}>
      {children}
    </svg>
  );
}

/** The x axis along the plot's foot: its line, ticks with their labels, and the axis label below. */
/** `baseline`: the y of the value 0. */
export function XAxis({ plot, baseline, ticks, label, height }: { plot: Plot; baseline: number; ticks: { key: string | number; x: number; text: string }[]; label: string; height: number }) {
  return (
    <>
      <line x1={plot.x} x2={plot.x + plot.width} y1={baseline} y2={baseline} stroke={AXIS} />
      {ticks.map((tick) => (
        <g key={tick.key}>
          <line x1={tick.x} x2={tick.x} y1={baseline} y2={baseline + 4} stroke={AXIS} />
          <text x={tick.x} y={baseline + 14} textAnchor="middle" fill={AXIS}>
            {tick.text}
          </text>
        </g>
      ))}
      <text x={plot.x + plot.width / 2} y={height - 6} textAnchor="middle" fill={AXIS}>
        {label}
      </text>
    </>
  );
}

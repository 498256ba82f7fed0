import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../i18n/formats.ts';
import { CHART_COLORS, cssColor } from '../map/colors.ts';
import { AXIS } from './chart_parts.tsx';
import { reachBarsLayout, type ReachBarRow } from './reach_bars_layout.ts';

export interface ReachBarsProps {
  rows: ReachBarRow[];
  /** px; the height follows from the rows */
  width: number;
  title: string;
  /** what the counts are, written above the bars (e.g. "children") */
  unit: string;
  /** whether the labels are place names (kept as they are in every language) */
  properNames?: boolean;
  testId: string;
  labelWidth?: number;
}

const FILL = cssColor(CHART_COLORS.growth);

/**
 * Counts as horizontal bars with their values written at the ends, as given ("<5" stays "<5").
 * Each bar carries data-testid="reach-bar", data-key and data-value.
 */
export function ReachBars({ rows, width, title, unit, properNames = false, testId, labelWidth }: ReachBarsProps) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const l = useMemo(() => reachBarsLayout(rows, width, { labelWidth }), [rows, width, labelWidth]);
  return (
    <figure className="chart reach-bars" data-testid={testId} style={{ margin: 0, width }}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg width={width} height={l.height} viewBox={`0 0 ${width} ${l.height}`} fontSize={12} role="img" aria-label={title}>
        <text x={l.plot.x} y={14} fill={AXIS} fontSize={11}>
          {unit}
        </text>
        {l.bars.map((b) => (
          <g key={b.key} data-testid="reach-bar" data-key={b.key} data-value={b.value}>
            <title>{`${b.label}: ${formatCount(b.value, lang)}`}</title>
            <text x={l.plot.x - 8} y={b.labelY} dy="0.32em" textAnchor="end" fill="currentColor" {...(properNames ? { 'data-proper-name': '' } : {})}>
              {b.shortLabel}
            </text>
            <rect x={b.x} y={b.y} width={Math.max(0, b.width)} height={b.height} fill={FILL} />
            <text x={b.x + Math.max(0, b.width) + 6} y={b.labelY} dy="0.32em" fill="currentColor" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatCount(b.value, lang)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/index.ts';
import { CHART_COLORS, cssColor } from '../map/colors.ts';
import { AXIS, ChartTitle, YGrid } from './chart_parts.tsx';
import { coverageGrowthLayout, type GrowthRow } from './coverage_growth_layout.ts';

export interface CoverageGrowthProps {
  /** what units.growth returns (useGrowth) */
  rows: GrowthRow[];
  /** of the whole chart, title and axes included, px */
  width: number;
  height: number;
  title: string;
}

const LINE = cssColor(CHART_COLORS.growth);

/**
 * Cumulative covered villages by year: a line over a shaded area with a point per year. Each
 * point carries data-testid="growth-point", data-year and data-value (cumulative villages).
 */
export function CoverageGrowth({ rows, width, height, title }: CoverageGrowthProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const l = useMemo(() => coverageGrowthLayout(rows, width, height), [rows, width, height]);
  const num = (x: number) => formatNumber(x, lang);
  const villages = (n: number) => t('chartVillageCount', { count: n, value: num(n) });
  const baseline = l.y(0);

  return (
    <svg
      data-testid="chart-growth"
      className="chart chart-growth"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      fontSize={11}
    >
      <ChartTitle plot={l.plot} title={title} />

      <YGrid plot={l.plot} ticks={l.yTicks} format={num} label={t('chartCumulativeAxis')} />

      <path d={l.areaPath} fill={LINE} fillOpacity={0.15} />
      <path d={l.linePath} fill="none" stroke={LINE} strokeWidth={2} />
      {l.points.map((p) => (
        <circle key={p.year} data-testid="growth-point" data-year={p.year} data-value={p.cumulativeVillages} cx={p.x} cy={p.y} r={3} fill={LINE}>
          <title>{t('chartGrowthTooltip', { year: p.year, added: villages(p.newVillages), total: villages(p.cumulativeVillages) })}</title>
        </circle>
      ))}

      <line x1={l.plot.x} x2={l.plot.x + l.plot.width} y1={baseline} y2={baseline} stroke={AXIS} />
      {l.xTicks.map((tick) => (
        <g key={tick.year}>
          <line x1={tick.x} x2={tick.x} y1={baseline} y2={baseline + 4} stroke={AXIS} />
          {/* years without grouping separators: 2020, not 2,020 */}
          <text x={tick.x} y={baseline + 14} textAnchor="middle" fill={AXIS}>
            {String(tick.year)}
          </text>
        </g>
      ))}
      <text x={l.plot.x + l.plot.width / 2} y={height - 6} textAnchor="middle" fill={AXIS}>
        {t('chartYearAxis')}
      </text>

      {rows.length === 0 && (
        <text x={l.plot.x + l.plot.width / 2} y={l.plot.y + l.plot.height / 2} textAnchor="middle" fill={AXIS}>
          {t('chartNoCoverage')}
        </text>
      )}
    </svg>
  );
}

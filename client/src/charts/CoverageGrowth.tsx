import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/index.ts';
import { CHART_COLORS, cssColor } from '../map/colors.ts';
import { AXIS, ChartSvg, ChartTitle, XAxis, YGrid } from './chart_parts.tsx';
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
    <ChartSvg data-testid="chart-growth" className="chart chart-growth" width={width} height={height} title={title}>
      <ChartTitle plot={l.plot} title={title} />

      <YGrid plot={l.plot} ticks={l.yTicks} format={num} label={t('chartCumulativeAxis')} />

      <path d={l.areaPath} fill={LINE} fillOpacity={0.15} />
      <path d={l.linePath} fill="none" stroke={LINE} strokeWidth={2} />
      {l.points.map((p) => (
        <circle key={p.year} data-testid="growth-point" data-year={p.year} data-value={p.cumulativeVillages} cx={p.x} cy={p.y} r={3} fill={LINE}>
          <title>{t('chartGrowthTooltip', { year: p.year, added: villages(p.newVillages), total: villages(p.cumulativeVillages) })}</title>
        </circle>
      ))}

      {/* years without grouping separators: 2020, not 2,020 */}
      <XAxis plot={l.plot} baseline={baseline} height={height} ticks={l.xTicks.map((tick) => ({ key: tick.year, x: tick.x, text: String(tick.year) }))} label={t('chartYearAxis')} />

      {rows.length === 0 && (
        <text x={l.plot.x + l.plot.width / 2} y={l.plot.y + l.plot.height / 2} textAnchor="middle" fill={AXIS}>
          {t('chartNoCoverage')}
        </text>
      )}
    </ChartSvg>
  );
}

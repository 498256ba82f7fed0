import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/index.ts';
import { CHART_COLORS, cssColor } from '../map/colors.ts';
import { AXIS, ChartSvg, ChartTitle, XAxis, YGrid } from './chart_parts.tsx';
import { distanceHistogramLayout, type DistanceHistogramData } from './distance_histogram_layout.ts';

export interface DistanceHistogramProps {
  /** what analysis.distanceHistogram returns (useDistanceHistogram) */
  data: DistanceHistogramData;
  /** of the whole chart, title and axes included, px */
  width: number;
  height: number;
  title: string;
}


/**
 * Villages per distance bin to the nearest service of one type, with a dashed line at the
 * service standard and, apart on the right, the villages beyond the last bin (or with no such
 * service). Each bar carries data-testid="distance-bar" (the beyond bar "distance-bar-over") and
 * its village count in data-value; the standard line carries the standard in km.
 */
export function DistanceHistogram({ data, width, height, title }: DistanceHistogramProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const l = useMemo(() => distanceHistogramLayout(data, width, height), [data, width, height]);
  const num = (x: number) => formatNumber(x, lang);
  const villages = (n: number) => t('chartVillageCount', { count: n, value: num(n) });
  const baseline = l.y(0);
  const standardLabel = t(l.standard.offScale ? 'chartStandardOffScale' : 'chartStandardLine', { value: num(data.standardKm) });
  // the label sits right of the line, or left of it when the line is in the right half
  const labelLeft = l.standard.x > l.plot.x + l.plot.width / 2;

  return (
    <ChartSvg data-testid="chart-distance" data-type={data.type} data-villages={data.villages} className="chart chart-distance" width={width} height={height} title={title}>
      <ChartTitle plot={l.plot} title={title} />

      <YGrid plot={l.plot} ticks={l.yTicks} format={num} label={t('chartVillagesAxis')} />

      {l.bars.map((b) => (
        <rect
          key={b.index}
          data-testid="distance-bar"
          data-value={b.count}
          data-from-km={b.fromKm}
          data-to-km={b.toKm}
          x={b.x}
          y={b.y}
          width={b.width}
          height={b.height}
          fill={cssColor(b.beyondStandard ? CHART_COLORS.beyondStandard : CHART_COLORS.withinStandard)}
        >
          <title>{t('chartBinTooltip', { from: num(b.fromKm), to: num(b.toKm), villages: villages(b.count) })}</title>
        </rect>
      ))}
      {l.over && (
        <g>
          <rect
            data-testid="distance-bar-over"
            data-value={l.over.count}
            data-from-km={l.over.fromKm}
            x={l.over.x}
            y={l.over.y}
            width={l.over.width}
            height={l.over.height}
            fill={cssColor(CHART_COLORS.beyondStandard)}
            fillOpacity={0.6}
          >
            <title>{t('chartOverTooltip', { value: num(l.over.fromKm), villages: villages(l.over.count) })}</title>
          </rect>
          <text x={l.over.x + l.over.width / 2} y={baseline + 14} textAnchor="middle" fill={AXIS}>
            {t('chartOverTick', { value: num(l.over.fromKm) })}
          </text>
        </g>
      )}

      <XAxis plot={l.plot} baseline={baseline} height={height} ticks={l.xTicks.map((tick) => ({ key: tick.km, x: tick.x, text: num(tick.km) }))} label={t('chartDistanceAxis')} />

      <g data-testid="distance-standard" data-value={data.standardKm} data-off-scale={l.standard.offScale}>
        <line
          x1={l.standard.x}
          x2={l.standard.x}
          y1={l.plot.y - 4}
          y2={baseline}
          stroke={cssColor(CHART_COLORS.standardLine)}
          strokeWidth={1.5}
          strokeDasharray="5 4"
        />
        <text
          x={l.standard.x + (labelLeft ? -4 : 4)}
          y={l.plot.y + 6}
          textAnchor={labelLeft ? 'end' : 'start'}
          fill={cssColor(CHART_COLORS.standardLine)}
        >
          {standardLabel}
        </text>
      </g>

      {data.villages === 0 && (
        <text x={l.plot.x + l.plot.width / 2} y={l.plot.y + l.plot.height / 2} textAnchor="middle" fill={AXIS}>
          {t('chartNoVillages')}
        </text>
      )}
    </ChartSvg>
  );
}

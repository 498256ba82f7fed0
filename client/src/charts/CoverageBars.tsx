import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n/index.ts';
import { CHART_COLORS, cssColor, VILLAGE_STATUS_COLORS } from '../map/colors.ts';
import { AXIS } from './chart_parts.tsx';
import { COVERAGE_STATUSES, coverageBarsLayout, type CoverageRow } from './coverage_bars_layout.ts';

export interface CoverageBarsProps {
  /** child units with their villages by status: analysis.coverage's `children` (useCoverage) */
  rows: CoverageRow[];
  /** called with the code of the unit whose bar is clicked (or chosen with Enter / Space) */
  onSelect: (code: string) => void;
  /** px (default 480); the height follows from the rows */
  width?: number;
  title?: string;
  /** code of a unit to outline */
  selected?: string | null;
  /** height of one row, px (default 22) */
  rowHeight?: number;
  /** width of the name column, px (default 112) */
  labelWidth?: number;
}

const STATUS_LABEL_KEYS = { served: 'served', overCapacity: 'overCapacity', notCovered: 'notCoveredStatus' } as const;

/**
 * One 100% bar per child unit, stacked served | reachable but over capacity | not covered in
 * the status colours, sorted by served share (highest first), the share written at the right.
 * Each bar is a button: data-testid="coverage-bar", data-code, data-value (served share 0..1);
 * each segment data-testid="coverage-segment", data-status, data-value (villages).
 */
export function CoverageBars({ rows, onSelect, width = 480, title, selected = null, rowHeight, labelWidth }: CoverageBarsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const l = useMemo(() => coverageBarsLayout(rows, width, { rowHeight, labelWidth }), [rows, width, rowHeight, labelWidth]);
  const num = (x: number) => formatNumber(x, lang);
  const villages = (n: number) => t('chartVillageCount', { count: n, value: num(n) });
  const keyDown = (code: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(code);
    }
  };

  return (
    <figure data-testid="chart-coverage" className="chart chart-coverage" style={{ margin: 0, width }}>
      {title && <figcaption style={{ fontSize: 13, fontWeight: 600, marginBottom: 4 }}>{title}</figcaption>}
      <div className="chart-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', fontSize: 12, marginBottom: 2 }}>
        {COVERAGE_STATUSES.map((s) => (
          <span key={s} data-testid={`coverage-legend-${s}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <span style={{ width: 10, height: 10, display: 'inline-block', background: cssColor(VILLAGE_STATUS_COLORS[s]) }} />
            {t(STATUS_LABEL_KEYS[s])}
          </span>
        ))}
      </div>
      <svg width={width} height={l.height} viewBox={`0 0 ${width} ${l.height}`} fontSize={12} role="group" aria-label={title ?? t('chartShareAxis')}>
        <text x={l.plot.x} y={12} fill={AXIS} fontSize={11}>
          {t('chartShareAxis')}
        </text>
        {l.xTicks.map((tick) => (
          <g key={tick.share}>
            <line x1={tick.x} x2={tick.x} y1={l.plot.y - 3} y2={l.plot.y + l.plot.height} stroke={cssColor(CHART_COLORS.grid)} />
            <text x={tick.x} y={l.plot.y - 6} textAnchor={tick.share === 1 ? 'end' : tick.share === 0 ? 'start' : 'middle'} fill={AXIS} fontSize={10}>
              {formatPercent(tick.share, lang)}
            </text>
          </g>
        ))}
        {l.bars.map((b) => {
          const share = formatPercent(b.share, lang);
          const [served, over, notCovered] = b.segments;
          return (
            <g
              key={b.code}
              data-testid="coverage-bar"
              data-code={b.code}
              data-value={b.share}
              role="button"
              tabIndex={0}
              aria-label={t('chartSelectUnit', { name: b.name, share })}
              aria-pressed={selected === b.code}
              style={{ cursor: 'pointer' }}
              onClick={() => onSelect(b.code)}
              onKeyDown={keyDown(b.code)}
            >
              <title>
                {t('chartCoverageTooltip', {
                  name: b.name,
                  served: villages(served.villages),
                  share,
                  overCapacity: villages(over.villages),
                  notCovered: villages(notCovered.villages),
                  villages: villages(b.villages),
                })}
              </title>
              {/* the whole row is the click target, not only the painted segments */}
              <rect x={0} y={b.y} width={width} height={b.height} fill="transparent" />
              <text x={l.plot.x - 8} y={b.labelY} dy="0.32em" textAnchor="end" fill="currentColor">
                {b.label}
              </text>
              {b.segments.map((s) => (
                <rect
                  key={s.status}
                  data-testid="coverage-segment"
                  data-status={s.status}
                  data-value={s.villages}
                  x={s.x}
                  y={b.y}
                  width={s.width}
                  height={b.height}
                  fill={cssColor(VILLAGE_STATUS_COLORS[s.status])}
                />
              ))}
              {selected === b.code && (
                <rect x={l.plot.x - 1} y={b.y - 1} width={l.plot.width + 2} height={b.height + 2} fill="none" stroke="currentColor" strokeWidth={1.5} />
              )}
              <text x={l.plot.x + l.plot.width + 6} y={b.labelY} dy="0.32em" fill="currentColor" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {share}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/index.ts';
import { cssColor, STATUS_COLORS } from './colors.ts';

export function CoverageLegend({ covered, notCovered }: { covered: number; notCovered: number }) {
  const { t, i18n } = useTranslation();
  const rows = [
    { key: 'covered', color: STATUS_COLORS.covered, label: t('covered'), value: covered },
    { key: 'not-covered', color: STATUS_COLORS.notCovered, label: t('notCovered'), value: notCovered },
  ];
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{t('legendTitle')}</div>
      {rows.map((r) => (
        <div key={r.key} className="legend-row" data-testid={`legend-${r.key}`}>
          <span className="swatch" style={{ background: cssColor(r.color) }} />
          <span>{r.label}</span>
          <span className="legend-value">
            {formatNumber(r.value, i18n.language)} {t('villages')}
          </span>
        </div>
      ))}
    </div>
  );
}

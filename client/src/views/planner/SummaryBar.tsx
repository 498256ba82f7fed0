import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '../../../../server/domain/dataset.ts';
import { formatNumber, formatPercent } from '../../i18n/index.ts';

/** The headline figures for the unit in view. Each figure keeps its raw value in data-value. */
export function SummaryBar({ summary }: { summary: UnitSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const share = summary.villages ? summary.coveredVillages / summary.villages : 0;
  const figures = [
    { key: 'villages', label: t('villages'), value: summary.villages, text: formatNumber(summary.villages, lang) },
    {
      key: 'coveredVillages',
      label: t('coveredVillages'),
      value: summary.coveredVillages,
      text: `${formatNumber(summary.coveredVillages, lang)} (${formatPercent(share, lang)})`,
    },
    { key: 'children', label: t('children'), value: summary.children, text: formatNumber(summary.children, lang) },
    { key: 'workers', label: t('workers'), value: summary.workers, text: formatNumber(summary.workers, lang) },
  ];
  return (
    <dl className="summary" data-testid="summary">
      {figures.map((f) => (
        <div key={f.key} className="figure">
          <dt>{f.label}</dt>
          <dd data-testid={`summary-${f.key}`} data-value={f.value}>
            {f.text}
          </dd>
        </div>
      ))}
    </dl>
  );
}

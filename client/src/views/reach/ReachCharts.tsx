import { useTranslation } from 'react-i18next';
import type { ReachSummary } from '../../../../server/domain/index.ts';
import { CoverageGrowth } from '../../charts/CoverageGrowth.tsx';
import { ReachBars } from '../../charts/ReachBars.tsx';
import { formatPercent } from '../../i18n/index.ts';
import { formatCount } from '../../i18n/formats.ts';
import { CATEGORY_KEYS } from '../../exports/csv.ts';
import { CATEGORY_LABEL_KEYS, growthRows } from './reach_text.ts';

/** Growth over the years, children reached by category, and the provinces in a table. */
export function ReachCharts({ summary, width = 320 }: { summary: ReachSummary; width?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const categories = CATEGORY_KEYS.map((k) => ({ key: k, label: t(CATEGORY_LABEL_KEYS[k]), value: summary.headline[k] }));
  return (
    <section className="reach-charts">
      <CoverageGrowth rows={growthRows(summary)} width={width} height={190} title={t('reachGrowthTitle')} />
      <ReachBars rows={categories} width={width} title={t('reachByCategoryTitle')} unit={t('reachUnitChildren')} testId="chart-categories" labelWidth={lang === 'en' ? 170 : 140} />
      <h3 className="chart-caption">{t('reachByProvinceTitle')}</h3>
      <table className="reach-table" data-testid="reach-provinces">
        <thead>
          <tr>
            <th>{t('province')}</th>
            <th>{t('reachCoveredVillages')}</th>
            <th>{t('workers')}</th>
            <th>{t('reachChildren')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.byProvince.map((p) => (
            <tr key={p.code} data-code={p.code}>
              <td data-proper-name="">{p.name}</td>
              <td className="num">
                {formatCount(p.coveredVillages, lang)}
                {p.coveredShare !== null && typeof p.coveredVillages === 'number' && <span className="muted"> ({formatPercent(p.coveredShare, lang)})</span>}
              </td>
              <td className="num">{formatCount(p.workers, lang)}</td>
              <td className="num">{formatCount(p.children, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { ScenarioComparison } from '../../../../server/domain/index.ts';
import { plainError, useScenario, useScenarioComparison } from '../../api/planning.ts';
import { formatPercent } from '../../i18n/index.ts';
import type { Translate } from './map_tooltips.ts';
import { costText, VULNERABLE, weighted, whole } from './plan_text.ts';

type Side = ScenarioComparison['a'];

/** Two saved plans side by side: what each reaches and costs, how close to the best, and the villages in one only. */
export function ScenarioCompare({ a, b }: { a: number; b: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tr = t as unknown as Translate;
  const cmp = useScenarioComparison(a, b);
  // the requests say whether a cost is yuan or a number of workers
  const kindA = useScenario(a).data?.request.target.kind ?? 'workers';
  const kindB = useScenario(b).data?.request.target.kind ?? 'workers';
  if (cmp.error) return <div className="error-text">{t('planFailed', { message: plainError(cmp.error) })}</div>;
  if (!cmp.data) return <div className="muted">{t('loading')}</div>;
  const c = cmp.data;
  const n = (x: number) => whole(x, lang);
  const rows: { key: string; label: string; value: (s: Side, kind: 'workers' | 'budget') => string }[] = [
    { key: 'value', label: t('planCompareValue'), value: (s) => weighted(s.value, lang) },
    { key: 'children', label: t('planChildrenServed'), value: (s) => n(s.served.children) },
    ...VULNERABLE.map((cat) => ({ key: cat, label: t(cat), value: (s: Side) => n(s.served[cat]) })),
    { key: 'villages', label: t('planVillagesServed'), value: (s) => n(s.villagesServed) },
    { key: 'sites', label: t('planSites'), value: (s) => n(s.sites) },
    { key: 'cost', label: t('planCost'), value: (s, kind) => costText(tr, lang, s.cost, kind) },
    { key: 'bound', label: t('planCompareBound'), value: (s) => n(s.bound) },
    { key: 'gap', label: t('planCompareGap'), value: (s) => formatPercent(s.gapPercent / 100, lang) },
  ];
  const only = (side: Side, list: ScenarioComparison['onlyA']) => (
    <div className="compare-only">
      <div>{t('planCompareOnly', { name: side.name, count: list.length })}</div>
      {list.length === 0 ? (
        <span className="muted">{t('planCompareNone')}</span>
      ) : (
        <ol className="compare-villages">
          {list.map((v) => (
            <li key={v.code} value={v.rank} title={v.code}>
              {v.name}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
  return (
    <div className="plan-compare" data-testid="plan-compare">
      <h3>{t('planCompare')}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th>{c.a.name}</th>
            <th>{c.b.name}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`compare-${r.key}`}>
              <td>{r.label}</td>
              <td className="num">{r.value(c.a, kindA)}</td>
              <td className="num">{r.value(c.b, kindB)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div data-testid="compare-both">{t('planCompareBoth', { count: c.both })}</div>
      {only(c.a, c.onlyA)}
      {only(c.b, c.onlyB)}
    </div>
  );
}

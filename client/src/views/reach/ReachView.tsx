import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasRole } from '../../api/auth.ts';
import { useReach, type BoundarySource } from '../../api/reach.ts';
import { parseViewState } from '../planner/view_state.ts';
import { SyntheticNote } from '../common/SyntheticNote.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { HeadlineFigures } from './HeadlineFigures.tsx';
import { ReachCharts } from './ReachCharts.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ReachMap } from './ReachMap.tsx';
import { datasetName, parameterRows, unitName } from './reach_text.ts';
import { SnapshotPanel } from './SnapshotPanel.tsx';
import { useReachMap } from './use_reach_map.ts';
import './reach.css';

/** The unit in the URL (`?unit=41`), kept with the rest of the query (the planner's `p` parameters). */
function useUnitInUrl(): [string | null, (code: string | null) => void] {
  const [unit, setUnit] = useState(() => parseViewState(window.location.search).unit);
  const change = useCallback((code: string | null) => {
    const q = new URLSearchParams(window.location.search);
    if (code) q.set('unit', code);
    else q.delete('unit');
    const search = q.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
    setUnit(code);
  }, []);
  return [unit, change];
}

/**
 * What the programme reaches, for donors and anyone signed in: headline figures, the county map
 * of covered share, growth, children by category and the provinces. Only reach.summary's
 * unit-level figures, with small counts withheld for viewers. Planners also publish snapshots.
 */
export function ReachView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [unit, setUnit] = useUnitInUrl();
  const params = useMemo(() => parseViewState(window.location.search).params, []);
  const all = useReach(null, params);
  const reach = useReach(unit, params);
  const summary = reach.data;
  const planner = useHasRole('planner');
  const source = useMemo<BoundarySource | null>(() => (summary ? { datasetId: summary.dataset.id } : null), [summary]);
  const map = useReachMap(summary, source);
  const provinces = all.data?.byProvince ?? [];
  const unitKnown = unit === null || provinces.some((p) => p.code === unit);
  const error = reach.error ?? all.error;

  return (
    <div className="app reach-page" data-testid="reach-page">
      <PageHeader title={t('reachTitle')} />
      <div className="subheader">
        <label>
          {t('reachScope')}{' '}
          <select data-testid="reach-unit" value={unit ?? ''} onChange={(e) => setUnit(e.target.value || null)}>
            <option value="">{t('allUnits')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code} data-proper-name="">
                {p.name}
              </option>
            ))}
            {!unitKnown && summary && (
              <option value={unit!} data-proper-name="">
                {summary.unit.name}
              </option>
            )}
          </select>
        </label>
        {summary?.protected && <span className="muted" data-testid="privacy-note">{t('reachPrivacyNote', { threshold: summary.threshold })}</span>}
      </div>
      {summary?.dataset.synthetic && <SyntheticNote />}
      {error && <div className="page-message error-text">{`${t('loadError')}: ${error.message}`}</div>}
      {summary && (
        <div className="reach-body" data-testid="reach-body" data-unit={summary.unit.code ?? ''}>
          <main className="reach-main">
            <h2 className="reach-unit-name" {...(summary.unit.code ? { 'data-proper-name': '' } : {})}>
              {unitName(t, summary)}
            </h2>
            <HeadlineFigures summary={summary} />
            <ReachMap map={map} />
          </main>
          <aside className="reach-side">
            <ReachCharts summary={summary} />
            <ExportPanel
              summary={summary}
              mapSource={map.mapSource}
              title={t('reachExportTitle', { unit: unitName(t, summary) })}
              params={parameterRows(t, lang, summary, params, {})}
              fileBase={`reach-${summary.unit.code ?? 'all'}`}
              datasetName={datasetName(summary, lang)}
            />
            {planner && <SnapshotPanel code={summary.unit.code} params={params} datasetId={summary.dataset.id} />}
          </aside>
        </div>
      )}
    </div>
  );
}

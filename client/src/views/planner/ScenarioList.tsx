import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainError, scenarioExportHref, useScenarioChanges, useScenarios } from '../../api/planning.ts';
import { formatPercent } from '../../i18n/index.ts';
import { weighted, whole } from './plan_text.ts';
import { ScenarioCompare } from './ScenarioCompare.tsx';

interface Props {
  /** the scenario shown on the map, if any */
  shownId: number | null;
  onShow: (id: number | null) => void;
}

/** Saved scenarios, newest first: show one on the map, rename, delete, download; tick two to compare. */
export function ScenarioList({ shownId, onShow }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useScenarios();
  const { rename, remove } = useScenarioChanges();
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [ticked, setTicked] = useState<number[]>([]);
  const scenarios = list.data ?? [];
  // a deleted scenario leaves the comparison
  const compare = ticked.filter((id) => scenarios.some((s) => s.id === id));
  const error = plainError(list.error ?? rename.error ?? remove.error);
  return (
    <div className="plan-scenarios" data-testid="plan-scenarios">
      <h3>{t('planScenarios')}</h3>
      {error && <div className="error-text">{t('planFailed', { message: error })}</div>}
      {list.isSuccess && scenarios.length === 0 && <div className="muted">{t('planNoScenarios')}</div>}
      <ul>
        {scenarios.map((s) => (
          <li key={s.id} data-testid="scenario" data-id={s.id} className={s.id === shownId ? 'shown' : undefined}>
            <div className="scenario-head">
              <input
                type="checkbox"
                aria-label={t('planCompareTick')}
                title={t('planCompareTick')}
                checked={compare.includes(s.id)}
                data-testid="scenario-compare"
                onChange={(e) => setTicked(e.target.checked ? [...compare, s.id].slice(-2) : compare.filter((x) => x !== s.id))}
              />
              {editing?.id === s.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    rename.mutate({ id: s.id, name: editing.name }, { onSuccess: () => setEditing(null) });
                  }}
                >
                  <input value={editing.name} maxLength={120} autoFocus data-testid="scenario-rename-input" onChange={(e) => setEditing({ id: s.id, name: e.target.value })} />
                  <button type="submit" disabled={editing.name.trim() === ''} data-testid="scenario-rename-save">
                    {t('planRenameSave')}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {t('planCancel')}
                  </button>
                </form>
              ) : (
                <strong data-testid="scenario-name">{s.name}</strong>
              )}
            </div>
            <div className="muted">
              {t('planScenarioSummary', {
                sites: whole(s.sites, lang),
                value: weighted(s.value, lang),
                gap: formatPercent(s.gapPercent / 100, lang),
                method: t(s.method === 'exact' ? 'planMethodExact' : 'planMethodGreedy'),
                date: new Date(s.createdAt).toLocaleDateString(lang),
              })}
            </div>
            <div className="scenario-actions">
              {s.id === shownId ? (
                <span className="muted">{t('planOnMap')}</span>
              ) : (
                <button className="plan-link" onClick={() => onShow(s.id)} data-testid="scenario-show">
                  {t('planShow')}
                </button>
              )}
              <button className="plan-link" onClick={() => setEditing({ id: s.id, name: s.name })} data-testid="scenario-rename">
                {t('planRename')}
              </button>
              {deleting === s.id ? (
                <button
                  className="plan-link danger"
                  data-testid="scenario-delete-confirm"
                  onClick={() =>
                    remove.mutate(
                      { id: s.id },
                      {
                        onSuccess: () => {
                          setDeleting(null);
                          if (s.id === shownId) onShow(null);
                        },
                      },
                    )
                  }
                >
                  {t('planConfirmDelete')}
                </button>
              ) : (
                <button className="plan-link" onClick={() => setDeleting(s.id)} data-testid="scenario-delete">
                  {t('planDelete')}
                </button>
              )}
              <a href={scenarioExportHref(s.id, 'csv')} download data-testid="scenario-csv">
                CSV
              </a>
              <a href={scenarioExportHref(s.id, 'geojson')} download data-testid="scenario-geojson">
                GeoJSON
              </a>
            </div>
          </li>
        ))}
      </ul>
      {scenarios.length >= 2 && (compare.length === 2 ? <ScenarioCompare a={compare[0]} b={compare[1]} /> : <div className="muted">{t('planCompareHint')}</div>)}
    </div>
  );
}

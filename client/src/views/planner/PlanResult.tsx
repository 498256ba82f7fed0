import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainError, useScenarioChanges } from '../../api/planning.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { Translate } from './map_tooltips.ts';
import { noteKey } from './plan_form.ts';
import { costText, qualityText, VULNERABLE, weighted, whole } from './plan_text.ts';
import type { ShownPlan } from './use_planning.ts';

/** Rows of the ranked table shown at first, and added by "show more". */
const PAGE = 50;
const BOUND_KEYS = { marginal: 'planBoundMarginal', lagrangian: 'planBoundLagrangian', solver: 'planBoundSolver' } as const;
const REASON_KEYS = { fewCandidates: 'planReasonFewCandidates', notEnoughSites: 'planReasonNotEnoughSites' } as const;

interface Props {
  plan: ShownPlan;
  unitName: string;
  selected: string | null;
  onSelect: (code: string) => void;
  onHide: () => void;
  /** a run was saved: show the scenario it became */
  onSaved: (id: number) => void;
}

/** What the shown plan reaches, how close to the best it is, why it falls short, and its villages by rank. */
export function PlanResultView({ plan, unitName, selected, onSelect, onHide, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tr = t as unknown as Translate;
  const r = plan.result;
  const kind = plan.request.target.kind;
  const [rows, setRows] = useState(PAGE);
  const n = (x: number) => whole(x, lang);
  // one phase: the year says it all
  const phased = r.phases.length > 1;
  const sourceKey = 'job' in plan.source ? `job-${plan.source.job}` : `scenario-${plan.source.scenario}`;
  return (
    <div className="plan-result" data-testid="plan-result" data-source={sourceKey} data-optimal={r.optimal} data-sites={r.sites.length}>
      <div className="plan-shown">
        <span data-testid="plan-shown">{plan.name === null ? t('planShownRun') : t('planShownScenario', { name: plan.name })}</span>
        <button className="plan-link" onClick={onHide} data-testid="plan-hide">
          {t('planHide')}
        </button>
      </div>
      <div className="plan-value" data-testid="plan-value">
        {t('planValue', { value: weighted(r.value, lang) })}
      </div>
      <div data-testid="plan-quality" data-gap={r.gapPercent}>
        {qualityText(tr, lang, r)}
      </div>
      <div className="muted">{t(BOUND_KEYS[r.boundKind])}</div>
      <dl className="facts">
        <dt>{t('planSites')}</dt>
        <dd data-testid="plan-site-count">{t('planWorkersCount', { value: n(r.sites.length) })}</dd>
        <dt>{t('planVillagesServed')}</dt>
        <dd data-testid="plan-villages-served">{t('planVillagesCount', { value: n(r.villagesServed) })}</dd>
        <dt>{t('planChildrenServed')}</dt>
        <dd>{t('planChildrenCount', { value: n(r.served.children) })}</dd>
        {VULNERABLE.map((c) => (
          <div key={c} className="fact">
            <dt>{t(c)}</dt>
            <dd>{t('planChildrenCount', { value: n(r.served[c]) })}</dd>
          </div>
        ))}
        <dt>{t('planCost')}</dt>
        <dd>{costText(tr, lang, r.cost, kind)}</dd>
      </dl>
      {r.equity && (
        <div className="plan-equity" data-testid="plan-equity">
          {r.equity.short.length === 0 ? (
            t('planEquityMet', { minimum: n(r.equity.countyMinimum), counties: n(r.equity.counties) })
          ) : (
            <>
              {t('planEquityShort', { minimum: n(r.equity.countyMinimum), count: r.equity.short.length, counties: n(r.equity.counties) })}
              <ul>
                {r.equity.short.map((s) => (
                  <li key={s.code}>{t('planEquityRow', { name: s.name, sites: n(s.sites), reason: t(REASON_KEYS[s.reason]) })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {r.notes.length > 0 && (
        <ul className="plan-notes" data-testid="plan-notes">
          {r.notes.map((note) => {
            const k = noteKey(note);
            const values = k && k.values.villages ? { ...k.values, villages: n(Number(k.values.villages)) } : k?.values;
            return <li key={note}>{k ? t(k.key, values) : note}</li>;
          })}
        </ul>
      )}
      <div className="muted">{t('planElapsed', { seconds: formatNumber(Math.round(r.elapsedMs / 100) / 10, lang), candidates: n(r.candidates) })}</div>
      {'job' in plan.source && <SaveForm job={plan.source.job} defaultName={t('planDefaultName', { unit: unitName, count: r.sites.length })} onSaved={onSaved} />}
      <table className="plan-sites" data-testid="plan-sites">
        <thead>
          <tr>
            <th>{t('planTableRank')}</th>
            <th>{t('planTableVillage')}</th>
            <th>{t('planTableYear')}</th>
            <th className="num">{t('planTableChildren')}</th>
          </tr>
        </thead>
        <tbody>
          {r.sites.slice(0, rows).map((s) => (
            <tr key={s.code} data-testid="plan-site-row" data-code={s.code} className={s.code === selected ? 'selected' : undefined} onClick={() => onSelect(s.code)}>
              <td className="num">{s.rank}</td>
              <td>
                <button className="plan-link" title={s.code}>
                  {s.name}
                </button>
              </td>
              <td className="nowrap">{phased ? t('planYearPhase', { year: s.year, phase: s.phase }) : s.year}</td>
              <td className="num">{n(s.served.children)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.sites.length > rows && (
        <div className="muted">
          {t('planRowsShown', { shown: n(rows), total: n(r.sites.length) })}{' '}
          <button className="plan-link" onClick={() => setRows(rows + PAGE)} data-testid="plan-more">
            {t('planShowMore', { count: Math.min(PAGE, r.sites.length - rows) })}
          </button>
        </div>
      )}
    </div>
  );
}

function SaveForm({ job, defaultName, onSaved }: { job: string; defaultName: string; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(defaultName);
  const { save } = useScenarioChanges();
  return (
    <form
      className="plan-save"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ job, name }, { onSuccess: ({ id }) => onSaved(id) });
      }}
    >
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('planSaveName')} placeholder={t('planSaveName')} maxLength={120} data-testid="plan-save-name" />
      <button type="submit" disabled={save.isPending || name.trim() === ''} data-testid="plan-save">
        {t('planSave')}
      </button>
      {save.error && <div className="error-text">{t('planFailed', { message: plainError(save.error) })}</div>}
    </form>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisParamsInput } from '../../../../server/domain/index.ts';
import { formatNumber, formatPercent } from '../../i18n/index.ts';
import { DEFAULT_PLAN_FORM, exactAvailable, parsePhases, phaseYears, planRequest, solverGap, type PlanForm } from './plan_form.ts';
import { PlanResultView } from './PlanResult.tsx';
import { weighted } from './plan_text.ts';
import { ScenarioList } from './ScenarioList.tsx';
import type { Planning } from './use_planning.ts';

interface Props {
  datasetId: number | undefined;
  /** the unit in view, whose villages are the candidates (null: the whole dataset) */
  unit: string | null;
  unitName: string;
  params: AnalysisParamsInput;
  planning: Planning;
  scenarioId: number | null;
  onShowScenario: (id: number | null) => void;
  selected: string | null;
  onSelectSite: (code: string) => void;
}

const FIELD_KEYS: Partial<Record<keyof PlanForm, string>> = {
  phases: 'planPhases',
  capacity: 'planCapacity',
  countyMinimum: 'planCountyMinimum',
  firstYear: 'planFirstYear',
  costPerSite: 'planCostPerSite',
  timeLimitS: 'planTimeLimit',
};

/**
 * Expansion planning for the unit in view: where the next workers should go. The form makes a
 * request from the view's analysis parameters; a run shows its progress and can be cancelled;
 * the shown plan (last run or saved scenario) is described below, then the saved scenarios.
 */
export function PlanPanel({ datasetId, unit, unitName, params, planning, scenarioId, onShowScenario, selected, onSelectSite }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [open, setOpen] = useState(scenarioId !== null);
  const [form, setForm] = useState<PlanForm>(DEFAULT_PLAN_FORM);
  const [formError, setFormError] = useState<string | null>(null);
  const set = (change: Partial<PlanForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setFormError(null);
  };
  const exact = exactAvailable(unit);
  const method = form.method === 'exact' && exact ? 'exact' : 'greedy';
  const phases = parsePhases(form.phases);
  const firstYear = Number(form.firstYear);
  const { run } = planning;
  const progress = run.progress;
  const gap = solverGap(progress?.message ?? null);

  const submit = () => {
    const check = planRequest(form, unit, params, datasetId);
    if (!check.ok) return setFormError(t(check.error, { field: check.field ? t(FIELD_KEYS[check.field] ?? check.field) : '' }));
    planning.begin(check.request);
  };

  return (
    <section className="panel plan" data-testid="plan-panel">
      <h2>
        <button className="panel-toggle" aria-expanded={open} data-testid="plan-toggle" onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {t('planTitle')}
        </button>
      </h2>
      {open && (
        <>
          <div className="muted" data-testid="plan-scope">
            {t('planScope', { unit: unitName })}
          </div>
          <fieldset>
            <legend>{t('planMethod')}</legend>
            <label>
              <input type="radio" name="plan-method" checked={method === 'greedy'} data-testid="plan-method-greedy" onChange={() => set({ method: 'greedy' })} />
              {t('planGreedy')}
            </label>
            <label className={exact ? undefined : 'unavailable'}>
              <input type="radio" name="plan-method" checked={method === 'exact'} disabled={!exact} data-testid="plan-method-exact" onChange={() => set({ method: 'exact' })} />
              {t('planExact')}
            </label>
            {!exact && (
              <div className="muted" data-testid="plan-exact-unavailable">
                {t('planExactUnavailable', { max: formatNumber(1500, lang) })}
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>{t('planTarget')}</legend>
            <label>
              <input type="radio" name="plan-target" checked={form.target === 'workers'} data-testid="plan-target-workers" onChange={() => set({ target: 'workers', phases: '10' })} />
              {t('planTargetWorkers')}
            </label>
            <label>
              <input type="radio" name="plan-target" checked={form.target === 'budget'} data-testid="plan-target-budget" onChange={() => set({ target: 'budget', phases: '300000' })} />
              {t('planTargetBudget')}
            </label>
          </fieldset>
          <label className="wide">
            {t(form.target === 'budget' ? 'planPhasesBudget' : 'planPhasesWorkers')}
            <input type="text" value={form.phases} data-testid="plan-phases" onChange={(e) => set({ phases: e.target.value })} />
          </label>
          <div className="muted" data-testid="plan-phase-years">
            {phases && Number.isInteger(firstYear) ? t('planPhaseYears', { years: phaseYears(phases.length, firstYear).join(', ') }) : t('planBadPhases')}
          </div>
          {form.target === 'budget' && <Field label={t('planCostPerSite')} value={form.costPerSite} testId="plan-cost" onChange={(v) => set({ costPerSite: v })} />}
          <Field label={t('planCapacity')} value={form.capacity} testId="plan-capacity" onChange={(v) => set({ capacity: v })} />
          <Field label={t('planCountyMinimum')} value={form.countyMinimum} testId="plan-county-minimum" onChange={(v) => set({ countyMinimum: v })} />
          <Field label={t('planFirstYear')} value={form.firstYear} testId="plan-first-year" onChange={(v) => set({ firstYear: v })} />
          {method === 'exact' && <Field label={t('planTimeLimit')} value={form.timeLimitS} testId="plan-time-limit" onChange={(v) => set({ timeLimitS: v })} />}
          <div className="muted">{t('planParamsNote')}</div>
          <div className="plan-actions">
            <button onClick={submit} disabled={run.running} data-testid="plan-run">
              {t('planRun')}
            </button>
            {run.running && (
              <button onClick={run.cancel} disabled={run.cancelling} data-testid="plan-cancel">
                {t(run.cancelling ? 'planCancelling' : 'planCancel')}
              </button>
            )}
          </div>
          {formError && (
            <div className="error-text" data-testid="plan-form-error">
              {formError}
            </div>
          )}
          {run.running && (
            <div className="plan-progress" data-testid="plan-progress" data-step={progress?.step ?? 'starting'}>
              <div>
                {t(`planStep_${progress?.step ?? 'preparing'}`)}
                {progress && progress.total > 1 && ` · ${formatNumber(progress.done, lang)} / ${formatNumber(progress.total, lang)}`}
                {gap !== null && ` · ${t('planSolverGap', { gap: formatPercent(gap, lang) })}`}
              </div>
              {progress && progress.total > 1 ? <progress max={progress.total} value={progress.done} /> : <progress />}
              {progress?.step === 'solving' && <div className="muted">{t('planSolvingNote', { seconds: formatNumber(run.run?.request.timeLimitS ?? 60, lang) })}</div>}
              {run.provisional && (
                <div className="muted" data-testid="plan-provisional">
                  {t('planProvisional', { value: weighted(run.provisional.value, lang), gap: formatPercent(run.provisional.gapPercent / 100, lang) })}
                </div>
              )}
            </div>
          )}
          {progress?.state === 'cancelled' && (
            <div className="muted" data-testid="plan-cancelled">
              {t('planCancelled')}
            </div>
          )}
          {progress?.state === 'failed' && (
            <div className="error-text" data-testid="plan-error">
              {t('planFailed', { message: progress.message ?? '' })}
            </div>
          )}
          {run.error && (
            <div className="error-text" data-testid="plan-error">
              {t('planFailed', { message: run.error })}
            </div>
          )}
          {planning.error && <div className="error-text">{t('planFailed', { message: planning.error })}</div>}
          {planning.shown && <PlanResultView key={'job' in planning.shown.source ? planning.shown.source.job : planning.shown.source.scenario} plan={planning.shown} unitName={unitName} selected={selected} onSelect={onSelectSite} onHide={planning.hide} onSaved={onShowScenario} />}
          <ScenarioList shownId={scenarioId} onShow={onShowScenario} />
        </>
      )}
    </section>
  );
}

function Field({ label, value, testId, onChange }: { label: string; value: string; testId: string; onChange: (v: string) => void }) {
  return (
    <label className="field">
      {label}
      <input type="text" inputMode="decimal" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

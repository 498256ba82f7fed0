import { useTranslation } from 'react-i18next';
import {
  analysisParamsSchema,
  CHILD_CATEGORIES,
  DEFAULT_CATEGORY_WEIGHTS,
  DEFAULT_SERVICE_STANDARDS_KM,
  DEFAULT_WORKER_REACH_KM,
  SERVICE_TYPES,
  type AnalysisParamsInput,
} from '../../../../server/domain/index.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

interface Props {
  params: AnalysisParamsInput;
  onChange: (params: AnalysisParamsInput) => void;
}

/** A number field that only hands on values the server's schema accepts (on blur or Enter). */
function NumberField({ label, value, fallback, testId, onCommit }: { label: string; value: number | undefined | null; fallback: string; testId: string; onCommit: (v: number | undefined) => void }) {
  return (
    <label className="field">
      {label}
      <input
        type="number"
        min={0}
        step="any"
        defaultValue={value ?? ''}
        placeholder={fallback}
        data-testid={testId}
        key={String(value)}
        onBlur={(e) => onCommit(e.target.value === '' ? undefined : Number(e.target.value))}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}

/** Service standards, worker reach, capacity and need weights; every change recomputes the map. */
export function ParamsPanel({ params, onChange }: Props) {
  const { t } = useTranslation();
  const apply = (next: AnalysisParamsInput) => {
    if (analysisParamsSchema.safeParse(next).success) onChange(next);
  };
  return (
    <section className="panel params" data-testid="params-panel">
      <h2>{t('parameters')}</h2>
      <fieldset>
        <legend>{t('serviceStandards')}</legend>
        {SERVICE_TYPES.map((type) => (
          <NumberField
            key={type}
            label={t(TYPE_LABEL_KEYS[type])}
            value={params.standardsKm?.[type]}
            fallback={String(DEFAULT_SERVICE_STANDARDS_KM[type])}
            testId={`standard-${type}`}
            onCommit={(v) => apply({ ...params, standardsKm: { ...params.standardsKm, [type]: v } })}
          />
        ))}
      </fieldset>
      <NumberField label={t('workerReach')} value={params.workerReachKm} fallback={String(DEFAULT_WORKER_REACH_KM)} testId="worker-reach" onCommit={(v) => apply({ ...params, workerReachKm: v })} />
      <label>
        <input type="checkbox" checked={params.enforceCapacity ?? true} data-testid="enforce-capacity" onChange={(e) => apply({ ...params, enforceCapacity: e.target.checked })} />
        {t('enforceCapacity')}
      </label>
      <NumberField label={t('capacityOverride')} value={params.capacityOverride} fallback="" testId="capacity-override" onCommit={(v) => apply({ ...params, capacityOverride: v === undefined ? null : Math.round(v) })} />
      <fieldset>
        <legend>{t('weights')}</legend>
        {CHILD_CATEGORIES.map((c) => (
          <NumberField
            key={c}
            label={t(c)}
            value={params.weights?.[c]}
            fallback={String(DEFAULT_CATEGORY_WEIGHTS[c])}
            testId={`weight-${c}`}
            onCommit={(v) => apply({ ...params, weights: { ...params.weights, [c]: v } })}
          />
        ))}
      </fieldset>
      <button onClick={() => onChange({})} data-testid="params-reset">
        {t('reset')}
      </button>
    </section>
  );
}

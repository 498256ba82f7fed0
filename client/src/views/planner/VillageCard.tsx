import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES } from '../../../../server/domain/index.ts';
import type { VillageAnalysis } from '../../../../server/results/village_analysis.ts';
import { formatNumber } from '../../i18n/index.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

const STATUS_KEYS = { served: 'served', overCapacity: 'overCapacity', notCovered: 'notCoveredStatus' } as const;

/** Everything about one village: where it is, its children, its worker, its distance to each service. */
export function VillageCard({ village, onClose }: { village: VillageAnalysis; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const km = (x: number) => t('km', { value: formatNumber(Math.round(x * 10) / 10, i18n.language) });
  return (
    <aside className="village-card" data-testid="village-card" data-code={village.code}>
      <button className="close" onClick={onClose} aria-label={t('close')}>
        ×
      </button>
      <h2>{village.name}</h2>
      <div className="muted">
        {t('code')} {village.code}
      </div>
      <div className="muted" data-testid="village-path">
        {[...village.path].reverse().join(' › ')}
      </div>
      <dl className="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="village-status" data-value={village.status}>
          {t(STATUS_KEYS[village.status])} · {village.coveredSince ? t('coveredSinceYear', { year: village.coveredSince }) : t('notCoveredYet')}
        </dd>
        <dt>{t('population')}</dt>
        <dd>{n(village.population)}</dd>
        <dt>{t('children')}</dt>
        <dd>{n(village.children)}</dd>
        {(['leftBehind', 'disabled', 'orphaned', 'difficult'] as const).map((c) => (
          <div key={c} className="fact">
            <dt>{t(c)}</dt>
            <dd>{t('childrenCount', { value: n(village[c]) })}</dd>
          </div>
        ))}
        <dt>{t('worker')}</dt>
        <dd data-testid="village-worker">
          {village.worker
            ? `${village.worker.id} · ${km(village.worker.km)} · ${t(village.worker.onRoster ? 'onRoster' : 'withinReach')} · ${t('caseload')} ${n(village.worker.caseload)}/${n(village.worker.capacity)}`
            : t('noWorker')}
        </dd>
        <dt>{t('need')}</dt>
        <dd>{n(Math.round(village.need))}</dd>
      </dl>
      <h3>{t('distanceTo')}</h3>
      <table className="distances">
        <tbody>
          {SERVICE_TYPES.map((type) => {
            const s = village.services[type];
            return (
              <tr key={type} data-testid={`village-distance-${type}`} className={s?.meets ? 'ok' : 'miss'}>
                <td>{t(TYPE_LABEL_KEYS[type])}</td>
                <td>{s ? km(s.km) : t('noService')}</td>
                <td>{s ? `${s.meets ? t('meets') : t('misses')} (${t('standard')} ${km(s.standardKm)})` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </aside>
  );
}

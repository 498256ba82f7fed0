import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useQualityFlags } from '../../api/imports.ts';
import { useTRPC } from '../../api/trpc.ts';
import { cssColor } from '../../map/colors.ts';
import { QUALITY_LABEL_KEYS, QUALITY_ORDER, QUALITY_RGB } from '../../map/quality_layer.ts';
import { formatNumber } from '../../i18n/index.ts';

/** How many villages and workers of the current version look wrong, and a link to see them on the map. */
export function QualitySummary() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const current = useQuery(trpc.datasets.current.queryOptions());
  const q = useQualityFlags(current.data?.id, current.data !== undefined && current.data !== null);
  const num = (x: number) => formatNumber(x, i18n.language);
  const c = q.data?.counts;
  return (
    <section className="panel quality-summary" data-testid="quality-summary">
      <h2>{t('dataQuality')}</h2>
      {q.error && <div className="error-text">{q.error.message}</div>}
      {c && (
        <>
          <ul>
            {QUALITY_ORDER.map((f) => (
              <li key={f} data-testid={`quality-${f}`}>
                <span className="swatch ring" style={{ borderColor: cssColor(QUALITY_RGB[f]) }} /> {t(QUALITY_LABEL_KEYS[f])}: {t('qualityVillages', { value: num(c[f]) })}
              </li>
            ))}
            <li data-testid="quality-workerFar">
              <span className="swatch ring" style={{ borderColor: cssColor(QUALITY_RGB.workerFar) }} /> {t('qualityWorkerFar', { km: num(q.data!.workerFarKm) })}:{' '}
              {t('qualityWorkers', { value: num(c.workersFar) })}
            </li>
          </ul>
          {!(q.data!.areas.townships || q.data!.areas.counties) && <div className="muted">{t('dataQualityNoAreas')}</div>}
          <a href="/?layers=quality">{t('dataQualityMap')}</a>
        </>
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/index.ts';
import { cssColor } from '../../map/colors.ts';
import { QUALITY_LABEL_KEYS, QUALITY_ORDER, QUALITY_RGB, type QualityFlags } from '../../map/quality_layer.ts';

/** The data-quality overlay's legend: one ring colour per problem, with how many there are. */
export function QualityLegend({ quality }: { quality: QualityFlags }) {
  const { t, i18n } = useTranslation();
  const num = (x: number) => formatNumber(x, i18n.language);
  const c = quality.counts;
  return (
    <div className="legend-section" data-testid="legend-quality" data-flagged={quality.villages.index.length + quality.workers.id.length}>
      <div className="legend-title">{t('overlayQuality')}</div>
      {QUALITY_ORDER.map((f) => (
        <div key={f} className="legend-row">
          <span className="swatch ring" style={{ borderColor: cssColor(QUALITY_RGB[f]), borderWidth: 2, borderStyle: 'solid', background: 'none' }} />
          <span>{t(QUALITY_LABEL_KEYS[f])}</span>
          <span className="legend-value">{t('qualityVillages', { value: num(c[f]) })}</span>
        </div>
      ))}
      <div className="legend-row">
        <span className="swatch ring" style={{ borderColor: cssColor(QUALITY_RGB.workerFar), borderWidth: 2, borderStyle: 'solid', background: 'none' }} />
        <span>{t('qualityWorkerFar', { km: num(quality.workerFarKm) })}</span>
        <span className="legend-value">{t('qualityWorkers', { value: num(c.workersFar) })}</span>
      </div>
    </div>
  );
}

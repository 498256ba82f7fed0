import { useTranslation } from 'react-i18next';
import type { ServiceType } from '../../../../server/domain/index.ts';
import { STATUS_COLORS, cssColor } from '../../map/colors.ts';
import { SERVICE_TYPE_RGB, WORKER_OK_RGB, WORKER_OVERLOADED_RGB } from '../../map/point_layers.ts';
import { DISTANCE_CLASS_RGB, NO_SERVICE_RGB, VILLAGE_STATUS_RGB, type Rgb } from '../../map/village_colors.ts';
import { SERVICE_TYPES } from '../../../../server/domain/index.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { ColorMode, Overlay } from './view_state.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

interface Props {
  color: ColorMode;
  type: ServiceType;
  standardKm: number;
  overlays: Overlay[];
}

/** The legend of what is drawn, with the same colours the layers use and units on every class. */
export function MapLegend({ color, type, standardKm, overlays }: Props) {
  const { t, i18n } = useTranslation();
  const km = (x: number) => t('km', { value: formatNumber(x, i18n.language) });
  const rows: { key: string; rgb: Rgb | readonly number[]; label: string }[] =
    color === 'coverage'
      ? [
          { key: 'covered', rgb: STATUS_COLORS.covered, label: t('covered') },
          { key: 'not-covered', rgb: STATUS_COLORS.notCovered, label: t('notCovered') },
        ]
      : color === 'status'
        ? [
            { key: 'served', rgb: VILLAGE_STATUS_RGB[0], label: t('served') },
            { key: 'over-capacity', rgb: VILLAGE_STATUS_RGB[1], label: t('overCapacity') },
            { key: 'not-covered', rgb: VILLAGE_STATUS_RGB[2], label: t('notCoveredStatus') },
          ]
        : [
            { key: 'half', rgb: DISTANCE_CLASS_RGB[0], label: `${t('withinHalf')} (${km(standardKm / 2)})` },
            { key: 'within', rgb: DISTANCE_CLASS_RGB[1], label: `${t('withinStandard')} (${km(standardKm)})` },
            { key: 'double', rgb: DISTANCE_CLASS_RGB[2], label: `${t('withinDouble')} (${km(standardKm * 2)})` },
            { key: 'beyond', rgb: DISTANCE_CLASS_RGB[3], label: t('beyondDouble') },
            { key: 'none', rgb: NO_SERVICE_RGB, label: t('noService') },
          ];
  const title = color === 'distance' ? `${t('colorDistance')}: ${t(TYPE_LABEL_KEYS[type])}` : t(color === 'status' ? 'colorStatus' : 'legendTitle');
  return (
    <div className="legend" data-testid="legend" data-mode={color}>
      <div className="legend-title">{title}</div>
      {rows.map((r) => (
        <div key={r.key} className="legend-row" data-testid={`legend-${r.key}`}>
          <span className="swatch" style={{ background: cssColor(r.rgb) }} />
          <span>{r.label}</span>
        </div>
      ))}
      {overlays.includes('services') && (
        <div className="legend-row" data-testid="legend-services">
          <span className="swatch square" style={{ background: cssColor(SERVICE_TYPE_RGB[SERVICE_TYPES.indexOf(type)]) }} />
          <span>{t(TYPE_LABEL_KEYS[type])}</span>
        </div>
      )}
      {overlays.includes('workers') && (
        <>
          <div className="legend-row" data-testid="legend-workers">
            <span className="swatch" style={{ background: cssColor(WORKER_OK_RGB) }} />
            <span>{t('workerOk')}</span>
          </div>
          <div className="legend-row">
            <span className="swatch" style={{ background: cssColor(WORKER_OVERLOADED_RGB) }} />
            <span>{t('workerOverloaded')}</span>
          </div>
        </>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES, type ServiceType } from '../../../../server/domain/index.ts';
import { CHOROPLETH_MEASURES, COLOR_MODES, OVERLAYS, type ChoroplethMeasure, type ColorMode, type Overlay, type ViewState } from './view_state.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

const MODE_KEYS: Record<ColorMode, string> = { coverage: 'colorCoverage', status: 'colorStatus', distance: 'colorDistance' };
const OVERLAY_KEYS: Record<Overlay, string> = { services: 'overlayServices', workers: 'overlayWorkers', catchments: 'overlayCatchments', gaps: 'overlayGaps', quality: 'overlayQuality' };
export const MEASURE_KEYS: Record<ChoroplethMeasure, string> = { share: 'measureShare', unreached: 'measureUnreached', gaps: 'measureGaps' };

type Change = Partial<Pick<ViewState, 'color' | 'type' | 'overlays' | 'choropleth' | 'points' | 'hexagons'>>;

/** The parts of the view this panel shows and changes, as the URL state defines them. */
interface Props extends Pick<ViewState, 'color' | 'type' | 'overlays' | 'choropleth' | 'points' | 'hexagons'> {
  /** whether the unit in view has areas one level down (not a township) */
  hasAreas: boolean;
  /** whether the unit in view is a county or township, where worker catchments are drawn */
  hasCatchments: boolean;
  onChange: (change: Change) => void;
}

/** What the map shows: how villages are coloured, for which service type, the areas one level down, and the overlays. */
export function LayerPanel({ color, type, overlays, choropleth, points, hexagons, hasAreas, hasCatchments, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="layer-panel">
      <h2>{t('layers')}</h2>
      <fieldset>
        <legend>{t('colorBy')}</legend>
        {COLOR_MODES.map((m) => (
          <label key={m}>
            <input type="radio" name="color" value={m} checked={color === m} data-testid={`color-${m}`} onChange={() => onChange({ color: m })} />
            {t(MODE_KEYS[m])}
          </label>
        ))}
        {color === 'distance' && (
          <label className="sub">
            <input type="checkbox" checked={hexagons} data-testid="hexagons" onChange={(e) => onChange({ hexagons: e.target.checked })} />
            {t('hexagons')}
          </label>
        )}
      </fieldset>
      <label className="field">
        {t('serviceType')}
        <select value={type} data-testid="service-type" onChange={(e) => onChange({ type: e.target.value as ServiceType })}>
          {SERVICE_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(TYPE_LABEL_KEYS[s])}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={points} data-testid="show-points" onChange={(e) => onChange({ points: e.target.checked })} />
        {t('showPoints')}
      </label>
      <label className="field">
        {t('choropleth')}
        <select
          value={choropleth ?? ''}
          disabled={!hasAreas}
          data-testid="choropleth"
          onChange={(e) => onChange({ choropleth: e.target.value === '' ? null : (e.target.value as ChoroplethMeasure) })}
        >
          <option value="">{t('choroplethNone')}</option>
          {CHOROPLETH_MEASURES.map((m) => (
            <option key={m} value={m}>
              {t(MEASURE_KEYS[m])}
            </option>
          ))}
        </select>
      </label>
      {!hasAreas && <div className="muted">{t('choroplethNoAreas')}</div>}
      <fieldset>
        <legend>{t('overlays')}</legend>
        {OVERLAYS.map((o) => {
          const unavailable = o === 'catchments' && !hasCatchments;
          return (
            <label key={o} className={unavailable ? 'unavailable' : undefined}>
              <input
                type="checkbox"
                checked={overlays.includes(o)}
                data-testid={`overlay-${o}`}
                onChange={(e) => onChange({ overlays: e.target.checked ? [...overlays, o] : overlays.filter((x) => x !== o) })}
              />
              {t(OVERLAY_KEYS[o])}
              {unavailable && <span className="muted"> {t('onlyCountyOrTownship')}</span>}
            </label>
          );
        })}
      </fieldset>
    </section>
  );
}

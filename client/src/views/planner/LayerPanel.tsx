import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES, type ServiceType } from '../../../../server/domain/index.ts';
import { COLOR_MODES, OVERLAYS, type ColorMode, type Overlay } from './view_state.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

const MODE_KEYS: Record<ColorMode, string> = { coverage: 'colorCoverage', status: 'colorStatus', distance: 'colorDistance' };
const OVERLAY_KEYS: Record<Overlay, string> = { services: 'overlayServices', workers: 'overlayWorkers' };

interface Props {
  color: ColorMode;
  type: ServiceType;
  overlays: Overlay[];
  onChange: (change: { color?: ColorMode; type?: ServiceType; overlays?: Overlay[] }) => void;
}

/** What the map shows: how villages are coloured, for which service type, and which overlays. */
export function LayerPanel({ color, type, overlays, onChange }: Props) {
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
      {OVERLAYS.map((o) => (
        <label key={o}>
          <input
            type="checkbox"
            checked={overlays.includes(o)}
            data-testid={`overlay-${o}`}
            onChange={(e) => onChange({ overlays: e.target.checked ? [...overlays, o] : overlays.filter((x) => x !== o) })}
          />
          {t(OVERLAY_KEYS[o])}
        </label>
      ))}
    </section>
  );
}

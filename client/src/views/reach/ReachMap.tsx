import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../i18n/index.ts';
import { cssColor } from '../../map/colors.ts';
import { MapPanel } from '../../map/MapPanel.tsx';
import { REACH_LAYER_ID } from '../../map/reach_layer.ts';
import { legendEntries } from './reach_text.ts';
import type { ReachMapData } from './use_reach_map.ts';

const noPick = () => undefined;

/** The county choropleth of covered share over the offline basemap, with its legend; hover a county for its figures. */
export function ReachMap({ map, large = false }: { map: ReachMapData; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const features = map.choropleth?.features;
  const tooltip = useCallback(
    (layerId: string, index: number) => {
      const f = layerId === REACH_LAYER_ID ? features?.[index] : undefined;
      if (!f) return null;
      const v = f.properties.value;
      return `${f.properties.name}\n${v === null ? t('noVillages') : t('reachTipShare', { share: formatPercent(v / 100, lang) })}`;
    },
    [features, t, lang],
  );
  return (
    <div className={large ? 'reach-map large' : 'reach-map'}>
      {map.error && <div className="error">{`${t('loadError')}: ${map.error.message}`}</div>}
      {map.basemap ? (
        <MapPanel basemap={map.basemap} bounds={map.bounds} layers={map.layers} villageCount={0} layersKey={map.choropleth ? 'reach-counties' : ''} onPick={noPick} tooltip={tooltip} />
      ) : (
        <div className="loading">{t('loading')}</div>
      )}
      <div className="legend" data-testid="reach-legend">
        <div className="legend-title">{t('reachLegendTitle')}</div>
        {legendEntries(t, lang).map((l) => (
          <div key={l.label} className="legend-row">
            <span className="swatch square" style={{ background: cssColor(l.rgb) }} />
            {l.label}
          </div>
        ))}
      </div>
    </div>
  );
}

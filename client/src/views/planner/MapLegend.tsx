import { useTranslation } from 'react-i18next';
import type { ServiceType } from '../../../../server/domain/index.ts';
import { STATUS_COLORS, cssColor } from '../../map/colors.ts';
import { NO_VALUE_RGB } from '../../map/choropleth_layer.ts';
import { SERVICE_TYPE_RGB, WORKER_OK_RGB, WORKER_OVERLOADED_RGB } from '../../map/point_layers.ts';
import { DISTANCE_CLASS_RGB, NO_SERVICE_RGB, VILLAGE_STATUS_RGB, type Rgb } from '../../map/village_colors.ts';
import { SERVICE_TYPES } from '../../../../server/domain/index.ts';
import { formatNumber } from '../../i18n/index.ts';
import type { ColorMode, Overlay } from './view_state.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';
import type { BoundaryLayer } from '../../api/boundaries.ts';
import { CATCHMENT_OVER_RGB, CATCHMENT_RGB } from '../../map/catchments_layer.ts';
import type { ChoroplethData } from '../../map/choropleth_layer.ts';
import { GAP_RING_RGB } from '../../map/gap_layer.ts';
import { HEXAGON_MAX_ZOOM, hexagonClasses } from '../../map/hexagon_layer.ts';
import type { QualityFlags } from '../../map/quality_layer.ts';
import { QualityLegend } from './QualityLegend.tsx';
import { PLAN_LINK_RGB, PLAN_SITE_RGB, PLAN_SITE_RING_RGB } from '../../map/plan_layer.ts';

const LEVEL_KEYS: Record<BoundaryLayer, string> = {
  countries: 'levelProvinces',
  provinces: 'levelProvinces',
  prefectures: 'levelPrefectures',
  counties: 'levelCounties',
  townships: 'levelTownships',
};
const rgba = ([r, g, b]: readonly number[], a: number) => `rgba(${r}, ${g}, ${b}, ${a})`;
const CHOROPLETH_TITLE_KEYS = { share: 'choroplethTitleShare', unreached: 'choroplethTitleUnreached', gaps: 'choroplethTitleGaps' } as const;
const CHOROPLETH_RANGE_KEYS = { share: 'rangePercent', unreached: 'rangeChildren', gaps: 'rangeVillages' } as const;

interface Props {
  color: ColorMode;
  type: ServiceType;
  standardKm: number;
  overlays: Overlay[];
  /** whether village points are drawn */
  points: boolean;
  /** hexagons drawn instead of village points (distance mode, zoomed out), with their radius */
  hexagons: { radiusKm: number } | null;
  /** the areas one level down as drawn, with their level */
  choropleth: { data: ChoroplethData; level: BoundaryLayer } | null;
  /** whether worker catchments are drawn */
  catchments: boolean;
  /** how many ranked gap villages are drawn, null when none */
  gaps: number | null;
  /** planned new workers drawn (expansion plan), with their new catchments */
  plan?: { sites: number } | null;
  /** the data-quality overlay's flags, when drawn */
  quality?: QualityFlags | null;
}

/** The legend of what is drawn, with the same colours the layers use and units on every class. */
export function MapLegend({ color, type, standardKm, overlays, points, hexagons, choropleth, catchments, gaps, plan = null, quality = null }: Props) {
  const { t, i18n } = useTranslation();
  const num = (x: number) => formatNumber(x, i18n.language);
  const km = (x: number) => t('km', { value: num(x) });
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
      {choropleth && (
        <div className="legend-section" data-testid="legend-choropleth" data-measure={choropleth.data.measure} data-classes={choropleth.data.classes.length}>
          <div className="legend-title">{t(CHOROPLETH_TITLE_KEYS[choropleth.data.measure], { level: t(LEVEL_KEYS[choropleth.level]) })}</div>
          {choropleth.data.classes.map((c, k) => (
            <div key={k} className="legend-row" data-testid={`legend-choropleth-${k}`}>
              <span className="swatch square" style={{ background: cssColor(c.rgb) }} />
              <span>{t(CHOROPLETH_RANGE_KEYS[choropleth.data.measure], { from: num(c.from), to: num(c.to) })}</span>
            </div>
          ))}
          {choropleth.data.features.some((f) => f.properties.value === null) && (
            <div className="legend-row">
              <span className="swatch square" style={{ background: cssColor(NO_VALUE_RGB) }} />
              <span>{t('noVillages')}</span>
            </div>
          )}
        </div>
      )}
      {hexagons ? (
        <div className="legend-section" data-testid="legend-hexagons">
          <div className="legend-title">{t('hexTitle', { type: t(TYPE_LABEL_KEYS[type]) })}</div>
          {hexagonClasses(standardKm).map((c, k) => (
            <div key={k} className="legend-row" data-testid={`legend-hexagons-${k}`}>
              <span className="swatch hexagon" style={{ background: cssColor(c.rgb) }} />
              <span>{Number.isFinite(c.to) ? t('rangeKm', { from: num(c.from), to: num(c.to) }) : t('overKm', { value: num(c.from) })}</span>
            </div>
          ))}
          <div className="legend-note muted">{t('hexNote', { radius: num(hexagons.radiusKm), zoom: HEXAGON_MAX_ZOOM })}</div>
        </div>
      ) : (
        points && (
          <div className="legend-section">
            <div className="legend-title">{title}</div>
            {rows.map((r) => (
              <div key={r.key} className="legend-row" data-testid={`legend-${r.key}`}>
                <span className="swatch" style={{ background: cssColor(r.rgb) }} />
                <span>{r.label}</span>
              </div>
            ))}
          </div>
        )
      )}
      {catchments && (
        <div className="legend-section" data-testid="legend-catchments">
          <div className="legend-row">
            <span className="swatch area" style={{ borderColor: cssColor(CATCHMENT_RGB), background: rgba(CATCHMENT_RGB, 0.15) }} />
            <span>{t('legendCatchment')}</span>
          </div>
          <div className="legend-row">
            <span className="swatch area" style={{ borderColor: cssColor(CATCHMENT_OVER_RGB), background: rgba(CATCHMENT_OVER_RGB, 0.15) }} />
            <span>{t('legendCatchmentOver')}</span>
          </div>
        </div>
      )}
      {gaps !== null && (
        <div className="legend-row" data-testid="legend-gaps">
          <span className="swatch ring" style={{ borderColor: cssColor(GAP_RING_RGB) }} />
          <span>{t('legendGaps', { count: gaps })}</span>
        </div>
      )}
      {plan && (
        <div className="legend-section" data-testid="legend-plan" data-sites={plan.sites}>
          <div className="legend-row">
            <span className="swatch" style={{ background: cssColor(PLAN_SITE_RGB), border: `2px solid ${cssColor(PLAN_SITE_RING_RGB)}`, width: 12, height: 12 }} />
            <span>{t('planLegendSites')}</span>
          </div>
          <div className="legend-row">
            <span className="swatch line" style={{ background: cssColor(PLAN_LINK_RGB) }} />
            <span>{t('planLegendLinks')}</span>
          </div>
        </div>
      )}
      {quality && <QualityLegend quality={quality} />}
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

import { LanguageButton } from '../common/LanguageButton.tsx';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { resolveParams, analysisParamsSchema, SERVICE_TYPES } from '../../../../server/domain/index.ts';
import {
  useBoundaries,
  useCatchments,
  useChildUnits,
  useCoverage,
  useDistanceHistogram,
  useGrowth,
  useCurrentDataset,
  useServicePoints,
  useSummary,
  useTopGaps,
  useUnitPath,
  useVillageAnalysis,
  useVillageCard,
  useVillagePoints,
  useWorkers,
} from '../../api/hooks.ts';
import type { BasemapData } from '../../map/basemap_style.ts';
import { villageBounds, type Bounds } from '../../map/bounds.ts';
import { STATUS_COLORS } from '../../map/colors.ts';
import { MapPanel } from '../../map/MapPanel.tsx';
import { positionsOfType, servicePointsLayer, workerColors, workersLayer } from '../../map/point_layers.ts';
import { villageColors } from '../../map/village_colors.ts';
import { villageLayer } from '../../map/village_layer.ts';
import { catchmentsLayer } from '../../map/catchments_layer.ts';
import { childBoundaryLayer, choroplethData, choroplethLayer, type ChoroplethFeature } from '../../map/choropleth_layer.ts';
import { GAP_LABEL_MIN_ZOOM, gapLayer, gapPoints, gapRankLayer, type GapPoint } from '../../map/gap_layer.ts';
import { qualityLayer, qualityPoints } from '../../map/quality_layer.ts';
import { useQualityFlags } from '../../api/imports.ts';
import { HEXAGON_MAX_ZOOM, hexagonData, hexagonLayer, hexagonRadiusKm, meanKm } from '../../map/hexagon_layer.ts';
import { PLAN_LABEL_MIN_ZOOM, planLinks, planLinksLayer, planRankLayer, planSitesInDrawOrder, planSitesLayer, siteBounds } from '../../map/plan_layer.ts';
import { plainError, useSiteExplanation } from '../../api/planning.ts';
import type { PlanSite } from '../../../../server/domain/index.ts';
import type { CatchmentProps } from '../../../../server/engine/worker_catchments.ts';
import type { Feature } from 'geojson';
import { formatNumber } from '../../i18n/index.ts';
import { NavLinks } from '../common/NavLinks.tsx';
import { SyntheticNote } from '../common/SyntheticNote.tsx';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { ChildPicker } from './ChildPicker.tsx';
import { LayerPanel } from './LayerPanel.tsx';
import { MapLegend } from './MapLegend.tsx';
import { ParamsPanel } from './ParamsPanel.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SummaryBar } from './SummaryBar.tsx';
import { useViewState } from './use_view_state.ts';
import { VillageCard } from './VillageCard.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { planSiteTooltip } from './plan_text.ts';
import { SiteWhyCard } from './SiteWhyCard.tsx';
import { usePlanning } from './use_planning.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';
import { catchmentTooltip, choroplethTooltip, gapTooltip, hexagonTooltip, type Translate } from './map_tooltips.ts';
import { CoverageBars } from '../../charts/CoverageBars.tsx';
import { villageTooltip } from '../../map/tooltip.ts';
import { CoverageGrowth } from '../../charts/CoverageGrowth.tsx';
import { DistanceHistogram } from '../../charts/DistanceHistogram.tsx';

const CHINA: Bounds = [[73, 18], [135, 53]];
/** How many ranked gap villages the gap overlay rings. */
const TOP_GAPS = 100;

interface Hover {
  x: number;
  y: number;
  text: string;
}

export function PlannerView() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useViewState();
  const dataset = useCurrentDataset();
  const id = dataset?.id;
  const typeIndex = SERVICE_TYPES.indexOf(view.type);
  const standardKm = resolveParams(analysisParamsSchema.parse(view.params)).standardsKm[view.type];

  const summary = useSummary(id, view.unit);
  const children = useChildUnits(id, view.unit);
  const path = useUnitPath(id, view.unit);
  const villages = useVillagePoints(id);
  const analysis = useVillageAnalysis(id, view.type, view.params, view.color !== 'coverage');
  const services = useServicePoints(id, view.overlays.includes('services'));
  const workers = useWorkers(id, view.params, view.overlays.includes('workers'));
  const card = useVillageCard(id, view.village, view.params);
  const histogram = useDistanceHistogram(id, view.unit, view.type, view.params);
  const coverage = useCoverage(id, view.unit, view.params);
  const growth = useGrowth(id, view.unit);
  const countries = useBoundaries(id, 'countries');
  const provinceShapes = useBoundaries(id, 'provinces');
  const prefectureShapes = useBoundaries(id, 'prefectures');

  // the areas one level down: provinces and prefectures come with the basemap; counties and
  // townships are fetched the first time a choropleth needs them
  const areaLevel = childBoundaryLayer(view.unit);
  const choroplethLevel = view.choropleth ? areaLevel : null;
  const lazyAreas = useBoundaries(id, choroplethLevel === 'counties' || choroplethLevel === 'townships' ? choroplethLevel : null);
  const areaShapes = choroplethLevel === 'provinces' ? provinceShapes.data : choroplethLevel === 'prefectures' ? prefectureShapes.data : lazyAreas.data;
  const countyOrBelow = view.unit !== null && view.unit.length >= 6;
  const showCatchments = view.overlays.includes('catchments') && countyOrBelow;
  const catchments = useCatchments(id, view.unit, view.params, showCatchments);
  const showGaps = view.overlays.includes('gaps');
  const gaps = useTopGaps(id, view.unit, view.params, showGaps, TOP_GAPS);
  // expansion planning: the shown plan (last run, or the scenario in the URL) and the site whose "why" card is open
  const showScenario = useCallback((scenario: number | null) => setView({ scenario }), [setView]);
  const planning = usePlanning(view.scenario, showScenario);
  const [planSite, setPlanSite] = useState<string | null>(null);
  const planResult = planning.shown?.result ?? null;
  const planServed = planning.served;
  const selectedSite = planResult?.sites.find((s) => s.code === planSite) ?? null;
  const why = useSiteExplanation(selectedSite ? planning.shown!.source : null, selectedSite?.code ?? null);

  const basemap = useMemo<BasemapData | null>(
    () =>
      countries.data && provinceShapes.data && prefectureShapes.data
        ? { countries: countries.data, provinces: provinceShapes.data, prefectures: prefectureShapes.data, datasetId: id }
        : null,
    [countries.data, provinceShapes.data, prefectureShapes.data, id],
  );
  const points = villages.data;
  const bounds = useMemo<Bounds>(() => (points ? (villageBounds(points.positions, points.code, view.unit) ?? CHINA) : CHINA), [points, view.unit]);
  const planDrawn = useMemo(
    () => (planResult && planServed && points ? { sites: planSitesInDrawOrder(planResult.sites), links: planLinks(planResult.sites, planServed, points) } : null),
    [planResult, planServed, points],
  );
  // the camera flies to a chosen site while its card is open
  const mapBounds = useMemo<Bounds>(
    () => (selectedSite ? siteBounds(selectedSite, planServed?.[selectedSite.rank - 1], points) : bounds),
    [selectedSite, planServed, points, bounds],
  );

  const colors = useMemo(
    () => (points ? villageColors(view.color, points, analysis.data, standardKm, STATUS_COLORS) : null),
    [points, view.color, analysis.data, standardKm],
  );
  // the choropleth joins the figures of the units one level down (once they are this unit's) to their shapes
  const coverageRows = coverage.data && coverage.data.unit.code === view.unit ? coverage.data.children : null;
  const choropleth = useMemo(
    () => (view.choropleth && areaShapes && coverageRows ? choroplethData(areaShapes, coverageRows, view.choropleth) : null),
    [view.choropleth, areaShapes, coverageRows],
  );
  const catchmentData = showCatchments ? (catchments.data ?? null) : null;
  const gapData = useMemo(() => (showGaps && points && gaps.data && !gaps.isPlaceholderData ? gapPoints(gaps.data.rows, points) : null), [showGaps, points, gaps.data, gaps.isPlaceholderData]);
  // data-quality overlay (issue 7): rings around villages and workers whose data looks wrong
  const showQuality = view.overlays.includes('quality');
  const quality = useQualityFlags(id, showQuality);
  const qualityData = useMemo(() => (showQuality && points && quality.data ? qualityPoints(quality.data, points) : null), [showQuality, points, quality.data]);
  const hexOn = view.color === 'distance' && view.hexagons;
  const hexData = useMemo(() => (hexOn && points && analysis.data ? hexagonData(points.positions, analysis.data.km, standardKm) : null), [hexOn, points, analysis.data, standardKm]);
  // the zoom (whole levels) the layers were last built for: hexagons replace villages below HEXAGON_MAX_ZOOM
  const [zoomLevel, setZoomLevel] = useState<number | null>(null);
  const hexShown = hexData !== null && zoomLevel !== null && zoomLevel < HEXAGON_MAX_ZOOM;

  // village points get a plain-text tooltip from the map itself; the other layers use the overlay below
  const villageHover = useCallback(
    (layerId: string, index: number) =>
      layerId === 'villages' && points && index >= 0
        ? villageTooltip(points.code[index], analysis.data?.status[index], analysis.data?.km[index], t(TYPE_LABEL_KEYS[view.type]), {
            served: t('served'),
            overCapacity: t('overCapacity'),
            notCovered: t('notCoveredStatus'),
            km: (value) => t('km', { value: formatNumber(value, i18n.language) }),
          })
        : null,
    [points, analysis.data, view.type, t, i18n.language],
  );

  const [hover, setHover] = useState<Hover | null>(null);
  // a tooltip belongs to the view it was shown in
  useEffect(() => setHover(null), [view.unit, view.choropleth, view.overlays, view.color]);
  const tr = t as unknown as Translate;
  const lang = i18n.language;
  const measure = view.choropleth;
  const hexKm = hexData?.km;
  const onHover = useCallback(
    (info: PickingInfo) => {
      const object = info.object as unknown;
      if (!info.picked || object === undefined || object === null) return setHover(null);
      let text: string | null = null;
      const id = info.layer?.id;
      if (id === 'choropleth' && measure) text = choroplethTooltip(tr, lang, measure, (object as ChoroplethFeature).properties);
      else if (id === 'catchments') text = catchmentTooltip(tr, lang, (object as Feature<never, CatchmentProps>).properties);
      else if (id === 'gap-villages') text = gapTooltip(tr, lang, (object as GapPoint).row);
      else if (id === 'plan-sites') text = planSiteTooltip(tr, lang, object as PlanSite);
      else if (id === 'distance-hexagons' && hexKm) {
        const cell = object as { count: number; pointIndices?: number[] };
        text = hexagonTooltip(tr, lang, cell.count, cell.pointIndices ? meanKm(hexKm, cell.pointIndices) : null);
      }
      setHover(text ? { x: info.x, y: info.y, text } : null);
    },
    [tr, lang, measure, hexKm],
  );

  const servicePositions = useMemo(() => (services.data ? positionsOfType(services.data, typeIndex) : null), [services.data, typeIndex]);
  const workerRgb = useMemo(() => (workers.data ? workerColors(workers.data) : null), [workers.data]);
  const showServices = view.overlays.includes('services');
  const showWorkers = view.overlays.includes('workers');
  const showPoints = view.points;
  const layers = useMemo(
    () =>
      (zoom: number): Layer[] => {
        setZoomLevel(Math.floor(zoom));
        const hexagons = hexData !== null && zoom < HEXAGON_MAX_ZOOM;
        const hovering = <L extends Layer>(layer: L) => layer.clone({ onHover });
        // with areas to click on, clicks go to the areas rather than to the villages over them
        const villages = points && colors && showPoints && !hexagons ? villageLayer(points, colors, zoom) : null;
        return [
          ...(choropleth ? [hovering(choroplethLayer(choropleth, { instead: !showPoints }))] : []),
          ...(catchmentData ? [hovering(catchmentsLayer(catchmentData, { zoom }))] : []),
          ...(hexagons ? [hovering(hexagonLayer(hexData, { zoom }))] : []),
          ...(villages ? [choropleth ? (villages as Layer).clone({ pickable: false }) : villages] : []),
          ...(showWorkers && workers.data && workerRgb ? [workersLayer(workers.data, workerRgb, zoom)] : []),
          ...(showServices && servicePositions ? [servicePointsLayer(servicePositions, typeIndex, zoom)] : []),
          ...(gapData ? [hovering(gapLayer(gapData, { zoom })), ...(zoom >= GAP_LABEL_MIN_ZOOM ? [gapRankLayer(gapData, { zoom })] : [])] : []),
          ...(qualityData ? [qualityLayer(qualityData, { zoom })] : []),
          ...(planDrawn
            ? [
                planLinksLayer(planDrawn.links, { zoom }),
                hovering(planSitesLayer(planDrawn.sites, { zoom, selected: planSite })),
                ...(zoom >= PLAN_LABEL_MIN_ZOOM ? [planRankLayer(planDrawn.sites, { zoom })] : []),
              ]
            : []),
        ];
      },
    [points, colors, showPoints, hexData, choropleth, catchmentData, gapData, qualityData, onHover, showWorkers, workers.data, workerRgb, showServices, servicePositions, typeIndex, planDrawn, planSite],
  );

  // what the drawn layers show: the colour mode once its data is in, and the overlays
  const colorsShown = view.color === 'coverage' || analysis.data ? view.color : 'coverage';
  const layersKey = [
    colorsShown,
    view.type,
    ...(showServices && servicePositions ? ['services'] : []),
    ...(showWorkers && workers.data ? ['workers'] : []),
    ...(showPoints && !hexShown ? ['points'] : []),
    ...(choropleth && choroplethLevel ? ['choropleth', `choropleth-${choropleth.measure}`, `areas-${choroplethLevel}`] : []),
    ...(catchmentData ? ['catchments'] : []),
    ...(gapData ? ['gaps'] : []),
    ...(qualityData ? ['quality'] : []),
    ...(hexShown ? ['hexagons'] : []),
    ...(planDrawn ? ['plan'] : []),
  ].join(' ');

  const onPick = useCallback(
    (layerId: string | null, index: number) => {
      if (layerId === 'plan-sites' && planDrawn && planDrawn.sites[index]) {
        setPlanSite(planDrawn.sites[index].code);
        setView({ village: null });
      } else if (layerId === 'villages' && points && index >= 0) {
        setPlanSite(null);
        setView({ village: String(points.code[index]).padStart(12, '0') });
      }
      else if (layerId === 'choropleth' && choropleth && index >= 0 && choropleth.features[index]) {
        setHover(null);
        setView({ unit: choropleth.features[index].properties.code, village: null });
      }
    },
    [points, choropleth, setView, planDrawn],
  );
  const selectPlanSite = useCallback(
    (code: string) => {
      setPlanSite(code);
      if (view.village) setView({ village: null });
    },
    [view.village, setView],
  );
  const drillTo = useCallback((code: string | null) => setView({ unit: code, village: null }), [setView]);

  const failed = [summary, children, villages, analysis, countries, provinceShapes, prefectureShapes, card, histogram, coverage, growth, lazyAreas, catchments, gaps, quality].find((q) => q.error);
  const s = summary.data;
  const exportHref = `/api/exports/gaps.csv?${new URLSearchParams({
    ...(id ? { dataset: String(id) } : {}),
    ...(view.unit ? { code: view.unit } : {}),
    params: JSON.stringify(view.params),
  })}`;

  return (
    <div className="app">
      <header className="header">
        <h1>{t('title')}</h1>
        <NavLinks />
        <SearchBox datasetId={id} onPick={(code, level) => setView(level === 'village' ? { unit: code.slice(0, 9), village: code } : { unit: code, village: null })} />
        {s && <SummaryBar summary={s} />}
        <LanguageButton />
      </header>
      <div className="subheader">
        <Breadcrumbs path={view.unit ? (path.data ?? []) : []} onSelect={drillTo} />
        <ChildPicker units={children.data ?? []} onSelect={drillTo} />
        <a className="export" href={exportHref} data-testid="export-gaps">
          {t('exportGaps')}
        </a>
      </div>
      {dataset?.synthetic && <SyntheticNote />}
      <div className="body">
        <main className="main">
          {failed && <div className="error">{`${t('loadError')}: ${failed.error!.message}`}</div>}
          {basemap ? (
            <MapPanel
              basemap={basemap}
              bounds={mapBounds}
              layers={layers}
              villageCount={points?.length ?? 0}
              layersKey={layersKey}
              onPick={onPick}
              tooltip={villageHover}
            />
          ) : (
            <div className="loading">{t('loading')}</div>
          )}
          {hover && (
            <div className="map-tooltip" data-testid="map-tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
              {hover.text}
            </div>
          )}
          <MapLegend
            color={view.color}
            type={view.type}
            standardKm={standardKm}
            overlays={view.overlays}
            points={showPoints}
            hexagons={hexShown ? { radiusKm: hexagonRadiusKm(zoomLevel!) } : null}
            choropleth={choropleth && choroplethLevel ? { data: choropleth, level: choroplethLevel } : null}
            catchments={catchmentData !== null}
            gaps={gapData ? gapData.length : null}
            quality={qualityData ? (quality.data ?? null) : null}
            plan={planDrawn ? { sites: planDrawn.sites.length } : null}
          />
          {view.village && card.data && <VillageCard village={card.data} onClose={() => setView({ village: null })} />}
          {selectedSite && <SiteWhyCard code={selectedSite.code} why={why.data} error={plainError(why.error)} onClose={() => setPlanSite(null)} />}
        </main>
        <aside className="sidebar">
          <LayerPanel
            color={view.color}
            type={view.type}
            overlays={view.overlays}
            choropleth={view.choropleth}
            points={view.points}
            hexagons={view.hexagons}
            hasAreas={areaLevel !== null}
            hasCatchments={countyOrBelow}
            onChange={setView}
          />
          <PlanPanel
            datasetId={id}
            unit={view.unit}
            unitName={view.unit ? (s?.code === view.unit ? s.name : view.unit) : t('allUnits')}
            params={view.params}
            planning={planning}
            scenarioId={view.scenario}
            onShowScenario={showScenario}
            selected={planSite}
            onSelectSite={selectPlanSite}
          />
          <section className="panel charts">
            {histogram.data && <DistanceHistogram data={histogram.data} width={296} height={190} title={`${t('colorDistance')}: ${t(TYPE_LABEL_KEYS[view.type])}`} />}
            {coverage.data && coverage.data.children.length > 0 && (
              <CoverageBars
                rows={coverage.data.children.map((c) => ({ code: c.code!, name: c.name, served: c.served, overCapacity: c.overCapacity, notCovered: c.notCovered, villages: c.villages }))}
                onSelect={drillTo}
                width={296}
                title={t('colorStatus')}
              />
            )}
            {growth.data && <CoverageGrowth rows={growth.data} width={296} height={170} title={t('coveredVillages')} />}
          </section>
          <ParamsPanel params={view.params} onChange={(params) => setView({ params })} />
        </aside>
      </div>
    </div>
  );
}

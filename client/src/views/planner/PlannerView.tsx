import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer } from '@deck.gl/core';
import { resolveParams, analysisParamsSchema, SERVICE_TYPES } from '../../../../server/domain/index.ts';
import {
  useBoundaries,
  useChildUnits,
  useCoverage,
  useDistanceHistogram,
  useGrowth,
  useCurrentDataset,
  useServicePoints,
  useSummary,
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
import { setLanguage } from '../../i18n/index.ts';
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
import { TYPE_LABEL_KEYS } from './type_labels.ts';
import { CoverageBars } from '../../charts/CoverageBars.tsx';
import { CoverageGrowth } from '../../charts/CoverageGrowth.tsx';
import { DistanceHistogram } from '../../charts/DistanceHistogram.tsx';

const CHINA: Bounds = [[73, 18], [135, 53]];

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

  const basemap = useMemo<BasemapData | null>(
    () =>
      countries.data && provinceShapes.data && prefectureShapes.data
        ? { countries: countries.data, provinces: provinceShapes.data, prefectures: prefectureShapes.data }
        : null,
    [countries.data, provinceShapes.data, prefectureShapes.data],
  );
  const points = villages.data;
  const bounds = useMemo<Bounds>(() => (points ? (villageBounds(points.positions, points.code, view.unit) ?? CHINA) : CHINA), [points, view.unit]);

  const colors = useMemo(
    () => (points ? villageColors(view.color, points, analysis.data, standardKm, STATUS_COLORS) : null),
    [points, view.color, analysis.data, standardKm],
  );
  const servicePositions = useMemo(() => (services.data ? positionsOfType(services.data, typeIndex) : null), [services.data, typeIndex]);
  const workerRgb = useMemo(() => (workers.data ? workerColors(workers.data) : null), [workers.data]);
  const showServices = view.overlays.includes('services');
  const showWorkers = view.overlays.includes('workers');
  const layers = useMemo(
    () =>
      (zoom: number): Layer[] => [
        ...(points && colors ? [villageLayer(points, colors, zoom)] : []),
        ...(showWorkers && workers.data && workerRgb ? [workersLayer(workers.data, workerRgb, zoom)] : []),
        ...(showServices && servicePositions ? [servicePointsLayer(servicePositions, typeIndex, zoom)] : []),
      ],
    [points, colors, showWorkers, workers.data, workerRgb, showServices, servicePositions, typeIndex],
  );

  // what the drawn layers show: the colour mode once its data is in, and the overlays
  const colorsShown = view.color === 'coverage' || analysis.data ? view.color : 'coverage';
  const layersKey = [colorsShown, view.type, ...(showServices && servicePositions ? ['services'] : []), ...(showWorkers && workers.data ? ['workers'] : [])].join(' ');

  const onPick = useCallback(
    (layerId: string | null, index: number) => {
      if (layerId === 'villages' && points && index >= 0) setView({ village: String(points.code[index]).padStart(12, '0') });
    },
    [points, setView],
  );
  const drillTo = useCallback((code: string | null) => setView({ unit: code, village: null }), [setView]);

  const failed = [summary, children, villages, analysis, countries, provinceShapes, prefectureShapes, card, histogram, coverage, growth].find((q) => q.error);
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
        <SearchBox datasetId={id} onPick={(code, level) => setView(level === 'village' ? { unit: code.slice(0, 9), village: code } : { unit: code, village: null })} />
        {s && <SummaryBar summary={s} />}
        <button className="lang" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
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
            <MapPanel basemap={basemap} bounds={bounds} layers={layers} villageCount={points?.length ?? 0} layersKey={layersKey} onPick={onPick} />
          ) : (
            <div className="loading">{t('loading')}</div>
          )}
          <MapLegend color={view.color} type={view.type} standardKm={standardKm} overlays={view.overlays} />
          {view.village && card.data && <VillageCard village={card.data} onClose={() => setView({ village: null })} />}
        </main>
        <aside className="sidebar">
          <LayerPanel color={view.color} type={view.type} overlays={view.overlays} onChange={setView} />
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

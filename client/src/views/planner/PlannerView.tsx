import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoundaries, useChildUnits, useCurrentDataset, useSummary, useVillagePoints } from '../../api/hooks.ts';
import type { BasemapData } from '../../map/basemap_style.ts';
import { boundsOf, type Bounds } from '../../map/bounds.ts';
import { CoverageLegend } from '../../map/Legend.tsx';
import { MapPanel } from '../../map/MapPanel.tsx';
import { setLanguage } from '../../i18n/index.ts';
import { SyntheticNote } from '../common/SyntheticNote.tsx';
import { SummaryBar } from './SummaryBar.tsx';
import { UnitPicker } from './UnitPicker.tsx';

const CHINA: Bounds = [[73, 18], [135, 53]];

export function PlannerView() {
  const { t, i18n } = useTranslation();
  const dataset = useCurrentDataset();
  const id = dataset?.id;
  const [unit, setUnit] = useState<string | null>(null);
  const province = unit?.slice(0, 2) ?? null;
  const prefecture = unit && unit.length >= 4 ? unit.slice(0, 4) : null;

  const summary = useSummary(id, unit);
  const provinces = useChildUnits(id, null);
  const prefectures = useChildUnits(id, province);
  const villages = useVillagePoints(id);
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
  const bounds = useMemo<Bounds>(() => {
    if (!prefectureShapes.data) return CHINA;
    const codes = unit ? [unit] : (provinces.data ?? []).map((p) => p.code!);
    return boundsOf(prefectureShapes.data, codes) ?? CHINA;
  }, [prefectureShapes.data, provinces.data, unit]);

  const failed = [summary, provinces, villages, countries, provinceShapes, prefectureShapes].find((q) => q.error);
  const s = summary.data;

  return (
    <div className="app">
      <header className="header">
        <h1>{t('title')}</h1>
        <UnitPicker
          provinces={provinces.data ?? []}
          prefectures={province ? (prefectures.data ?? []) : []}
          province={province}
          prefecture={prefecture}
          onChange={setUnit}
        />
        {s && <SummaryBar summary={s} />}
        <button className="lang" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      {dataset?.synthetic && <SyntheticNote />}
      <main className="main">
        {failed && <div className="error">{`${t('loadError')}: ${failed.error!.message}`}</div>}
        {basemap ? <MapPanel basemap={basemap} bounds={bounds} villages={villages.data} /> : <div className="loading">{t('loading')}</div>}
        {s && <CoverageLegend covered={s.coveredVillages} notCovered={s.villages - s.coveredVillages} />}
      </main>
    </div>
  );
}

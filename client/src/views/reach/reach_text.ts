import type { TFunction } from 'i18next';
import { analysisParamsSchema, resolveParams, type AnalysisParamsInput, type Count, type ReachSummary, type SnapshotPayload } from '../../../../server/domain/index.ts';
import type { TableHeadings } from '../../exports/csv.ts';
import type { LegendEntry, ReportText, SheetText } from '../../exports/sheet.ts';
import { formatNumber, formatPercent } from '../../i18n/index.ts';
import { countValue, formatCount, formatDate } from '../../i18n/formats.ts';
import { choroplethClasses, NO_VALUE_RGB } from '../../map/choropleth_layer.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';

/**
 * The words of the reach, snapshot and presentation pages and of their exports, built from the
 * translations of the current language: one place, so the page, the PNG, the PDF and the CSV
 * say the same thing.
 */
type Key = keyof typeof zhCN;
export type T = TFunction;
const tk = (t: T, key: Key, options?: Record<string, unknown>): string => String(t(key, options as never));

export const CATEGORY_LABEL_KEYS = { leftBehind: 'leftBehind', disabled: 'disabled', orphaned: 'orphaned', difficult: 'difficult' } as const satisfies Record<string, Key>;

/** The unit's name: the whole dataset is "all demonstration provinces" in the current language. */
export function unitName(t: T, s: ReachSummary): string {
  return s.unit.code === null ? tk(t, 'allUnits') : s.unit.name;
}

/** The dataset's name in the language. */
export function datasetName(s: ReachSummary, lang: string): string {
  return lang !== 'en' && s.dataset.nameZh ? s.dataset.nameZh : s.dataset.name;
}

/** Covered villages as a share of villages, when both are known exactly. */
export function coveredShareText(s: ReachSummary, lang: string): string | null {
  const { coveredVillages: c, villages: v } = s.headline;
  return typeof c === 'number' && typeof v === 'number' && v > 0 ? formatPercent(c / v, lang) : null;
}

export interface HeadlineFigure {
  key: 'coveredVillages' | 'children' | 'leftBehind' | 'disabled' | 'orphaned' | 'difficult' | 'workers' | 'coveredCounties';
  label: string;
  value: Count;
  unit: string;
  /** "of 138,294 villages (42.7 %)" and the like */
  of?: { key: 'villages' | 'counties'; value: Count; text: string };
}

/** The headline figures, with their units: villages and counties covered, children reached by category, workers. */
export function headlineFigures(t: T, lang: string, s: ReachSummary): HeadlineFigure[] {
  const h = s.headline;
  const share = coveredShareText(s, lang);
  const children = tk(t, 'reachUnitChildren');
  return [
    {
      key: 'coveredVillages',
      label: tk(t, 'reachCoveredVillages'),
      value: h.coveredVillages,
      unit: tk(t, 'reachUnitVillages'),
      of: { key: 'villages', value: h.villages, text: tk(t, share ? 'reachOfVillagesShare' : 'reachOfVillages', { value: formatCount(h.villages, lang), share }) },
    },
    { key: 'children', label: tk(t, 'reachChildren'), value: h.children, unit: children },
    { key: 'leftBehind', label: tk(t, 'leftBehind'), value: h.leftBehind, unit: children },
    { key: 'disabled', label: tk(t, 'disabled'), value: h.disabled, unit: children },
    { key: 'orphaned', label: tk(t, 'orphaned'), value: h.orphaned, unit: children },
    { key: 'difficult', label: tk(t, 'difficult'), value: h.difficult, unit: children },
    { key: 'workers', label: tk(t, 'workers'), value: h.workers, unit: tk(t, 'reachUnitPeople') },
    {
      key: 'coveredCounties',
      label: tk(t, 'reachCoveredCounties'),
      value: h.coveredCounties,
      unit: tk(t, 'reachUnitCounties'),
      of: { key: 'counties', value: h.counties, text: tk(t, 'reachOfCounties', { value: formatCount(h.counties, lang) }) },
    },
  ];
}

/** The choropleth's legend rows: five classes of covered share and "no villages". */
export function legendEntries(t: T, lang: string): LegendEntry[] {
  return [
    ...choroplethClasses('share', 100).map((c) => ({ label: tk(t, 'rangePercent', { from: formatNumber(c.from, lang), to: formatNumber(c.to, lang) }), rgb: c.rgb })),
    { label: tk(t, 'noVillages'), rgb: NO_VALUE_RGB },
  ];
}

/** What an exported map says. `published` is a snapshot's publishing date (ISO), if it is one. */
export function sheetText(t: T, lang: string, s: ReachSummary, o: { title: string; published?: string; datasetName?: string }): SheetText {
  const today = formatDate(new Date(), lang);
  return {
    title: o.title,
    subtitle: `${tk(t, 'reachMapTitle')} · ${unitName(t, s)}`,
    legendTitle: tk(t, 'reachLegendTitle'),
    legend: legendEntries(t, lang),
    north: tk(t, 'exportNorth'),
    distance: (m) => (m >= 1000 ? tk(t, 'km', { value: formatNumber(m / 1000, lang) }) : tk(t, 'exportMeters', { value: formatNumber(m, lang) })),
    source: tk(t, 'reachSource', { name: o.datasetName ?? datasetName(s, lang), version: s.dataset.version, date: formatDate(s.dataset.createdAt, lang) }),
    date: o.published ? tk(t, 'exportPublishedAndExported', { published: formatDate(o.published, lang), date: today }) : tk(t, 'exportExported', { date: today }),
    synthetic: s.dataset.synthetic ? `${tk(t, 'syntheticBadge')} · ${tk(t, 'exportSyntheticLabel')}` : null,
  };
}

/** The parameters a figure depends on, as label and value, for the report. */
export function parameterRows(t: T, lang: string, s: ReachSummary, params: AnalysisParamsInput, o: { snapshot?: SnapshotPayload; datasetName?: string } = {}): [string, string][] {
  const snapshot = o.snapshot;
  const parsed = analysisParamsSchema.safeParse(params);
  const p = resolveParams(parsed.success ? parsed.data : analysisParamsSchema.parse({}));
  const rows: [string, string][] = [
    [tk(t, 'reachParamUnit'), unitName(t, s)],
    [tk(t, 'reachParamDataset'), tk(t, 'reachDatasetVersion', { name: o.datasetName ?? datasetName(s, lang), version: s.dataset.version })],
    [tk(t, 'workerReach'), tk(t, 'km', { value: formatNumber(p.workerReachKm, lang) })],
    [tk(t, 'enforceCapacity'), tk(t, p.enforceCapacity ? 'reachYes' : 'reachNo')],
  ];
  if (p.capacityOverride !== null) rows.push([tk(t, 'capacityOverride'), formatNumber(p.capacityOverride, lang)]);
  rows.push([tk(t, 'reachParamPrivacy'), s.protected ? tk(t, 'reachPrivacyApplied', { threshold: s.threshold }) : tk(t, 'reachPrivacyExact', { threshold: s.threshold })]);
  if (snapshot) {
    rows.push([tk(t, 'snapPublished'), formatDate(snapshot.publishedAt, lang)]);
    if (snapshot.scenario) rows.push([tk(t, 'snapScenario'), snapshot.scenario.name]);
  }
  return rows;
}

/** What a report page adds to the map: the headline figures, the growth chart and the parameters. */
export function reportText(t: T, lang: string, s: ReachSummary, params: [string, string][]): ReportText {
  return {
    figuresTitle: tk(t, 'reachHeadlineTitle'),
    figures: headlineFigures(t, lang, s).map((f) => ({ label: f.label, value: formatCount(f.value, lang), unit: f.of ? `${f.unit} · ${f.of.text}` : f.unit })),
    chartTitle: tk(t, 'reachGrowthTitle'),
    chartYLabel: tk(t, 'chartCumulativeAxis'),
    chartXLabel: tk(t, 'chartYearAxis'),
    chartEmpty: tk(t, 'chartNoCoverage'),
    growth: growthRows(s),
    formatNumber: (n) => formatNumber(n, lang),
    paramsTitle: tk(t, 'reachParamsTitle'),
    params,
  };
}

/** Growth rows for drawing: a withheld count draws as 0. */
export function growthRows(s: ReachSummary) {
  return s.growth.map((g) => ({ year: g.year, newVillages: countValue(g.newVillages), cumulativeVillages: countValue(g.cumulativeVillages) }));
}

/** The CSV column headings in the current language. */
export function tableHeadings(t: T): TableHeadings {
  return {
    year: tk(t, 'chartYearAxis'),
    newVillages: tk(t, 'reachNewVillages'),
    cumulativeVillages: tk(t, 'chartCumulativeAxis'),
    code: tk(t, 'code'),
    name: tk(t, 'reachName'),
    villages: tk(t, 'villages'),
    coveredVillages: tk(t, 'reachCoveredVillages'),
    coveredShare: tk(t, 'reachCoveredSharePercent'),
    workers: tk(t, 'workers'),
    children: tk(t, 'reachChildren'),
    leftBehind: tk(t, 'leftBehind'),
    disabled: tk(t, 'disabled'),
    orphaned: tk(t, 'orphaned'),
    difficult: tk(t, 'difficult'),
    category: tk(t, 'reachCategory'),
  };
}

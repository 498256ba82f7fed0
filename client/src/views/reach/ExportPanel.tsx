import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReachSummary } from '../../../../server/domain/index.ts';
import { CATEGORY_KEYS, reachTables, toCsv, type Table } from '../../exports/csv.ts';
import { fileSlug, saveBlob } from '../../exports/download.ts';
import { exportReportPdf } from '../../exports/pdf.ts';
import { exportMapPng, type MapSource } from '../../exports/png.ts';
import { PNG_PRESETS, presetById, type Orientation, type Paper } from '../../exports/sizes.ts';
import { formatNumber } from '../../i18n/index.ts';
import { CATEGORY_LABEL_KEYS, reportText, sheetText, tableHeadings } from './reach_text.ts';

interface Props {
  summary: ReachSummary;
  /** what the map draws; null until its boundaries are in */
  mapSource: MapSource | null;
  /** the title on exported maps and reports */
  title: string;
  /** the parameters behind the figures, for the report */
  params: [string, string][];
  /** a snapshot's publishing date (ISO), when exporting a snapshot */
  published?: string;
  /** the start of every file name */
  fileBase: string;
  /** the dataset's name in the current language, where known */
  datasetName?: string;
}

const PDF_SIZES: { id: string; paper: Paper; orientation: Orientation }[] = [
  { id: 'a4-landscape', paper: 'A4', orientation: 'landscape' },
  { id: 'a4-portrait', paper: 'A4', orientation: 'portrait' },
  { id: 'a3-landscape', paper: 'A3', orientation: 'landscape' },
  { id: 'a3-portrait', paper: 'A3', orientation: 'portrait' },
];

const TABLE_LABEL_KEYS = { growth: 'exportCsvGrowth', provinces: 'exportCsvProvinces', categories: 'exportCsvCategories', counties: 'exportCsvCounties' } as const;

/**
 * Exports of what the page shows, in the current language: the map as PNG at a chosen size, a
 * one-page PDF report, and the table behind each chart as CSV. The panel's data-state says
 * whether an export is running, done or failed.
 */
export function ExportPanel({ summary, mapSource, title, params, published, fileBase, datasetName }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [pngSize, setPngSize] = useState('a4-150');
  const [pdfSize, setPdfSize] = useState('a4-landscape');
  const [state, setState] = useState<{ phase: 'idle' | 'working' | 'done' | 'failed'; message?: string }>({ phase: 'idle' });
  const num = (n: number) => formatNumber(n, lang);
  const base = `${fileSlug(fileBase)}-${lang === 'en' ? 'en' : 'zh'}`;

  const run = async (make: () => Promise<{ blob: Blob; name: string }>) => {
    setState({ phase: 'working' });
    try {
      const { blob, name } = await make();
      saveBlob(blob, name);
      setState({ phase: 'done', message: name });
    } catch (err) {
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const png = () =>
    run(async () => {
      const size = presetById(pngSize);
      const blob = await exportMapPng(mapSource!, size, sheetText(t, lang, summary, { title, published, datasetName }));
      return { blob, name: `${base}-map-${size.width}x${size.height}.png` };
    });
  const pdf = () =>
    run(async () => {
      const size = PDF_SIZES.find((s) => s.id === pdfSize) ?? PDF_SIZES[0];
      const text = sheetText(t, lang, summary, { title, published, datasetName });
      const blob = await exportReportPdf(mapSource!, size.paper, size.orientation, text, reportText(t, lang, summary, params), { title, lang, subject: text.subtitle });
      return { blob, name: `${base}-report-${size.id}.pdf` };
    });
  const csv = (table: Table) => {
    saveBlob(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${base}-${table.name}.csv`);
    setState({ phase: 'done', message: `${base}-${table.name}.csv` });
  };
  const tables = reachTables(summary, tableHeadings(t), Object.fromEntries(CATEGORY_KEYS.map((k) => [k, t(CATEGORY_LABEL_KEYS[k])])) as Record<(typeof CATEGORY_KEYS)[number], string>);
  const busy = state.phase === 'working';

  return (
    <section className="panel export-panel" data-testid="export-panel" data-state={state.phase}>
      <h2>{t('exportTitle')}</h2>
      <div className="export-row">
        <label>
          {t('exportPngSize')}
          <select data-testid="export-png-size" value={pngSize} onChange={(e) => setPngSize(e.target.value)}>
            {PNG_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.paper
                  ? t('exportPaperDpi', { paper: p.paper, dpi: p.dpi, width: num(p.width), height: num(p.height) })
                  : t('exportScreen', { width: num(p.width), height: num(p.height) })}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="export-png" disabled={!mapSource || busy} onClick={png}>
          {t('exportPng')}
        </button>
      </div>
      <div className="export-row">
        <label>
          {t('exportPdfSize')}
          <select data-testid="export-pdf-size" value={pdfSize} onChange={(e) => setPdfSize(e.target.value)}>
            {PDF_SIZES.map((s) => (
              <option key={s.id} value={s.id}>
                {t(s.orientation === 'landscape' ? 'exportPaperLandscape' : 'exportPaperPortrait', { paper: s.paper })}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="export-pdf" disabled={!mapSource || busy} onClick={pdf}>
          {t('exportPdf')}
        </button>
      </div>
      <div className="export-row export-csv">
        <span>{t('exportCsv')}</span>
        {tables.map((table) => (
          <button key={table.name} className="link-button" data-testid={`export-csv-${table.name}`} onClick={() => csv(table)}>
            {t(TABLE_LABEL_KEYS[table.name])}
          </button>
        ))}
      </div>
      {busy && <p className="muted">{t('exportWorking')}</p>}
      {state.phase === 'failed' && <p className="error-text">{t('exportFailed', { message: state.message })}</p>}
    </section>
  );
}

import { coverageGrowthLayout, type GrowthRow } from '../charts/coverage_growth_layout.ts';
import { CHART_COLORS, cssColor } from '../map/colors.ts';
import { scaleBar } from './scale_bar.ts';

/**
 * Exported maps and report pages drawn on a canvas: the title, the map image, its legend, a scale
 * bar, a north arrow, the data source and date, and the synthetic-data label; for a report page
 * also the headline figures, the growth chart and the parameters used. Every text comes in
 * already translated; the layouts are pure functions of the page size and its scale `u`
 * (device pixels per CSS pixel: dpi / 96), so text keeps its physical size at any resolution.
 */
export const SHEET_FONT = `'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', sans-serif`;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LegendEntry {
  label: string;
  rgb: readonly number[];
}

/** What a map sheet says, in the chosen language. */
export interface SheetText {
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: LegendEntry[];
  /** the letter on the north arrow: 北 or N */
  north: string;
  /** a distance for the scale bar: 50 公里, 50 km */
  distance: (meters: number) => string;
  source: string;
  date: string;
  /** the synthetic-data label, or null for real data */
  synthetic: string | null;
}

/** What a report page adds to the map sheet. */
export interface ReportText {
  figuresTitle: string;
  figures: { label: string; value: string; unit: string }[];
  chartTitle: string;
  chartYLabel: string;
  chartXLabel: string;
  chartEmpty: string;
  growth: GrowthRow[];
  formatNumber: (n: number) => string;
  paramsTitle: string;
  params: [string, string][];
}

const INK = '#2b2822';
const MUTED = '#6b6558';
const SYNTHETIC_BG = '#b7791f';

const bandHeights = (u: number) => ({ margin: 24 * u, head: 24 * u + 34 * u + 8 * u + 20 * u + 14 * u, foot: 24 * u + 34 * u });

/** Where the map goes on an exported image: below the title band, above the footer, full width. */
export function mapSheetLayout(width: number, height: number, u: number): { map: Rect } {
  const b = bandHeights(u);
  return { map: { x: b.margin, y: b.head, width: width - 2 * b.margin, height: height - b.head - b.foot } };
}

/**
 * Where the parts of a report page go: the map on the left (landscape) or on top (portrait); the
 * figures, chart and parameters beside or below it.
 */
export function reportLayout(width: number, height: number, u: number): { map: Rect; figures: Rect; chart: Rect; params: Rect } {
  const b = bandHeights(u);
  const gap = 18 * u;
  const body: Rect = { x: b.margin, y: b.head, width: width - 2 * b.margin, height: height - b.head - b.foot };
  if (width >= height) {
    const mapWidth = Math.round(body.width * 0.6);
    const side: Rect = { x: body.x + mapWidth + gap, y: body.y, width: body.width - mapWidth - gap, height: body.height };
    const figuresHeight = Math.min(side.height * 0.36, 230 * u);
    const chartHeight = Math.min(side.height * 0.34, 210 * u);
    return {
      map: { ...body, width: mapWidth },
      figures: { ...side, height: figuresHeight },
      chart: { ...side, y: side.y + figuresHeight + gap / 2, height: chartHeight },
      params: { ...side, y: side.y + figuresHeight + chartHeight + gap, height: side.height - figuresHeight - chartHeight - gap },
    };
  }
  const mapHeight = Math.round(body.height * 0.6);
  const below: Rect = { x: body.x, y: body.y + mapHeight + gap, width: body.width, height: body.height - mapHeight - gap };
  const half = (below.width - gap) / 2;
  const figuresHeight = Math.min(below.height * 0.5, 250 * u);
  return {
    map: { ...body, height: mapHeight },
    figures: { ...below, width: half, height: figuresHeight },
    params: { ...below, width: half, y: below.y + figuresHeight + gap / 2, height: below.height - figuresHeight - gap / 2 },
    chart: { ...below, x: below.x + half + gap, width: half, height: Math.min(below.height, 260 * u) },
  };
}

const font = (px: number, weight = 400) => `${weight} ${px}px ${SHEET_FONT}`;

/** Every text the sheet draws, so that web fonts are loaded before drawing. */
export function sheetStrings(text: SheetText, report?: ReportText): string {
  return [
    text.title,
    text.subtitle,
    text.legendTitle,
    ...text.legend.map((l) => l.label),
    text.north,
    text.distance(1000),
    text.source,
    text.date,
    text.synthetic ?? '',
    ...(report ? [report.figuresTitle, ...report.figures.flatMap((f) => [f.label, f.value, f.unit]), report.chartTitle, report.chartYLabel, report.chartXLabel, report.paramsTitle, ...report.params.flat()] : []),
  ].join('');
}

/** Loads the fonts the sheet needs for its characters (the bundled web font, where the system has no Chinese font). */
export async function loadSheetFonts(strings: string): Promise<void> {
  if (!document.fonts) return;
  const sample = strings || 'A';
  await Promise.all([document.fonts.load(font(16), sample), document.fonts.load(font(16, 700), sample)]).catch(() => undefined);
}

/** The text cut with an ellipsis to fit `width` in the current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(chars.join('') + '…').width > width) chars.pop();
  return chars.join('') + '…';
}

/** Draws a map sheet: title band, map image, legend, scale bar, north arrow, source and date, synthetic label. */
export function drawMapSheet(ctx: CanvasRenderingContext2D, width: number, height: number, u: number, map: Rect, image: CanvasImageSource | null, metersPerPixel: number, text: SheetText): void {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  drawHeader(ctx, width, u, text);
  drawMap(ctx, map, u, image, metersPerPixel, text);
  drawFooter(ctx, width, height, u, text);
  ctx.restore();
}

/** Draws a report page: the map sheet's parts with the figures, the growth chart and the parameters. */
export function drawReportPage(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  u: number,
  layout: ReturnType<typeof reportLayout>,
  image: CanvasImageSource | null,
  metersPerPixel: number,
  text: SheetText,
  report: ReportText,
): void {
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  drawHeader(ctx, width, u, text);
  drawMap(ctx, layout.map, u, image, metersPerPixel, text);
  drawFigures(ctx, layout.figures, u, report);
  drawGrowth(ctx, layout.chart, u, report);
  drawParams(ctx, layout.params, u, report);
  drawFooter(ctx, width, height, u, text);
  ctx.restore();
}

function drawHeader(ctx: CanvasRenderingContext2D, width: number, u: number, text: SheetText): void {
  const m = 24 * u;
  let right = width - m;
  if (text.synthetic) {
    ctx.font = font(15 * u, 700);
    const w = ctx.measureText(text.synthetic).width + 20 * u;
    ctx.fillStyle = SYNTHETIC_BG;
    ctx.fillRect(right - w, m + 4 * u, w, 28 * u);
    ctx.fillStyle = '#ffffff';
    ctx.textBaseline = 'middle';
    ctx.fillText(text.synthetic, right - w + 10 * u, m + 18 * u);
    right -= w + 16 * u;
  }
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = INK;
  ctx.font = font(30 * u, 700);
  ctx.fillText(fit(ctx, text.title, right - m), m, m + 30 * u);
  ctx.fillStyle = MUTED;
  ctx.font = font(18 * u);
  ctx.fillText(fit(ctx, text.subtitle, width - 2 * m), m, m + 30 * u + 8 * u + 20 * u);
}

function drawFooter(ctx: CanvasRenderingContext2D, width: number, height: number, u: number, text: SheetText): void {
  const m = 24 * u;
  ctx.fillStyle = MUTED;
  ctx.font = font(13 * u);
  ctx.textBaseline = 'alphabetic';
  const y = height - m;
  const dateWidth = ctx.measureText(text.date).width;
  ctx.textAlign = 'right';
  ctx.fillText(text.date, width - m, y);
  ctx.textAlign = 'left';
  ctx.fillText(fit(ctx, text.source, width - 2 * m - dateWidth - 24 * u), m, y);
}

function drawMap(ctx: CanvasRenderingContext2D, r: Rect, u: number, image: CanvasImageSource | null, metersPerPixel: number, text: SheetText): void {
  ctx.fillStyle = '#dfe9f0';
  ctx.fillRect(r.x, r.y, r.width, r.height);
  if (image) ctx.drawImage(image, r.x, r.y, r.width, r.height);
  ctx.strokeStyle = '#c9c4b8';
  ctx.lineWidth = Math.max(1, u);
  ctx.strokeRect(r.x, r.y, r.width, r.height);
  drawLegend(ctx, r, u, text);
  drawScaleBar(ctx, r, u, metersPerPixel, text);
  drawNorthArrow(ctx, r, u, text.north);
}

function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, u: number): void {
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.15)';
  ctx.lineWidth = Math.max(1, u / 2);
  ctx.strokeRect(x, y, w, h);
}

function drawLegend(ctx: CanvasRenderingContext2D, r: Rect, u: number, text: SheetText): void {
  const pad = 10 * u;
  const row = 20 * u;
  const swatch = 14 * u;
  ctx.font = font(14 * u, 700);
  let w = ctx.measureText(text.legendTitle).width;
  ctx.font = font(13 * u);
  for (const l of text.legend) w = Math.max(w, swatch + 8 * u + ctx.measureText(l.label).width);
  w = Math.min(w, r.width * 0.5);
  const h = pad * 2 + 18 * u + text.legend.length * row;
  const x = r.x + 12 * u;
  const y = r.y + r.height - 12 * u - h;
  box(ctx, x, y, w + 2 * pad, h, u);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(14 * u, 700);
  ctx.fillText(fit(ctx, text.legendTitle, w), x + pad, y + pad + 14 * u);
  ctx.font = font(13 * u);
  text.legend.forEach((l, i) => {
    const top = y + pad + 18 * u + i * row + (row - swatch) / 2;
    ctx.fillStyle = cssColor(l.rgb);
    ctx.fillRect(x + pad, top, swatch, swatch);
    ctx.fillStyle = INK;
    ctx.textBaseline = 'middle';
    ctx.fillText(fit(ctx, l.label, w - swatch - 8 * u), x + pad + swatch + 8 * u, top + swatch / 2);
  });
  ctx.textBaseline = 'alphabetic';
}

function drawScaleBar(ctx: CanvasRenderingContext2D, r: Rect, u: number, metersPerPixel: number, text: SheetText): void {
  const { meters, px } = scaleBar(metersPerPixel, Math.min(180 * u, r.width * 0.3));
  if (meters <= 0) return;
  const pad = 10 * u;
  const barH = 6 * u;
  const label = text.distance(meters);
  ctx.font = font(13 * u);
  const w = Math.max(px, ctx.measureText(label).width) + 2 * pad;
  const h = pad * 2 + 16 * u + barH;
  const x = r.x + r.width - 12 * u - w;
  const y = r.y + r.height - 12 * u - h;
  box(ctx, x, y, w, h, u);
  const bx = x + pad;
  const by = y + pad + 16 * u;
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(label, bx, y + pad + 12 * u);
  // alternating black and white quarters, outlined
  for (let k = 0; k < 4; k++) {
    ctx.fillStyle = k % 2 === 0 ? INK : '#ffffff';
    ctx.fillRect(bx + (k * px) / 4, by, px / 4, barH);
  }
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, u / 1.5);
  ctx.strokeRect(bx, by, px, barH);
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, r: Rect, u: number, letter: string): void {
  const w = 30 * u;
  const h = 52 * u;
  const x = r.x + r.width - 12 * u - w;
  const y = r.y + 12 * u;
  box(ctx, x, y, w, h, u);
  const cx = x + w / 2;
  const top = y + 6 * u;
  const bottom = y + h - 22 * u;
  // an arrow split down the middle: the left half dark, the right half light
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx - 8 * u, bottom);
  ctx.lineTo(cx, bottom - 6 * u);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(cx, top);
  ctx.lineTo(cx + 8 * u, bottom);
  ctx.lineTo(cx, bottom - 6 * u);
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, u / 1.5);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = font(14 * u, 700);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(letter, cx, y + h - 6 * u);
  ctx.textAlign = 'left';
}

function heading(ctx: CanvasRenderingContext2D, r: Rect, u: number, title: string): number {
  ctx.fillStyle = INK;
  ctx.font = font(16 * u, 700);
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(fit(ctx, title, r.width), r.x, r.y + 16 * u);
  return r.y + 28 * u;
}

function drawFigures(ctx: CanvasRenderingContext2D, r: Rect, u: number, report: ReportText): void {
  const y = heading(ctx, r, u, report.figuresTitle);
  const columns = 2;
  const colWidth = r.width / columns;
  const rowHeight = Math.min(50 * u, (r.y + r.height - y) / Math.ceil(report.figures.length / columns));
  report.figures.forEach((f, i) => {
    const x = r.x + (i % columns) * colWidth;
    const top = y + Math.floor(i / columns) * rowHeight;
    ctx.fillStyle = MUTED;
    ctx.font = font(12 * u);
    ctx.fillText(fit(ctx, f.label, colWidth - 8 * u), x, top + 12 * u);
    ctx.fillStyle = INK;
    ctx.font = font(22 * u, 700);
    ctx.fillText(f.value, x, top + 38 * u);
    const vw = ctx.measureText(f.value).width;
    ctx.fillStyle = MUTED;
    ctx.font = font(12 * u);
    ctx.fillText(fit(ctx, f.unit, colWidth - vw - 14 * u), x + vw + 5 * u, top + 38 * u);
  });
}

/** The growth chart: the same d3 layout as the page's chart, drawn at the page's scale. */
function drawGrowth(ctx: CanvasRenderingContext2D, r: Rect, u: number, report: ReportText): void {
  const w = r.width / u;
  const h = r.height / u;
  const l = coverageGrowthLayout(report.growth, w, h);
  const axis = cssColor(CHART_COLORS.axis);
  const grid = cssColor(CHART_COLORS.grid);
  const line = cssColor(CHART_COLORS.growth);
  ctx.save();
  ctx.translate(r.x, r.y);
  ctx.scale(u, u);
  ctx.fillStyle = INK;
  ctx.font = font(14, 700);
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(fit(ctx, report.chartTitle, w), 0, 16);
  ctx.font = font(11);
  for (const tick of l.yTicks) {
    ctx.strokeStyle = grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(l.plot.x, tick.y);
    ctx.lineTo(l.plot.x + l.plot.width, tick.y);
    ctx.stroke();
    ctx.fillStyle = axis;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(report.formatNumber(tick.value), l.plot.x - 6, tick.y);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  if (l.points.length > 0) {
    ctx.fillStyle = 'rgba(0, 140, 120, 0.15)';
    ctx.fill(new Path2D(l.areaPath));
    ctx.strokeStyle = line;
    ctx.lineWidth = 2;
    ctx.stroke(new Path2D(l.linePath));
    ctx.fillStyle = line;
    for (const p of l.points) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  } else {
    ctx.fillStyle = axis;
    ctx.textAlign = 'center';
    ctx.fillText(report.chartEmpty, l.plot.x + l.plot.width / 2, l.plot.y + l.plot.height / 2);
  }
  const baseline = l.y(0);
  ctx.strokeStyle = axis;
  ctx.beginPath();
  ctx.moveTo(l.plot.x, baseline);
  ctx.lineTo(l.plot.x + l.plot.width, baseline);
  ctx.stroke();
  ctx.fillStyle = axis;
  ctx.textAlign = 'center';
  for (const tick of l.xTicks) ctx.fillText(String(tick.year), tick.x, baseline + 14);
  ctx.fillText(report.chartXLabel, l.plot.x + l.plot.width / 2, h - 6);
  ctx.translate(12, l.plot.y + l.plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(report.chartYLabel, 0, 0);
  ctx.restore();
}

function drawParams(ctx: CanvasRenderingContext2D, r: Rect, u: number, report: ReportText): void {
  const y0 = heading(ctx, r, u, report.paramsTitle);
  const line = 18 * u;
  ctx.font = font(12 * u);
  let labelWidth = 0;
  for (const [label] of report.params) labelWidth = Math.max(labelWidth, ctx.measureText(label).width);
  labelWidth = Math.min(labelWidth, r.width * 0.45);
  report.params.forEach(([label, value], i) => {
    const y = y0 + i * line + 12 * u;
    if (y > r.y + r.height) return;
    ctx.fillStyle = MUTED;
    ctx.fillText(fit(ctx, label, labelWidth), r.x, y);
    ctx.fillStyle = INK;
    ctx.fillText(fit(ctx, value, r.width - labelWidth - 12 * u), r.x + labelWidth + 12 * u, y);
  });
}

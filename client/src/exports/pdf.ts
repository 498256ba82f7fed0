import { renderMapImage } from './map_image.ts';
import { canvasBlob, type MapSource } from './png.ts';
import { drawReportPage, loadSheetFonts, reportLayout, sheetStrings, type ReportText, type SheetText } from './sheet.ts';
import { CSS_DPI, paperPixels, paperPoints, PDF_DPI, type Orientation, type Paper } from './sizes.ts';

/**
 * A one-page A4 or A3 report as PDF: the page (map, headline figures, growth chart, parameters,
 * source, date, synthetic label) is drawn on a canvas at 200 dpi with the page's own fonts, so
 * Chinese needs no font embedded in the PDF, and placed as an image on a page of the exact paper
 * size in points. pdf-lib loads only when a report is made.
 */
export async function exportReportPdf(
  source: MapSource,
  paper: Paper,
  orientation: Orientation,
  text: SheetText,
  report: ReportText,
  meta: { title: string; lang: string; subject: string },
): Promise<Blob> {
  const [width, height] = paperPixels(paper, PDF_DPI, orientation);
  const u = PDF_DPI / CSS_DPI;
  const layout = reportLayout(width, height, u);
  await loadSheetFonts(sheetStrings(text, report));
  const image = await renderMapImage({ ...source, width: Math.round(layout.map.width), height: Math.round(layout.map.height), pixelRatio: u });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  drawReportPage(canvas.getContext('2d')!, width, height, u, layout, image.canvas, image.metersPerPixel, text, report);
  const jpeg = new Uint8Array(await (await canvasBlob(canvas, 'image/jpeg', 0.92)).arrayBuffer());

  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const [pw, ph] = paperPoints(paper, orientation);
  const page = doc.addPage([pw, ph]);
  const embedded = await doc.embedJpg(jpeg);
  page.drawImage(embedded, { x: 0, y: 0, width: pw, height: ph });
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.lang);
  doc.setCreator('Child welfare coverage dashboard');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(new Date());
  const bytes = await doc.save();
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

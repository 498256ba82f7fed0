/**
 * Export sizes: paper in millimetres and points, images in pixels at a resolution. Pure.
 * A4 landscape at 150 dpi is 1754 x 1240 px; A3 landscape at 300 dpi is 4961 x 3508 px.
 */
export type Paper = 'A4' | 'A3';
export type Orientation = 'landscape' | 'portrait';

/** ISO 216 sizes, landscape (width, height), mm. */
export const PAPER_MM: Record<Paper, readonly [number, number]> = { A4: [297, 210], A3: [420, 297] };
const MM_PER_INCH = 25.4;
const POINTS_PER_INCH = 72;
/** CSS pixels per inch: a still map at `dpi` is drawn with dpi / 96 device pixels per CSS pixel. */
export const CSS_DPI = 96;

const oriented = ([w, h]: readonly [number, number], o: Orientation): [number, number] => (o === 'landscape' ? [w, h] : [h, w]);

/** A paper size in pixels at a resolution, rounded to whole pixels. */
export function paperPixels(paper: Paper, dpi: number, orientation: Orientation = 'landscape'): [number, number] {
  const [w, h] = oriented(PAPER_MM[paper], orientation);
  return [Math.round((w / MM_PER_INCH) * dpi), Math.round((h / MM_PER_INCH) * dpi)];
}

/** A paper size in PDF points (1/72 inch): A4 landscape is 841.89 x 595.28. */
export function paperPoints(paper: Paper, orientation: Orientation = 'landscape'): [number, number] {
  const [w, h] = oriented(PAPER_MM[paper], orientation);
  return [(w / MM_PER_INCH) * POINTS_PER_INCH, (h / MM_PER_INCH) * POINTS_PER_INCH];
}

export interface ImageSize {
  id: string;
  width: number;
  height: number;
  dpi: number;
  /** the paper it fills, if any */
  paper?: Paper;
}

/** The PNG sizes offered: a full-HD screen, and A4 and A3 landscape at 150 and 300 dpi. */
export const PNG_PRESETS: readonly ImageSize[] = [
  { id: 'screen', width: 1920, height: 1080, dpi: CSS_DPI },
  ...(['A4', 'A3'] as const).flatMap((paper) =>
    [150, 300].map((dpi) => {
      const [width, height] = paperPixels(paper, dpi);
      return { id: `${paper.toLowerCase()}-${dpi}`, width, height, dpi, paper };
    }),
  ),
];

export function presetById(id: string): ImageSize {
  return PNG_PRESETS.find((p) => p.id === id) ?? PNG_PRESETS[0];
}

/** The resolution a PDF page is drawn at before it is placed on the page. */
export const PDF_DPI = 200;

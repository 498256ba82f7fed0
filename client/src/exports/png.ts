import type { Layer } from '@deck.gl/core';
import type { BasemapData } from '../map/basemap_style.ts';
import type { Bounds } from '../map/bounds.ts';
import { renderMapImage } from './map_image.ts';
import { drawMapSheet, loadSheetFonts, mapSheetLayout, sheetStrings, type SheetText } from './sheet.ts';
import { CSS_DPI, type ImageSize } from './sizes.ts';

/** What to draw on an exported map: the basemap, where to look, and the deck.gl layers. */
export interface MapSource {
  basemap: BasemapData;
  bounds: Bounds;
  layers: (zoom: number) => Layer[];
}

export function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`the canvas could not be encoded as ${type}`))), type, quality));
}

/**
 * The map as a PNG of exactly `size.width` x `size.height` pixels: title, map, legend, scale bar,
 * north arrow, source, date and (for synthetic data) the synthetic label, text sized for `size.dpi`.
 */
export async function exportMapPng(source: MapSource, size: ImageSize, text: SheetText): Promise<Blob> {
  const u = size.dpi / CSS_DPI;
  const { map } = mapSheetLayout(size.width, size.height, u);
  await loadSheetFonts(sheetStrings(text));
  const image = await renderMapImage({ ...source, width: Math.round(map.width), height: Math.round(map.height), pixelRatio: u });
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  drawMapSheet(canvas.getContext('2d')!, size.width, size.height, u, map, image.canvas, image.metersPerPixel, text);
  return canvasBlob(canvas, 'image/png');
}

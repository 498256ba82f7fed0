import type { Layer } from '@deck.gl/core';
import type { BasemapData } from '../map/basemap_style.ts';
import type { Bounds } from '../map/bounds.ts';
import { MapView } from '../map/map_view.ts';

export interface MapImage {
  /** a copy of the drawn map, `width` x `height` device pixels (or less where the GPU cannot draw that large) */
  canvas: HTMLCanvasElement;
  /** metres per pixel of the requested size (`width` x `height`) at the middle of the map */
  metersPerPixel: number;
}

/** How long an export waits for the map to draw before giving up. */
const DRAW_TIMEOUT_MS = 60_000;

/**
 * Draws the map (basemap and deck.gl layers) once, at an export's size: a still MapView in a
 * container outside the visible page, `width / pixelRatio` CSS pixels wide, drawn at
 * `pixelRatio` device pixels per CSS pixel, so that names and lines keep their physical size at
 * any resolution. Resolves with a copy of the frame once the map is idle, and removes the map.
 */
export async function renderMapImage(o: { basemap: BasemapData; bounds: Bounds; layers: (zoom: number) => Layer[]; width: number; height: number; pixelRatio: number }): Promise<MapImage> {
  const container = document.createElement('div');
  const cssWidth = o.width / o.pixelRatio;
  const cssHeight = o.height / o.pixelRatio;
  Object.assign(container.style, { position: 'fixed', left: '-200000px', top: '0', width: `${cssWidth}px`, height: `${cssHeight}px`, pointerEvents: 'none' });
  container.setAttribute('aria-hidden', 'true');
  container.dataset.testid = 'export-map';
  document.body.appendChild(container);
  let view: MapView | null = null;
  try {
    view = new MapView(container, o.basemap, o.bounds, { pixelRatio: o.pixelRatio, interactive: false, controls: false });
    const map = view;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the map did not finish drawing')), DRAW_TIMEOUT_MS);
      map.onIdle(() => {
        clearTimeout(timer);
        resolve();
      });
      map.setLayers(o.layers);
    });
    const source = map.canvas();
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    canvas.getContext('2d')!.drawImage(source, 0, 0);
    return { canvas, metersPerPixel: map.metersPerPixel() / o.pixelRatio };
  } finally {
    view?.destroy();
    container.remove();
  }
}

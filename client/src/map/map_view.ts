import maplibregl, { type LngLatBoundsLike } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle, LABEL_FONT, type BasemapData } from './basemap_style.ts';

/**
 * Owns the maplibre map and the deck.gl overlay: the only module that touches them
 * imperatively. React hands it data; it never holds React state.
 */
export class MapView {
  private readonly map: maplibregl.Map;
  private readonly overlay = new MapboxOverlay({ interleaved: true, layers: [] });
  private layerBuilder: ((zoom: number) => Layer[]) | null = null;

  constructor(container: HTMLElement, basemap: BasemapData, bounds: LngLatBoundsLike) {
    this.map = new maplibregl.Map({
      container,
      style: basemapStyle(basemap),
      bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      localIdeographFontFamily: LABEL_FONT.join(', '),
      // keep the drawn frame readable, for exports and for tests that check pixels
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.addControl(this.overlay);
    this.map.on('zoomend', () => this.redraw());
    // Browser tests and exports need screen positions of places: offered on the element itself.
    Object.defineProperty(container, 'project', { value: (lon: number, lat: number) => this.map.project([lon, lat]), configurable: true });
  }

  /** Calls back with the layer id and object index of what was clicked (or null). */
  onPick(callback: (layerId: string | null, index: number) => void): void {
    this.overlay.setProps({ onClick: (info) => callback(info.layer?.id ?? null, info.index) });
  }

  /** Sets the function that builds the deck.gl layers for a zoom level. */
  setLayers(build: (zoom: number) => Layer[]): void {
    this.layerBuilder = build;
    this.redraw();
  }

  fitBounds(bounds: LngLatBoundsLike): void {
    this.map.fitBounds(bounds, { padding: 24, duration: 800 });
  }

  onIdle(callback: () => void): void {
    this.map.on('idle', callback);
  }

  destroy(): void {
    this.map.remove();
  }

  private redraw(): void {
    if (this.layerBuilder) this.overlay.setProps({ layers: this.layerBuilder(this.map.getZoom()) });
  }
}

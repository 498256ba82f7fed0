import maplibregl, { type LngLatBoundsLike } from 'maplibre-gl';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Boundaries } from '../api/boundaries.ts';
import { basemapStyle, boundaryUrl, DECK_LAYERS_BEFORE, LABEL_FONT, LAZY_BOUNDARIES, labelPoints, lazyBoundaryLayers, type BasemapData, type LazyBoundary } from './basemap_style.ts';

/** Text for the object under the pointer (layer id, object index), or null for no tooltip. */
export type TooltipText = (layerId: string, index: number) => string | null;

/** What the map element offers to browser tests, as `element.basemap`. */
export interface BasemapProbe {
  zoom(): number;
  /** ids of the basemap sources present in the style */
  sources(): string[];
  /** how many features of a style layer are drawn in the current view (0 for a layer not in the style) */
  rendered(layerId: string): number;
  /** the names the label layers show in the current view */
  labels(): string[];
}

const TOOLTIP_STYLE: Partial<CSSStyleDeclaration> = {
  background: 'rgba(255, 255, 255, 0.96)',
  color: '#2b2822',
  fontFamily: 'inherit',
  fontSize: '12px',
  lineHeight: '1.4',
  padding: '4px 8px',
  borderRadius: '3px',
  boxShadow: '0 1px 3px rgba(0, 0, 0, 0.25)',
  whiteSpace: 'pre',
  marginLeft: '12px',
  marginTop: '12px',
};

/** How a map is made: the page's interactive map (default), or a still one drawn at another pixel ratio for an export. */
export interface MapViewOptions {
  /** device pixels per CSS pixel (default the screen's); an export draws at its dpi / 96 */
  pixelRatio?: number;
  /** whether the map takes pointer and keyboard input (default true) */
  interactive?: boolean;
  /** whether the zoom buttons and the scale bar are shown (default true) */
  controls?: boolean;
}

const LABEL_LAYERS = ['prefecture-labels', 'province-labels', 'counties-labels', 'townships-labels'];
const WEB_FONT = 'Noto Sans SC';
const OPTIONAL_SOURCES = ['rivers', 'lakes'];

/**
 * Owns the maplibre map and the deck.gl overlay: the only module that touches them
 * imperatively. React hands it data; it never holds React state.
 */
export class MapView {
  private readonly map: maplibregl.Map;
  private readonly overlay = new MapboxOverlay({ interleaved: true, layers: [] });
  private layerBuilder: ((zoom: number) => Layer[]) | null = null;
  private readonly datasetId: number | undefined;
  private readonly snapshot: string | undefined;
  private styleReady = false;
  /** county and township layers: absent until the map first reaches their zoom */
  private readonly lazy = new Map<LazyBoundary['layer'], 'loading' | 'shown' | 'failed'>();
  private readonly aborts = new AbortController();
  private pending = 0;
  private fontGeneration = 0;
  private fontTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resizes: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    basemap: BasemapData,
    bounds: LngLatBoundsLike,
    options: MapViewOptions = {},
  ) {
    this.datasetId = basemap.datasetId;
    this.snapshot = basemap.snapshot;
    this.map = new maplibregl.Map({
      container,
      style: basemapStyle(basemap),
      bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      localIdeographFontFamily: LABEL_FONT.join(', '),
      // keep the drawn frame readable, for exports and for tests that check pixels
      canvasContextAttributes: { preserveDrawingBuffer: true },
      // an export at 300 dpi needs more than maplibre's default 4096 px (it still stops at the GPU's limit)
      ...(options.pixelRatio ? { pixelRatio: options.pixelRatio, maxCanvasSize: [16384, 16384] as [number, number] } : {}),
      // a still map shows its labels at once, without fading them in
      ...(options.interactive === false ? { interactive: false, fadeDuration: 0 } : {}),
    });
    if (options.controls ?? true) {
      this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    }
    this.map.addControl(this.overlay);
    this.resizes = this.followContainerSize();
    this.map.on('zoomend', () => this.redraw());
    this.map.on('load', () => {
      this.styleReady = true;
      this.loadLazyBoundaries();
    });
    this.map.on('zoom', () => this.loadLazyBoundaries());
    this.map.on('error', (e: maplibregl.ErrorEvent & { sourceId?: string }) => {
      // a dataset stored before rivers and lakes were generated has none: the basemap does without
      if (e.sourceId && OPTIONAL_SOURCES.includes(e.sourceId)) return;
      console.error(e.error); // what maplibre does when no one listens
    });
    document.fonts?.addEventListener('loadingdone', this.onFontsLoaded);
    // Browser tests and exports need screen positions of places: offered on the element itself.
    Object.defineProperty(container, 'project', { value: (lon: number, lat: number) => this.map.project([lon, lat]), configurable: true });
    const probe: BasemapProbe = {
      zoom: () => this.map.getZoom(),
      sources: () => Object.keys(this.map.getStyle().sources),
      rendered: (layerId) => (this.map.getLayer(layerId) ? this.map.queryRenderedFeatures({ layers: [layerId] }).length : 0),
      labels: () =>
        this.map
          .queryRenderedFeatures({ layers: LABEL_LAYERS.filter((id) => this.map.getLayer(id)) })
          .map((f) => String(f.properties.name)),
    };
    Object.defineProperty(container, 'basemap', { value: probe, configurable: true });
  }

  /** Calls back with the layer id and object index of what was clicked (or null). */
  onPick(callback: (layerId: string | null, index: number) => void): void {
    this.overlay.setProps({ onClick: (info) => callback(info.layer?.id ?? null, info.index) });
  }

  /** Shows a small plain-text tooltip for the object under the pointer; null turns tooltips off. */
  setTooltip(text: TooltipText | null): void {
    this.overlay.setProps({
      getTooltip: text
        ? (info: PickingInfo) => {
            if (!info.layer || info.index < 0) return null;
            const s = text(info.layer.id, info.index);
            // deck sets `text` with innerText: no markup is ever interpreted
            return s ? { text: s, style: TOOLTIP_STYLE } : null;
          }
        : null,
    });
  }

  /** Sets the function that builds the deck.gl layers for a zoom level. */
  setLayers(build: (zoom: number) => Layer[]): void {
    this.layerBuilder = build;
    this.redraw();
  }

  /** The canvas maplibre and deck.gl draw into (its drawing buffer is kept, so it can be copied after a frame). */
  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }

  /** Metres per CSS pixel across the middle of the view (the map is never rotated; Mercator's scale varies with latitude). */
  metersPerPixel(): number {
    const { clientWidth: w, clientHeight: h } = this.container;
    const y = h / 2;
    const a = this.map.unproject([w / 2 - 50, y]);
    const b = this.map.unproject([w / 2 + 50, y]);
    return a.distanceTo(b) / 100;
  }

  fitBounds(bounds: LngLatBoundsLike): void {
    this.map.fitBounds(bounds, { padding: 24, duration: 800 });
    // a camera already there does not move or draw: draw once anyway, so that 'idle' follows this call
    this.map.triggerRepaint();
  }

  /** Calls back whenever the map has drawn everything it has, including boundaries still being fetched. */
  onIdle(callback: () => void): void {
    this.map.on('idle', () => {
      if (this.pending === 0) callback();
    });
  }

  destroy(): void {
    this.resizes.disconnect();
    this.aborts.abort();
    clearTimeout(this.fontTimer);
    document.fonts?.removeEventListener('loadingdone', this.onFontsLoaded);
    this.map.remove();
  }

  /**
   * Keeps maplibre's size that of its container. Maplibre ignores the first report of its own
   * ResizeObserver, and a camera animation puts back the size it began with when it ends; a
   * container that changes size as the page around it settles could so keep a stale size, with
   * deck.gl (which follows the canvas) drawing the villages a few pixels off the basemap and off
   * where a click looks for them.
   */
  private followContainerSize(): ResizeObserver {
    const canvas = this.map.getCanvas();
    const stale = () => this.map.transform.width !== parseFloat(canvas.style.width) || this.map.transform.height !== parseFloat(canvas.style.height);
    this.map.on('moveend', () => {
      if (stale()) this.map.resize();
    });
    let size = `${this.container.clientWidth}x${this.container.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${this.container.clientWidth}x${this.container.clientHeight}`;
      if (now === size) return;
      size = now;
      this.map.resize();
    });
    observer.observe(this.container);
    return observer;
  }

  private redraw(): void {
    if (!this.layerBuilder) return;
    // under the basemap's names, so that they stay readable over dense villages (unless a layer says where it goes)
    const layers = this.layerBuilder(this.map.getZoom()).map((l) =>
      (l.props as { beforeId?: string }).beforeId ? l : l.clone({ beforeId: DECK_LAYERS_BEFORE } as Partial<typeof l.props>),
    );
    this.overlay.setProps({ layers });
  }

  /** Fetches and adds the county / township boundaries the first time the map reaches their zoom. */
  private loadLazyBoundaries(): void {
    if (!this.styleReady) return;
    const zoom = this.map.getZoom();
    for (const spec of LAZY_BOUNDARIES) {
      if (zoom < spec.minzoom || this.lazy.has(spec.layer)) continue;
      this.lazy.set(spec.layer, 'loading');
      this.pending++;
      fetch(boundaryUrl(spec.layer, this.datasetId, this.snapshot), { signal: this.aborts.signal })
        .then((res) => {
          if (!res.ok) throw new Error(`${spec.layer}: HTTP ${res.status}`);
          return res.json() as Promise<Boundaries>;
        })
        .then((fc) => {
          if (this.aborts.signal.aborted) return;
          this.addLazyBoundary(spec, fc);
          this.lazy.set(spec.layer, 'shown');
          this.container.setAttribute('data-boundaries', [...this.lazy].filter(([, s]) => s === 'shown').map(([l]) => l).join(' '));
        })
        // a dataset without this level: the basemap does without it
        .catch(() => this.lazy.set(spec.layer, 'failed'))
        .finally(() => {
          this.pending--;
          if (!this.aborts.signal.aborted) this.map.triggerRepaint(); // so that 'idle' fires again
        });
    }
  }

  private addLazyBoundary(spec: LazyBoundary, fc: Boundaries): void {
    this.map.addSource(spec.layer, { type: 'geojson', data: fc });
    this.map.addSource(`${spec.layer}Labels`, { type: 'geojson', data: labelPoints(fc) });
    for (const { layer, before } of lazyBoundaryLayers(spec, this.labelFont())) {
      // townships go under counties, whichever arrives first
      const under = spec.layer === 'townships' ? layer.id.replace('townships', 'counties') : null;
      this.map.addLayer(layer, under && this.map.getLayer(under) ? under : before);
    }
  }

  private labelFont(): string[] {
    // a new font stack name makes maplibre draw its glyphs again; the extra family is never matched
    return this.fontGeneration === 0 ? LABEL_FONT : [...LABEL_FONT, `refresh-${this.fontGeneration}`];
  }

  /**
   * Maplibre draws label glyphs once, with whatever font the browser has at that moment. Where
   * the labels need the web font (no system Chinese font), its character subsets arrive after the
   * first draw: then draw the labels again.
   */
  private readonly onFontsLoaded = (event: FontFaceSetLoadEvent): void => {
    if (!event.fontfaces.some((f) => f.family.replace(/["']/g, '') === WEB_FONT)) return;
    clearTimeout(this.fontTimer);
    this.fontTimer = setTimeout(() => {
      if (!this.styleReady) return;
      this.fontGeneration++;
      for (const id of LABEL_LAYERS) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'text-font', this.labelFont());
      this.container.setAttribute('data-label-fonts', String(this.fontGeneration)); // for tests
    }, 100);
  };
}

import type { AddLayerObject, ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { Boundaries } from '../api/boundaries.ts';
import type { FeatureCollection, Point } from 'geojson';

/**
 * An offline basemap: land, rivers, lakes, administrative outlines and their names, all from
 * the server's own boundary layers. No glyphs URL: maplibre then draws text with the browser's
 * fonts. System Chinese fonts come first; 'Noto Sans SC' is the web font that main.tsx bundles
 * (served from our own origin), used only where no system font has the characters.
 */
export const LABEL_FONT = ['Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', 'sans-serif'];

export interface BasemapData {
  countries: Boundaries;
  provinces: Boundaries;
  prefectures: Boundaries;
  /** the dataset the boundary layers come from; the server's current dataset when absent */
  datasetId?: number;
  /** a published snapshot's token: its boundaries are read through the link, without an account */
  snapshot?: string;
}

/** Where the server serves a boundary layer of a dataset (or of a snapshot's dataset, read through its link). */
export function boundaryUrl(layer: string, datasetId?: number, snapshot?: string): string {
  const query = snapshot ? `?snapshot=${encodeURIComponent(snapshot)}` : datasetId === undefined ? '' : `?dataset=${datasetId}`;
  return `/api/boundaries/${layer}.geojson${query}`;
}

export const WATER = { lake: '#a9cbe6', river: '#8fbbe0' } as const;

/** Administrative levels below the prefecture: loaded the first time the map reaches `minzoom`. */
export interface LazyBoundary {
  layer: 'counties' | 'townships';
  minzoom: number;
  labelMinzoom: number;
  lineColor: string;
}
export const LAZY_BOUNDARIES: readonly LazyBoundary[] = [
  { layer: 'counties', minzoom: 6.5, labelMinzoom: 7.5, lineColor: '#b3ab9b' },
  { layer: 'townships', minzoom: 8.5, labelMinzoom: 9.5, lineColor: '#a79cc0' },
];

/** An empty layer that marks where deck.gl's layers go in the stack (interleaved: `beforeId`). */
export const DECK_LAYERS_BEFORE = 'deck-layers';

/** The lines go under the prefecture lines, the labels under the prefecture labels (which win collisions). */
const LINES_BEFORE = 'prefectures-line';
const LABELS_BEFORE = 'prefecture-labels';

export function labelPoints(fc: Boundaries): FeatureCollection<Point, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: fc.features
      .filter((f) => f.properties.label)
      .map((f) => ({ type: 'Feature', properties: { name: f.properties.name }, geometry: { type: 'Point', coordinates: f.properties.label! } })),
  };
}

const byZoom = (...stops: number[]): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], ...stops];

/** The line and label layers of a lazily loaded level, and where each goes in the stack. */
export function lazyBoundaryLayers(spec: LazyBoundary, font: string[] = LABEL_FONT): { layer: AddLayerObject; before: string }[] {
  const county = spec.layer === 'counties';
  return [
    {
      before: LINES_BEFORE,
      layer: {
        id: `${spec.layer}-line`,
        type: 'line',
        source: spec.layer,
        minzoom: spec.minzoom,
        paint: {
          'line-color': spec.lineColor,
          'line-width': county ? byZoom(6.5, 0.6, 10, 1.2) : byZoom(8.5, 0.7, 12, 1.2),
          ...(county ? {} : { 'line-dasharray': [3, 2] }),
        },
      },
    },
    {
      before: LABELS_BEFORE,
      layer: {
        id: `${spec.layer}-labels`,
        type: 'symbol',
        source: `${spec.layer}Labels`,
        minzoom: spec.labelMinzoom,
        layout: { 'text-field': ['get', 'name'], 'text-font': font, 'text-size': county ? 12 : 11 },
        paint: { 'text-color': county ? '#6b6558' : '#7d7566', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
      },
    },
  ];
}

export function basemapStyle(data: BasemapData): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: data.countries },
      provinces: { type: 'geojson', data: data.provinces },
      prefectures: { type: 'geojson', data: data.prefectures },
      provinceLabels: { type: 'geojson', data: labelPoints(data.provinces) },
      prefectureLabels: { type: 'geojson', data: labelPoints(data.prefectures) },
      // small (about 20 kB gzipped together), so part of the first screen; maplibre fetches them
      rivers: { type: 'geojson', data: boundaryUrl('rivers', data.datasetId, data.snapshot) },
      lakes: { type: 'geojson', data: boundaryUrl('lakes', data.datasetId, data.snapshot) },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f0' } },
      { id: 'countries', type: 'fill', source: 'countries', paint: { 'fill-color': '#f1efe9', 'fill-outline-color': '#c9c4b8' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#fbfaf7' } },
      { id: 'rivers', type: 'line', source: 'rivers', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': WATER.river, 'line-width': byZoom(3, 0.7, 6, 1.1, 10, 2) } },
      { id: 'lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': WATER.lake, 'fill-outline-color': WATER.river } },
      // counties-line and townships-line are inserted here when first needed
      { id: 'prefectures-line', type: 'line', source: 'prefectures', minzoom: 5, paint: { 'line-color': '#a39c8e', 'line-width': byZoom(5, 0.6, 9, 1.4) } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#8c8577', 'line-width': byZoom(3, 1.2, 9, 2.2) } },
      // deck.gl's layers (villages, points) are drawn here: above every line, under every name
      { id: DECK_LAYERS_BEFORE, type: 'background', layout: { visibility: 'none' } },
      // counties-labels and townships-labels are inserted here when first needed
      {
        id: 'prefecture-labels',
        type: 'symbol',
        source: 'prefectureLabels',
        minzoom: 6,
        maxzoom: 9.5,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12 },
        paint: { 'text-color': '#5d574c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
      },
      {
        id: 'province-labels',
        type: 'symbol',
        source: 'provinceLabels',
        maxzoom: 7,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 14 },
        paint: { 'text-color': '#3d382f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  };
}

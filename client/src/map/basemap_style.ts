import type { StyleSpecification } from 'maplibre-gl';
import type { Boundaries } from '../api/boundaries.ts';
import type { FeatureCollection, Point } from 'geojson';

/**
 * An offline basemap: land, province and prefecture outlines and their names, all from the
 * server's own boundary layers. No glyphs URL: maplibre then draws text with the browser's
 * local fonts, so Chinese labels need no download.
 */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export interface BasemapData {
  countries: Boundaries;
  provinces: Boundaries;
  prefectures: Boundaries;
}

function labelPoints(fc: Boundaries): FeatureCollection<Point, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: fc.features
      .filter((f) => f.properties.label)
      .map((f) => ({ type: 'Feature', properties: { name: f.properties.name }, geometry: { type: 'Point', coordinates: f.properties.label! } })),
  };
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
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f0' } },
      { id: 'countries', type: 'fill', source: 'countries', paint: { 'fill-color': '#f1efe9', 'fill-outline-color': '#c9c4b8' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#fbfaf7' } },
      { id: 'prefectures-line', type: 'line', source: 'prefectures', minzoom: 5, paint: { 'line-color': '#b9b3a6', 'line-width': 0.6 } },
      { id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#8c8577', 'line-width': 1.2 } },
      {
        id: 'prefecture-labels',
        type: 'symbol',
        source: 'prefectureLabels',
        minzoom: 6,
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

import { GeoJsonLayer } from '@deck.gl/layers';
import { color as d3Color, interpolateOrRd, interpolateYlGnBu, scaleSequential, tickStep } from 'd3';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BoundaryLayer, Boundaries } from '../api/boundaries.ts';
import type { ChoroplethMeasure } from '../views/planner/view_state.ts';
import type { Rgb } from './village_colors.ts';

/** The boundary layer that holds the units one level below a unit; null below a county (a township's villages are points). */
export function childBoundaryLayer(unit: string | null): BoundaryLayer | null {
  if (unit === null) return 'provinces';
  if (unit.length === 2) return 'prefectures';
  if (unit.length === 4) return 'counties';
  if (unit.length === 6) return 'townships';
  return null;
}

/** The figures of a unit a measure is read from (a row of analysis.coverage). */
export interface ChoroplethFigures {
  code: string | null;
  name: string;
  villages: number;
  served: number;
  gapVillages: number;
  notReached: { children: number };
}

/** A measure's value for a unit: % of villages served, children not reached, or gap villages; null when undefined (no villages). */
export function measureValue(measure: ChoroplethMeasure, f: ChoroplethFigures): number | null {
  if (measure === 'share') return f.villages > 0 ? (100 * f.served) / f.villages : null;
  if (measure === 'unreached') return f.notReached.children;
  return f.gapVillages;
}

/** One legend class: values in [from, to) (the last class includes `to`), drawn in rgb. */
export interface ChoroplethClass {
  from: number;
  to: number;
  rgb: Rgb;
}

/** Served share: more is better, so darker blue-green; counts of what is missing: darker red. */
const INTERPOLATORS: Record<ChoroplethMeasure, (t: number) => string> = { share: interpolateYlGnBu, unreached: interpolateOrRd, gaps: interpolateOrRd };
export const NO_VALUE_RGB: Rgb = [190, 190, 190];
const MAX_CLASSES = 6;

function toRgb(css: string): Rgb {
  const c = d3Color(css)!.rgb();
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}

/**
 * Equal classes for a measure: 0-100 % in steps of 20 for the served share; for counts, a round
 * step (1, 2 or 5 times a power of ten) giving at most six classes from 0 to at least `max`. Each
 * class is coloured from the measure's d3 sequential scale at its middle.
 */
export function choroplethClasses(measure: ChoroplethMeasure, max: number): ChoroplethClass[] {
  let step: number;
  let count: number;
  if (measure === 'share') {
    step = 20;
    count = 5;
  } else {
    const top = Math.max(1, max);
    step = Math.max(1, tickStep(0, top, 5));
    // at most six classes: the next round step (1, 2, 5, 10, 20...) until they fit
    while (Math.ceil(top / step) > MAX_CLASSES) {
      const unit = 10 ** Math.floor(Math.log10(step) + 1e-9);
      const m = Math.round(step / unit);
      step = (m === 1 ? 2 : m === 2 ? 5 : 10) * unit;
    }
    // the last class ends at or above max, which it holds (the last class includes its end)
    count = Math.max(1, Math.ceil(top / step));
  }
  const scale = scaleSequential(INTERPOLATORS[measure]).domain([0, count]);
  return Array.from({ length: count }, (_, k) => ({ from: k * step, to: (k + 1) * step, rgb: toRgb(scale(k + 0.5)) }));
}

/** The class of a value: the last class whose start it reaches (classes start at 0). */
export function classOf(classes: ChoroplethClass[], value: number): number {
  let k = 0;
  while (k + 1 < classes.length && value >= classes[k + 1].from) k++;
  return k;
}

export interface ChoroplethProps {
  code: string;
  name: string;
  /** the measure's value, null when undefined */
  value: number | null;
  rgb: Rgb;
}
export type ChoroplethFeature = Feature<Polygon | MultiPolygon, ChoroplethProps>;

export interface ChoroplethData {
  measure: ChoroplethMeasure;
  features: ChoroplethFeature[];
  classes: ChoroplethClass[];
}

/**
 * The areas of the given units with their name (as the unit list has it), value and class colour,
 * in the order of the boundary layer; units without a shape are left out. Computed once per change of boundaries, figures or measure.
 */
export function choroplethData(boundaries: Boundaries, rows: ChoroplethFigures[], measure: ChoroplethMeasure): ChoroplethData {
  const values = new Map<string, { value: number | null; name: string }>();
  for (const r of rows) if (r.code) values.set(r.code, { value: measureValue(measure, r), name: r.name });
  let max = 0;
  for (const { value } of values.values()) if (value !== null && value > max) max = value;
  const classes = choroplethClasses(measure, max);
  const features: ChoroplethFeature[] = [];
  for (const f of boundaries.features) {
    const code = f.properties.code;
    if (!code || !values.has(code)) continue;
    const { value, name } = values.get(code)!;
    features.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: { code, name, value, rgb: value === null ? NO_VALUE_RGB : classes[classOf(classes, value)].rgb },
    });
  }
  return { measure, features, classes };
}

/** Fill opacity over village points (they stay visible), and when the areas are shown instead of them. */
export const CHOROPLETH_ALPHA = { over: 130, instead: 235 } as const;

/**
 * The areas one level down, filled by class colour: semi-transparent under the village points,
 * or nearly opaque when shown instead of them. Pickable: hovering highlights, clicking drills down.
 */
export function choroplethLayer(data: ChoroplethData, view: { instead: boolean }) {
  const alpha = view.instead ? CHOROPLETH_ALPHA.instead : CHOROPLETH_ALPHA.over;
  return new GeoJsonLayer<ChoroplethProps>({
    id: 'choropleth',
    data: data.features,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...f.properties.rgb, alpha],
    getLineColor: [255, 255, 255, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    updateTriggers: { getFillColor: alpha },
  });
}

import type { Boundaries } from '../api/boundaries.ts';
import type { ReachUnit } from '../../../server/domain/reach.ts';
import type { Bounds } from './bounds.ts';
import { boundsOf } from './bounds.ts';
import { choroplethClasses, choroplethLayer, classOf, NO_VALUE_RGB, type ChoroplethData, type ChoroplethFeature } from './choropleth_layer.ts';

/**
 * The reach page's map: counties filled by the share of their villages the programme covers
 * (0-100 %, five classes of the choropleth's blue-green scale). Built from reach.summary's
 * `byCounty` only: unit-level figures, never villages. Pure functions.
 */
export const REACH_LAYER_ID = 'choropleth';

/** The counties of `rows` that have a shape, with their covered share in % (null without villages) and class colour. */
export function reachChoroplethData(counties: Boundaries, rows: readonly ReachUnit[]): ChoroplethData {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const classes = choroplethClasses('share', 100);
  const features: ChoroplethFeature[] = [];
  for (const f of counties.features) {
    const code = f.properties.code;
    const row = code ? byCode.get(code) : undefined;
    if (!code || !row) continue;
    const value = row.coveredShare === null ? null : 100 * row.coveredShare;
    features.push({ type: 'Feature', geometry: f.geometry, properties: { code, name: row.name, value, rgb: value === null ? NO_VALUE_RGB : classes[classOf(classes, value)].rgb } });
  }
  return { measure: 'share', features, classes };
}

/** The counties as nearly opaque areas (there are no village points under them), pickable for the tooltip. */
export function reachLayer(data: ChoroplethData) {
  return choroplethLayer(data, { instead: true });
}

const CHINA: Bounds = [[73, 18], [135, 53]];

/** Where the map looks: the provinces the summary covers (all of them for the whole dataset), else the counties, else China. */
export function reachBounds(provinces: Boundaries | undefined, counties: Boundaries | undefined, unitCode: string | null, provinceCodes: readonly string[]): Bounds {
  const codes = unitCode ? [unitCode] : [...provinceCodes];
  return (codes.length && provinces && (unitCode === null || unitCode.length === 2) ? boundsOf(provinces, codes) : null) ?? (codes.length && counties ? boundsOf(counties, codes) : null) ?? CHINA;
}

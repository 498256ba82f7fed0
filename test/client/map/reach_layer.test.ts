import { describe, expect, it } from 'vitest';
import type { Boundaries } from '../../../client/src/api/boundaries.ts';
import { reachBounds, reachChoroplethData } from '../../../client/src/map/reach_layer.ts';
import { choroplethClasses, NO_VALUE_RGB } from '../../../client/src/map/choropleth_layer.ts';
import type { ReachUnit } from '../../../server/domain/reach.ts';

const square = (code: string, name: string, x: number, y: number) => ({
  type: 'Feature' as const,
  properties: { code, name },
  geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});
const counties: Boundaries = { type: 'FeatureCollection', features: [square('140105', 'A', 112, 37), square('140106', 'B', 113, 37), square('410101', 'C', 113, 34)] };
const provinces: Boundaries = { type: 'FeatureCollection', features: [square('14', '山西省', 110, 35), square('41', '河南省', 111, 32)] };
const row = (code: string, coveredShare: number | null): ReachUnit => ({ code, name: `n${code}`, coveredShare, villages: 10, coveredVillages: 4, workers: 1, children: 9, leftBehind: 1, disabled: 1, orphaned: 1, difficult: 1 });

describe('reach choropleth', () => {
  it('fills the counties of the summary by covered share in %, in the share classes', () => {
    const d = reachChoroplethData(counties, [row('140105', 0.9), row('140106', null)]);
    expect(d.features.map((f) => f.properties.code)).toEqual(['140105', '140106']);
    expect(d.features[0].properties.value).toBeCloseTo(90);
    expect(d.features[0].properties.rgb).toEqual(choroplethClasses('share', 100).at(-1)!.rgb);
    expect(d.features[1].properties.rgb).toEqual(NO_VALUE_RGB);
  });

  it('looks at the provinces of the summary, or at the unit', () => {
    expect(reachBounds(provinces, counties, null, ['14', '41'])).toEqual([[110, 32], [112, 36]]);
    expect(reachBounds(provinces, counties, '41', ['41'])).toEqual([[111, 32], [112, 33]]);
    expect(reachBounds(provinces, counties, '140106', ['14'])).toEqual([[113, 37], [114, 38]]);
    expect(reachBounds(undefined, undefined, null, [])).toEqual([[73, 18], [135, 53]]);
  });
});

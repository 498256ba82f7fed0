import { describe, expect, it } from 'vitest';
import type { GapRow } from '../../../server/domain/index.ts';
import type { Boundaries } from '../../../client/src/api/boundaries.ts';
import type { VillagePoints } from '../../../client/src/api/village_points.ts';
import { catchmentOverCapacity, catchmentsLayer } from '../../../client/src/map/catchments_layer.ts';
import {
  childBoundaryLayer,
  choroplethClasses,
  choroplethData,
  choroplethLayer,
  classOf,
  measureValue,
  NO_VALUE_RGB,
  type ChoroplethFigures,
} from '../../../client/src/map/choropleth_layer.ts';
import { gapLayer, gapPoints, gapRankLayer, villageIndexOf } from '../../../client/src/map/gap_layer.ts';
import {
  HEXAGON_COLOR_RANGE,
  HEXAGON_MAX_ZOOM,
  hexagonClasses,
  hexagonColorValue,
  hexagonData,
  hexagonLayer,
  hexagonRadiusKm,
  meanKm,
  RATIO_CAP,
} from '../../../client/src/map/hexagon_layer.ts';
import { DEFAULT_VIEW, parseViewState, serializeViewState } from '../../../client/src/views/planner/view_state.ts';

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});
const boundaries: Boundaries = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '4101', name: '郑州' }, geometry: square(0, 0) },
    { type: 'Feature', properties: { code: '4102', name: '开封' }, geometry: square(1, 0) },
    { type: 'Feature', properties: { code: '1401', name: '太原' }, geometry: square(5, 5) },
    { type: 'Feature', properties: { name: 'no code' }, geometry: square(9, 9) },
  ],
};
const figures = (code: string, villages: number, served: number, gapVillages: number, notReached: number): ChoroplethFigures => ({
  code,
  name: `${code}市`,
  villages,
  served,
  gapVillages,
  notReached: { children: notReached },
});

describe('choropleth', () => {
  it('draws the level one below the unit in view, and none below a county', () => {
    expect(childBoundaryLayer(null)).toBe('provinces');
    expect(childBoundaryLayer('41')).toBe('prefectures');
    expect(childBoundaryLayer('4101')).toBe('counties');
    expect(childBoundaryLayer('410102')).toBe('townships');
    expect(childBoundaryLayer('410102001')).toBeNull();
  });

  it('reads each measure with its unit: % of villages served, children not reached, gap villages', () => {
    const f = figures('4101', 200, 50, 120, 3456);
    expect(measureValue('share', f)).toBe(25);
    expect(measureValue('unreached', f)).toBe(3456);
    expect(measureValue('gaps', f)).toBe(120);
    expect(measureValue('share', figures('4101', 0, 0, 0, 0))).toBeNull();
  });

  it('classes the served share in five steps of 20 %', () => {
    const classes = choroplethClasses('share', 73);
    expect(classes.map((c) => [c.from, c.to])).toEqual([[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]]);
    expect(classOf(classes, 0)).toBe(0);
    expect(classOf(classes, 19.99)).toBe(0);
    expect(classOf(classes, 20)).toBe(1);
    expect(classOf(classes, 100)).toBe(4);
  });

  for (const max of [0, 1, 7, 99, 100, 101, 1234, 5600, 98_765, 2_345_678]) {
    it(`classes counts up to ${max} in round, contiguous steps from 0 that hold the largest`, () => {
      const classes = choroplethClasses('unreached', max);
      expect(classes.length).toBeGreaterThanOrEqual(1);
      expect(classes.length).toBeLessThanOrEqual(6);
      expect(classes[0].from).toBe(0);
      for (let k = 1; k < classes.length; k++) expect(classes[k].from).toBe(classes[k - 1].to);
      expect(classes.at(-1)!.to).toBeGreaterThanOrEqual(max);
      const step = classes[0].to;
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((m: number) => [1, 2, 5].includes(m));
      expect(classOf(classes, max)).toBe(max === 0 ? 0 : classes.length - 1);
    });
  }

  it('colours classes from light to dark, each different', () => {
    const lightness = ([r, g, b]: readonly number[]) => 0.299 * r + 0.587 * g + 0.114 * b;
    for (const measure of ['share', 'unreached', 'gaps'] as const) {
      const classes = choroplethClasses(measure, 5000);
      for (let k = 1; k < classes.length; k++) expect(lightness(classes[k].rgb), `${measure} ${k}`).toBeLessThan(lightness(classes[k - 1].rgb));
    }
  });

  it('joins the figures to the shapes by code, with the unit names, and leaves out units without a figure', () => {
    const data = choroplethData(boundaries, [figures('4101', 100, 80, 30, 500), figures('4102', 0, 0, 0, 0), figures('4199', 5, 5, 0, 0)], 'share');
    expect(data.features.map((f) => f.properties.code)).toEqual(['4101', '4102']);
    expect(data.features[0].properties).toMatchObject({ name: '4101市', value: 80, rgb: data.classes[4].rgb });
    expect(data.features[1].properties).toMatchObject({ value: null, rgb: NO_VALUE_RGB });
    expect(data.features[0].geometry).toBe(boundaries.features[0].geometry);
  });

  it('is one layer with a stable id, semi-transparent over the villages and nearly opaque instead of them', () => {
    const data = choroplethData(boundaries, [figures('4101', 100, 80, 30, 500)], 'gaps');
    const over = choroplethLayer(data, { instead: false });
    const instead = choroplethLayer(data, { instead: true });
    expect(over.id).toBe('choropleth');
    expect(instead.id).toBe('choropleth');
    const fill = (layer: typeof over) => (layer.props.getFillColor as unknown as (f: unknown) => number[])(data.features[0]);
    expect(fill(over)[3]).toBeLessThan(160);
    expect(fill(instead)[3]).toBeGreaterThan(200);
    expect(over.props.pickable).toBe(true);
  });
});

describe('catchments', () => {
  it('is over capacity when more children look to the worker than their capacity', () => {
    const p = { workerId: 'W1', villages: 2, caseload: 60, demand: 60, capacity: 80 };
    expect(catchmentOverCapacity(p)).toBe(false);
    expect(catchmentOverCapacity({ ...p, demand: 95 })).toBe(true);
    expect(catchmentOverCapacity({ ...p, caseload: 95, demand: 95 })).toBe(true);
    const layer = catchmentsLayer({ type: 'FeatureCollection', features: [] }, { zoom: 9 });
    expect(layer.id).toBe('catchments');
  });
});

describe('gap villages', () => {
  const villages: VillagePoints = {
    length: 4,
    positions: Float32Array.from([100, 30, 101, 31, 102, 32, 103, 33]),
    coveredSince: new Uint16Array(4),
    code: Float64Array.from([140105001001, 410102001001, 510112001001, 650102001001]),
  };
  const row = (rank: number, code: string) => ({ rank, code, name: `v${rank}` }) as GapRow;

  it('finds villages by code in the code-ordered layer, and -1 for an unknown code', () => {
    expect(villageIndexOf(villages.code, '140105001001')).toBe(0);
    expect(villageIndexOf(villages.code, '650102001001')).toBe(3);
    expect(villageIndexOf(villages.code, '510112001002')).toBe(-1);
    // out of order after all: still found
    expect(villageIndexOf(Float64Array.from([3, 1, 2]), '1')).toBe(1);
  });

  it('places ranked rows at their villages, the first rank drawn last (on top)', () => {
    const pts = gapPoints([row(1, '510112001001'), row(2, '999999999999'), row(3, '140105001001')], villages);
    expect(pts.map((p) => p.row.rank)).toEqual([3, 1]);
    expect(pts[1].position).toEqual([102, 32]);
    expect(gapLayer(pts, { zoom: 9 }).id).toBe('gap-villages');
    expect(gapRankLayer(pts, { zoom: 9 }).id).toBe('gap-ranks');
  });
});

describe('hexagons', () => {
  it('keeps hexagons about the same size on screen at every zoom below 6', () => {
    expect(HEXAGON_MAX_ZOOM).toBe(6);
    expect(hexagonRadiusKm(5.5)).toBe(30);
    expect(hexagonRadiusKm(4)).toBe(60);
    expect(hexagonRadiusKm(3.7)).toBe(120);
    expect(hexagonRadiusKm(0)).toBe(hexagonRadiusKm(2));
  });

  it('averages the distance of the villages that have the service at all', () => {
    const km = Float32Array.from([2, 4, Infinity, 9]);
    expect(meanKm(km, [0, 1, 2])).toBe(3);
    expect(meanKm(km, [2])).toBeNull();
  });

  it('colours a hexagon in the class of its mean distance, as the legend says', () => {
    const standardKm = 40;
    const classes = hexagonClasses(standardKm);
    expect(classes.map((c) => [c.from, c.to])).toEqual([[0, 20], [20, 40], [40, 80], [80, Infinity]]);
    // the layer samples a five-colour range over [0, RATIO_CAP] (quantize: nearest texel)
    const drawn = (value: number) => HEXAGON_COLOR_RANGE[Math.min(HEXAGON_COLOR_RANGE.length - 1, Math.floor((value / RATIO_CAP) * HEXAGON_COLOR_RANGE.length))];
    for (const mean of [0, 3, 19.9, 20.1, 39.9, 40.1, 61, 79.9, 80.1, 99, 100.1, 400]) {
      const km = Float32Array.from([mean]);
      const value = hexagonColorValue([], { indices: [0], data: hexagonData(new Float32Array(2), km, standardKm) });
      const legend = classes.find((c) => mean >= c.from && mean < c.to)!;
      expect(drawn(value).slice(0, 3), `${mean} km`).toEqual([...legend.rgb]);
    }
    expect(hexagonColorValue([], { indices: [0], data: hexagonData(new Float32Array(2), Float32Array.from([Infinity]), standardKm) })).toBeNaN();
  });

  it('is one layer with a stable id whatever the zoom', () => {
    const data = hexagonData(new Float32Array(4), new Float32Array(2), 15);
    expect(hexagonLayer(data, { zoom: 3 }).id).toBe('distance-hexagons');
    expect(hexagonLayer(data, { zoom: 5 }).props.radius).toBe(30_000);
  });
});

describe('the URL', () => {
  it('keeps the new layers out of the URL while they are at their defaults', () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW);
  });

  it('round-trips the choropleth measure, the points, the hexagons and the overlays', () => {
    const view = { ...DEFAULT_VIEW, unit: '530181', choropleth: 'gaps' as const, points: false, hexagons: false, overlays: ['catchments' as const, 'gaps' as const] };
    const search = serializeViewState(view);
    expect(new URLSearchParams(search).get('choro')).toBe('gaps');
    expect(new URLSearchParams(search).get('points')).toBe('0');
    expect(new URLSearchParams(search).get('hex')).toBe('0');
    expect(new URLSearchParams(search).get('layers')).toBe('catchments,gaps');
    expect(parseViewState(search)).toEqual(view);
  });

  it('falls back to the defaults on anything it does not know', () => {
    const v = parseViewState('?choro=nonsense&layers=gaps,bogus,gaps&points=maybe&hex=');
    expect(v.choropleth).toBeNull();
    expect(v.overlays).toEqual(['gaps']);
    expect(v.points).toBe(true);
    expect(v.hexagons).toBe(true);
  });
});

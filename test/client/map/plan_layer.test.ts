import { describe, expect, it } from 'vitest';
import type { PlanSite } from '../../../server/domain/index.ts';
import type { VillagePoints } from '../../../client/src/api/village_points.ts';
import { planLinks, planLinksLayer, planRankLayer, planSitesInDrawOrder, planSitesLayer, siteBounds } from '../../../client/src/map/plan_layer.ts';
import { DEFAULT_VIEW, parseViewState, serializeViewState } from '../../../client/src/views/planner/view_state.ts';

const counts = { children: 10, leftBehind: 1, disabled: 1, orphaned: 0, difficult: 2 };
const site = (rank: number, code: string, lon: number, lat: number): PlanSite => ({ rank, phase: 1, year: 2027, code, name: `村${rank}`, lon, lat, gain: 3, served: counts, villages: 1, cost: 1 });
/** three villages in code order, as the village layer holds them */
const villages: VillagePoints = {
  length: 3,
  positions: Float32Array.from([100, 30, 100.1, 30.05, 101, 31]),
  coveredSince: new Uint16Array(3),
  code: Float64Array.from([410101001001, 410101001002, 410101001003]),
};
const sites = [site(1, '410101001001', 100, 30), site(2, '410101001003', 101, 31)];

describe('plan layer', () => {
  it('draws a line from each site to each village it newly serves, placed by the village layer, leaving out unknown villages and the site itself', () => {
    const links = planLinks(sites, [['410101001001', '410101001002', '999999999999'], ['410101001002']], villages);
    expect(links.length).toBe(2);
    expect([...links.source]).toEqual([100, 30, 101, 31]);
    expect([...links.target].map((x) => Math.round(x * 100) / 100)).toEqual([100.1, 30.05, 100.1, 30.05]);
    expect(planLinksLayer(links, { zoom: 9 }).props.id).toBe('plan-links');
  });

  it('draws the first-ranked site last (on top), pickable, larger when selected; ranks only as text', () => {
    const ordered = planSitesInDrawOrder(sites);
    expect(ordered.map((s) => s.rank)).toEqual([2, 1]);
    const layer = planSitesLayer(ordered, { zoom: 9, selected: '410101001003' });
    expect(layer.props.pickable).toBe(true);
    const radius = layer.props.getRadius as unknown as (d: PlanSite) => number;
    expect(radius(sites[1])).toBeGreaterThan(radius(sites[0]));
    const text = planRankLayer(ordered, { zoom: 9 }).props.getText as unknown as (d: PlanSite) => string;
    expect(text(sites[0])).toBe('1');
  });

  it('frames a site with the villages it serves, a few km at least', () => {
    const [[w, s], [e, n]] = siteBounds(sites[0], ['410101001002'], villages);
    expect(w).toBeLessThan(100);
    expect(e).toBeGreaterThan(100.1);
    expect(n).toBeGreaterThan(30.05);
    expect(s).toBeLessThan(30);
    const [[w0], [e0]] = siteBounds(sites[0], undefined, undefined);
    expect(e0 - w0).toBeCloseTo(0.06, 6);
  });
});

describe('view state', () => {
  it('keeps the shown scenario in the URL, and ignores a bad one', () => {
    const search = serializeViewState({ ...DEFAULT_VIEW, unit: '530181', scenario: 12 });
    expect(search).toContain('scenario=12');
    expect(parseViewState(search).scenario).toBe(12);
    expect(parseViewState('?scenario=abc').scenario).toBeNull();
    expect(parseViewState('?scenario=0').scenario).toBeNull();
    expect(parseViewState('').scenario).toBeNull();
    expect(serializeViewState(DEFAULT_VIEW)).toBe('');
  });
});

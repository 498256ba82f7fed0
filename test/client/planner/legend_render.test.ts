import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/index.ts';
import { choroplethData } from '../../../client/src/map/choropleth_layer.ts';
import { LayerPanel } from '../../../client/src/views/planner/LayerPanel.tsx';
import { MapLegend } from '../../../client/src/views/planner/MapLegend.tsx';
import { DEFAULT_VIEW } from '../../../client/src/views/planner/view_state.ts';

/** The legend and layer panel rendered to static markup: a row per drawn layer, units on every class, both languages. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/\s+/g, ' ');
const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

const areas = choroplethData(
  {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { code: '4101', name: '郑州' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }],
  },
  [{ code: '4101', name: '郑州市', villages: 100, served: 40, gapVillages: 70, notReached: { children: 12_345 } }],
  'unreached',
);

const legend = (props: Partial<Parameters<typeof MapLegend>[0]> = {}) =>
  renderToStaticMarkup(
    createElement(MapLegend, {
      color: 'distance',
      type: 'disability',
      standardKm: 40,
      overlays: [],
      points: true,
      hexagons: null,
      choropleth: null,
      catchments: false,
      gaps: null,
      ...props,
    }),
  );

describe('map legend', () => {
  afterAll(() => i18next.changeLanguage('zh-CN'));

  it('has a row for each drawn layer and none for layers not drawn', () => {
    expect(testIds(legend())).not.toContain('legend-choropleth');
    const all = testIds(legend({ hexagons: { radiusKm: 60 }, choropleth: { data: areas, level: 'prefectures' }, catchments: true, gaps: 100 }));
    for (const id of ['legend-choropleth', 'legend-choropleth-0', 'legend-hexagons', 'legend-hexagons-3', 'legend-catchments', 'legend-gaps']) expect(all).toContain(id);
    // hexagons replace the village points and their classes
    expect(all).not.toContain('legend-within');
    expect(testIds(legend({ points: false }))).not.toContain('legend-within');
  });

  for (const [lang, expected] of [
    ['zh-CN', ['未覆盖村中的儿童（人），按地市', '10,000–15,000 名儿童', '20–40 公里', '> 80 公里', '约 60 公里', '需求最高的 100 个缺口村', '超负荷']],
    ['en', ['Children in villages not served (children), by prefecture', '10,000–15,000 children', '20–40 km', '> 80 km', 'about 60 km', 'Top 100 gap villages', 'over capacity']],
  ] as const) {
    it(`states units in ${lang}, with no key left untranslated`, async () => {
      await i18next.changeLanguage(lang);
      const text = textOf(legend({ hexagons: { radiusKm: 60 }, choropleth: { data: areas, level: 'prefectures' }, catchments: true, gaps: 100 }));
      for (const s of expected) expect(text).toContain(s);
      const panel = textOf(renderToStaticMarkup(createElement(LayerPanel, { ...DEFAULT_VIEW, color: 'distance', hasAreas: true, hasCatchments: false, onChange: () => {} })));
      expect(text + panel).not.toMatch(/\{\{|\b(measure|overlay|legend|choropleth|hex|range|level)[A-Z]\w*/);
    });
  }
});

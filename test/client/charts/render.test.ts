import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoverageBars } from '../../../client/src/charts/CoverageBars.tsx';
import { CoverageGrowth } from '../../../client/src/charts/CoverageGrowth.tsx';
import { DistanceHistogram } from '../../../client/src/charts/DistanceHistogram.tsx';
import type { DistanceHistogramData } from '../../../client/src/charts/distance_histogram_layout.ts';
import { en } from '../../../client/src/i18n/en.ts';
import '../../../client/src/i18n/index.ts';
import { zhCN } from '../../../client/src/i18n/zh-CN.ts';

/**
 * The chart components rendered to static markup (no DOM needed): test ids and data values that
 * browser tests read, and every string translated in both languages.
 */
const CHARTS = join(import.meta.dirname, '../../../client/src/charts');

const histogram: DistanceHistogramData = { type: 'school', standardKm: 5, binKm: 0.5, counts: [4, 9, 12, 7, 6, 3, 2, 1, 1, 0, 1, 2], over: 3, villages: 51 };
const units = [
  { code: '41', name: '河南省', served: 30, overCapacity: 10, notCovered: 60, villages: 100 },
  { code: '14', name: '山西省', served: 80, overCapacity: 5, notCovered: 15, villages: 100 },
];
const growth = [
  { year: 2019, newVillages: 5, cumulativeVillages: 5 },
  { year: 2020, newVillages: 0, cumulativeVillages: 5 },
  { year: 2021, newVillages: 1234, cumulativeVillages: 1239 },
];

/** The start tags (attributes only) of the elements with a test id. */
function tagsWithTestId(html: string, testId: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(/<([a-z]+)\s([^>]*)>/g)) {
    const attrs = Object.fromEntries([...m[2].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    if (attrs['data-testid'] === testId) out.push(attrs);
  }
  return out;
}

/** Visible text and tooltips: the markup without tags. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&');

const renderAll = () => ({
  distance: renderToStaticMarkup(createElement(DistanceHistogram, { data: histogram, width: 480, height: 260, title: 'T' })),
  coverage: renderToStaticMarkup(createElement(CoverageBars, { rows: units, onSelect: () => {}, width: 480, title: 'C', selected: '41' })),
  growth: renderToStaticMarkup(createElement(CoverageGrowth, { rows: growth, width: 480, height: 260, title: 'G' })),
});

describe('chart components', () => {
  beforeAll(async () => {
    await i18next.changeLanguage('zh-CN');
  });

  it('mark their roots, bars and points with test ids and values', () => {
    const { distance, coverage, growth: g } = renderAll();
    expect(tagsWithTestId(distance, 'chart-distance')).toHaveLength(1);
    expect(tagsWithTestId(distance, 'distance-bar').map((a) => Number(a['data-value']))).toEqual(histogram.counts);
    expect(tagsWithTestId(distance, 'distance-bar-over').map((a) => Number(a['data-value']))).toEqual([3]);
    expect(tagsWithTestId(distance, 'distance-standard')[0]['data-value']).toBe('5');

    expect(tagsWithTestId(coverage, 'chart-coverage')).toHaveLength(1);
    const bars = tagsWithTestId(coverage, 'coverage-bar');
    expect(bars.map((a) => a['data-code'])).toEqual(['14', '41']);
    expect(bars.map((a) => Number(a['data-value']))).toEqual([0.8, 0.3]);
    expect(bars.every((a) => a.role === 'button' && a.tabindex === '0')).toBe(true);
    expect(tagsWithTestId(coverage, 'coverage-segment').map((a) => `${a['data-status']}:${a['data-value']}`)).toEqual([
      'served:80', 'overCapacity:5', 'notCovered:15', 'served:30', 'overCapacity:10', 'notCovered:60',
    ]);

    expect(tagsWithTestId(g, 'chart-growth')).toHaveLength(1);
    expect(tagsWithTestId(g, 'growth-point').map((a) => [Number(a['data-year']), Number(a['data-value'])])).toEqual([
      [2019, 5],
      [2020, 5],
      [2021, 1239],
    ]);
  });

  it('colours the coverage segments in the status colours', async () => {
    const { VILLAGE_STATUS_COLORS, cssColor } = await import('../../../client/src/map/colors.ts');
    const segments = tagsWithTestId(renderAll().coverage, 'coverage-segment');
    for (const s of segments) expect(s.fill).toBe(cssColor(VILLAGE_STATUS_COLORS[s['data-status'] as keyof typeof VILLAGE_STATUS_COLORS]));
  });

  for (const [lang, expected] of [
    ['zh-CN', { axis: '距离（km）', villages: '村', standard: '标准 5 km', count: '12 个村', share: '80%', growth: '累计 1,239 个村' }],
    ['en', { axis: 'Distance (km)', villages: 'Villages', standard: 'Standard 5 km', count: '12 villages', share: '80%', growth: '1,239 villages in all' }],
  ] as const) {
    it(`speaks ${lang}, every number with its unit, no key left untranslated`, async () => {
      await i18next.changeLanguage(lang);
      const { distance, coverage, growth: g } = renderAll();
      const text = textOf(distance + coverage + g);
      expect(text).toContain(expected.axis);
      expect(text).toContain(expected.villages);
      expect(text).toContain(expected.standard);
      expect(text).toContain(expected.count);
      expect(text).toContain(expected.share);
      expect(text).toContain(expected.growth);
      expect(text).toMatch(lang === 'en' ? /: 1 village(?!s)/ : /：1 个村/);
      // a missing key would show as the key itself
      expect(text).not.toMatch(/\bchart[A-Z]\w+/);
      expect(text).not.toMatch(/\{\{/);
      await i18next.changeLanguage('zh-CN');
    });
  }

  it('uses only keys that both languages define', () => {
    const keys = new Set<string>();
    for (const file of readdirSync(CHARTS).filter((f) => f.endsWith('.tsx'))) {
      const src = readFileSync(join(CHARTS, file), 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'(\w+)'/g)) keys.add(m[1]);
      for (const m of src.matchAll(/'(chart\w+)'/g)) keys.add(m[1]);
      for (const m of src.matchAll(/: '(served|overCapacity|notCoveredStatus)'/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) {
      // plural keys: t('chartVillageCount', { count }) reads chartVillageCount_one / _other
      const variants = key in zhCN ? [key] : [`${key}_one`, `${key}_other`];
      for (const k of variants) {
        expect(zhCN, k).toHaveProperty(k);
        expect(en, k).toHaveProperty(k);
      }
    }
  });
});

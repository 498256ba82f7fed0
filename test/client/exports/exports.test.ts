import { describe, expect, it } from 'vitest';
import type { ReachSummary } from '../../../server/domain/reach.ts';
import { BOM, reachTables, toCsv, type TableHeadings } from '../../../client/src/exports/csv.ts';
import { fileSlug } from '../../../client/src/exports/download.ts';
import { scaleBar } from '../../../client/src/exports/scale_bar.ts';
import { mapSheetLayout, reportLayout } from '../../../client/src/exports/sheet.ts';
import { paperPixels, paperPoints, PNG_PRESETS, presetById } from '../../../client/src/exports/sizes.ts';

describe('export sizes', () => {
  it('gives A4 and A3 in pixels at 150 and 300 dpi and in points', () => {
    expect(paperPixels('A4', 150)).toEqual([1754, 1240]);
    expect(paperPixels('A4', 300)).toEqual([3508, 2480]);
    expect(paperPixels('A3', 300)).toEqual([4961, 3508]);
    expect(paperPixels('A3', 150, 'portrait')).toEqual([1754, 2480]);
    expect(paperPoints('A4').map(Math.round)).toEqual([842, 595]);
    expect(paperPoints('A4', 'portrait').map(Math.round)).toEqual([595, 842]);
    expect(paperPoints('A3').map(Math.round)).toEqual([1191, 842]);
  });

  it('offers a screen size and A4 / A3 landscape at 150 and 300 dpi', () => {
    expect(PNG_PRESETS.map((p) => `${p.id} ${p.width}x${p.height}`)).toEqual(['screen 1920x1080', 'a4-150 1754x1240', 'a4-300 3508x2480', 'a3-150 2480x1754', 'a3-300 4961x3508']);
    expect(presetById('nonsense').id).toBe('screen');
  });
});

describe('scale bar', () => {
  it('is the longest 1, 2 or 5 x 10^n metres that fits', () => {
    expect(scaleBar(100, 200)).toEqual({ meters: 20000, px: 200 });
    expect(scaleBar(100, 180)).toEqual({ meters: 10000, px: 100 });
    expect(scaleBar(1000, 180)).toEqual({ meters: 100000, px: 100 });
    expect(scaleBar(3.3, 180).meters).toBe(500);
    expect(scaleBar(0, 180)).toEqual({ meters: 0, px: 0 });
  });
});

describe('sheet layouts', () => {
  it('keep the map inside the page, below the title and above the footer, at any scale', () => {
    for (const [w, h, u] of [[1920, 1080, 1], [1754, 1240, 150 / 96], [4961, 3508, 300 / 96]]) {
      const { map } = mapSheetLayout(w, h, u);
      expect(map.x).toBeGreaterThan(0);
      expect(map.y).toBeGreaterThan(60 * u);
      expect(map.x + map.width).toBeLessThan(w);
      expect(map.y + map.height).toBeLessThan(h - 30 * u);
    }
  });

  it('put the figures, chart and parameters beside the map in landscape and below it in portrait', () => {
    const land = reportLayout(2339, 1654, 200 / 96);
    expect(land.figures.x).toBeGreaterThan(land.map.x + land.map.width);
    expect(land.chart.y).toBeGreaterThan(land.figures.y);
    expect(land.params.y).toBeGreaterThan(land.chart.y);
    const portrait = reportLayout(1654, 2339, 200 / 96);
    expect(portrait.figures.y).toBeGreaterThan(portrait.map.y + portrait.map.height);
    expect(portrait.chart.x).toBeGreaterThan(portrait.figures.x + portrait.figures.width);
  });
});

describe('CSV of the reach tables', () => {
  const unit = (code: string, name: string) => ({ code, name, coveredShare: 0.4567, villages: 10, coveredVillages: '<5' as const, workers: 3 as number, children: 100, leftBehind: 7, disabled: '<5' as const, orphaned: 0, difficult: 9 });
  const summary: ReachSummary = {
    dataset: { id: 1, name: 'Test', nameZh: '测试', version: 1, synthetic: true, createdAt: '2026-01-01T00:00:00Z' },
    unit: { code: null, name: 'Test' },
    threshold: 5,
    protected: true,
    headline: { villages: 10, coveredVillages: '<5', workers: 3, children: 100, leftBehind: 7, disabled: '<5', orphaned: 0, difficult: 9, counties: 1, coveredCounties: '<5' },
    byProvince: [unit('14', '山西省')],
    byCounty: [unit('140105', '小店区, "新"')],
    growth: [{ year: 2020, newVillages: '<5', cumulativeVillages: '<5' }],
  };
  const h = Object.fromEntries(['year', 'newVillages', 'cumulativeVillages', 'code', 'name', 'villages', 'coveredVillages', 'coveredShare', 'workers', 'children', 'leftBehind', 'disabled', 'orphaned', 'difficult', 'category'].map((k) => [k, k])) as unknown as TableHeadings;
  const tables = reachTables(summary, h, { leftBehind: '留守', disabled: '残疾', orphaned: '孤儿', difficult: '困境' });

  it('has the growth, province, category and county tables, withheld counts as "<5"', () => {
    expect(tables.map((t) => t.name)).toEqual(['growth', 'provinces', 'categories', 'counties']);
    expect(tables[0].rows).toEqual([[2020, '<5', '<5']]);
    expect(tables[1].rows[0]).toEqual(['14', '山西省', 10, '<5', 45.7, 3, 100, 7, '<5', 0, 9]);
    expect(tables[2].rows).toEqual([['children', 100], ['留守', 7], ['残疾', '<5'], ['孤儿', 0], ['困境', 9]]);
  });

  it('writes UTF-8 text with a byte-order mark, CRLF lines, and quotes fields that need it', () => {
    const csv = toCsv(tables[3]);
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('140105,"小店区, ""新""",10,<5,45.7,3,100,7,<5,0,9');
    expect(lines.at(-1)).toBe('');
  });

  it('names files without spaces or slashes', () => {
    expect(fileSlug('reach-51')).toBe('reach-51');
    expect(fileSlug('Coverage / 四川省 2026')).toBe('Coverage-四川省-2026');
    expect(fileSlug('   ')).toBe('all');
  });
});

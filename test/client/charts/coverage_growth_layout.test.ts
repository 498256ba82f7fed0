import { describe, expect, it } from 'vitest';
import { coverageGrowthLayout, GROWTH_MARGIN, type GrowthRow } from '../../../client/src/charts/coverage_growth_layout.ts';

const growth = (first: number, added: number[]): GrowthRow[] => {
  let total = 0;
  return added.map((n, i) => ({ year: first + i, newVillages: n, cumulativeVillages: (total += n) }));
};

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('coverageGrowthLayout', () => {
  const rows = growth(2010, [118, 118, 177, 236, 355, 530, 826, 1180, 1770, 2950, 4720, 6490, 8850, 10030, 10620, 10030]);

  it('spaces years evenly from the left to the right of the plot, cumulative villages up from the baseline', () => {
    const l = coverageGrowthLayout(rows, 640, 280);
    expect(l.plot).toEqual({ x: GROWTH_MARGIN.left, y: GROWTH_MARGIN.top, width: 640 - GROWTH_MARGIN.left - GROWTH_MARGIN.right, height: 280 - GROWTH_MARGIN.top - GROWTH_MARGIN.bottom });
    expect(l.points).toHaveLength(16);
    close(l.points[0].x, l.plot.x);
    close(l.points[15].x, l.plot.x + l.plot.width);
    const step = l.points[1].x - l.points[0].x;
    l.points.forEach((p, i) => {
      close(p.x, l.plot.x + i * step);
      expect(p.cumulativeVillages).toBe(rows[i].cumulativeVillages);
      close(p.y, l.y(rows[i].cumulativeVillages));
      if (i > 0) expect(p.y).toBeLessThanOrEqual(l.points[i - 1].y);
    });
    close(l.y(0), l.plot.y + l.plot.height);
    // the y domain is niced at or above the last total, so the last point is inside the plot
    expect(l.points[15].y).toBeGreaterThanOrEqual(l.plot.y);
    expect(l.y.domain()[1]).toBeGreaterThanOrEqual(59_000);
  });

  it('draws the line through every point and the area down to the baseline', () => {
    const l = coverageGrowthLayout(rows, 640, 280);
    const f = (x: number) => String(Math.round(x * 1000) / 1000);
    expect(l.linePath.startsWith('M')).toBe(true);
    const numbers = l.linePath.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(numbers).toHaveLength(32);
    l.points.forEach((p, i) => {
      expect(f(numbers[2 * i])).toBe(f(p.x));
      expect(f(numbers[2 * i + 1])).toBe(f(p.y));
    });
    expect(l.areaPath).toContain(f(l.y(0)));
    expect(l.areaPath.endsWith('Z')).toBe(true);
  });

  it('ticks whole years only, within the years shown', () => {
    const l = coverageGrowthLayout(rows, 640, 280);
    expect(l.xTicks.length).toBeGreaterThanOrEqual(4);
    for (const t of l.xTicks) {
      expect(Number.isInteger(t.year)).toBe(true);
      expect(t.year).toBeGreaterThanOrEqual(2010);
      expect(t.year).toBeLessThanOrEqual(2025);
      close(t.x, l.x(t.year));
    }
    const narrow = coverageGrowthLayout(growth(2020, [3, 4]), 200, 200);
    expect(narrow.xTicks.map((t) => t.year)).toEqual([2020, 2021]);
    expect(l.yTicks.every((t) => Number.isInteger(t.value))).toBe(true);
    expect(coverageGrowthLayout(growth(2020, [1, 1]), 400, 300).yTicks.map((t) => t.value)).toEqual([0, 1, 2]);
  });

  it('centres a single year and draws nothing without rows', () => {
    const one = coverageGrowthLayout(growth(2018, [7]), 400, 240);
    close(one.points[0].x, one.plot.x + one.plot.width / 2);
    expect(one.xTicks.map((t) => t.year)).toEqual([2018]);
    const none = coverageGrowthLayout([], 400, 240);
    expect(none.points).toEqual([]);
    expect(none.linePath).toBe('');
    expect(none.areaPath).toBe('');
  });
});

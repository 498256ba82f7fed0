import { describe, expect, it } from 'vitest';
import { COVERAGE_MARGIN, coverageBarsLayout, fitLabel, sortByCoverage, textWidth, type CoverageRow } from '../../../client/src/charts/coverage_bars_layout.ts';
import { mulberry32, randInt } from '../../server/engine/random_dataset.ts';

const row = (code: string, served: number, overCapacity: number, notCovered: number, name = `unit ${code}`): CoverageRow => ({
  code,
  name,
  served,
  overCapacity,
  notCovered,
  villages: served + overCapacity + notCovered,
});

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('sortByCoverage', () => {
  it('orders by served share, highest first, then by more villages, then by code, without changing the input', () => {
    const rows = [row('43', 10, 0, 90), row('41', 50, 10, 40), row('44', 0, 0, 0), row('42', 5, 0, 5), row('45', 50, 0, 50), row('46', 1, 0, 1)];
    const before = structuredClone(rows);
    expect(sortByCoverage(rows).map((r) => r.code)).toEqual(['41', '45', '42', '46', '43', '44']);
    expect(rows).toEqual(before);
  });
});

describe('coverageBarsLayout', () => {
  const rows = [row('41', 30, 10, 60, '河南省'), row('14', 80, 5, 15, '山西省'), row('53', 0, 0, 0, '云南省')];

  it('stacks served, over capacity and not covered from the left, each its share of the plot width', () => {
    const l = coverageBarsLayout(rows, 500);
    const henan = l.bars.find((b) => b.code === '41')!;
    expect(henan.segments.map((s) => s.status)).toEqual(['served', 'overCapacity', 'notCovered']);
    expect(henan.segments.map((s) => s.villages)).toEqual([30, 10, 60]);
    henan.segments.forEach((s, k) => close(s.share, [0.3, 0.1, 0.6][k]));
    close(henan.segments[0].x, l.plot.x);
    for (let k = 1; k < 3; k++) close(henan.segments[k].x, henan.segments[k - 1].x + henan.segments[k - 1].width);
    henan.segments.forEach((s) => close(s.width, s.share * l.plot.width));
    close(henan.segments[2].x + henan.segments[2].width, l.plot.x + l.plot.width);
    close(l.x(0.3), henan.segments[1].x);
    expect(henan.share).toBe(0.3);
  });

  it('puts the best-served unit on top and a unit without villages last, with empty segments', () => {
    const l = coverageBarsLayout(rows, 500);
    expect(l.bars.map((b) => b.code)).toEqual(['14', '41', '53']);
    for (let i = 1; i < l.bars.length; i++) expect(l.bars[i].y).toBeGreaterThanOrEqual(l.bars[i - 1].y + l.bars[i - 1].height);
    const empty = l.bars[2];
    expect(empty.share).toBe(0);
    expect(empty.segments.every((s) => s.width === 0 && s.share === 0)).toBe(true);
  });

  it('grows in height with the rows, bars centred on their labels, and ticks 0-100%', () => {
    const l = coverageBarsLayout(rows, 500, { rowHeight: 30 });
    expect(l.height).toBe(COVERAGE_MARGIN.top + 3 * 30 + COVERAGE_MARGIN.bottom);
    expect(l.plot.height).toBe(90);
    for (const b of l.bars) {
      close(b.labelY, b.y + b.height / 2);
      expect(b.y).toBeGreaterThanOrEqual(l.plot.y);
      expect(b.y + b.height).toBeLessThanOrEqual(l.plot.y + l.plot.height);
      expect(b.height).toBeGreaterThan(15);
    }
    expect(l.xTicks.map((t) => t.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    close(l.xTicks[4].x, l.plot.x + l.plot.width);
    expect(coverageBarsLayout([], 500).bars).toEqual([]);
  });

  it('leaves the name column and the share column outside the bars', () => {
    const l = coverageBarsLayout(rows, 500, { labelWidth: 120 });
    expect(l.plot.x).toBe(120);
    expect(l.plot.x + l.plot.width).toBe(500 - COVERAGE_MARGIN.right);
  });

  it('fills each bar with its villages for random units', () => {
    const rng = mulberry32(3);
    for (let k = 0; k < 100; k++) {
      const units = Array.from({ length: 1 + randInt(rng, 40) }, (_, i) => row(String(10 + i), randInt(rng, 300), randInt(rng, 50), randInt(rng, 300)));
      const l = coverageBarsLayout(units, 300 + randInt(rng, 600));
      expect(l.bars).toHaveLength(units.length);
      for (let i = 0; i < l.bars.length; i++) {
        const b = l.bars[i];
        if (i > 0) expect(b.share).toBeLessThanOrEqual(l.bars[i - 1].share);
        const total = b.segments.reduce((s, x) => s + x.width, 0);
        close(total, b.villages > 0 ? l.plot.width : 0);
        expect(b.segments.reduce((s, x) => s + x.villages, 0)).toBe(b.villages);
      }
    }
  });
});

describe('fitLabel', () => {
  it('keeps a name that fits and cuts a long one with an ellipsis to fit', () => {
    expect(fitLabel('河南省', 100, 12)).toBe('河南省');
    const long = '新疆维吾尔自治区克孜勒苏柯尔克孜自治州';
    const cut = fitLabel(long, 100, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(100);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    expect(textWidth('ab', 10)).toBeCloseTo(12, 9);
    expect(textWidth('河南', 10)).toBe(20);
    expect(textWidth('…', 10)).toBe(10);
  });
});

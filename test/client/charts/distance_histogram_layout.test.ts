import { describe, expect, it } from 'vitest';
import { distanceHistogramLayout, HISTOGRAM_MARGIN, OVER_GAP, OVER_TICK_CLEARANCE, type DistanceHistogramData } from '../../../client/src/charts/distance_histogram_layout.ts';
import { mulberry32, randInt } from '../../server/engine/random_dataset.ts';

const data = (d: Partial<DistanceHistogramData> = {}): DistanceHistogramData => {
  const counts = d.counts ?? Array.from({ length: 30 }, (_, i) => (i < 15 ? 10 * i : 300 - 10 * i));
  const over = d.over ?? 12;
  return { type: 'station', standardKm: 15, binKm: 1, counts, over, villages: counts.reduce((s, c) => s + c, over), ...d };
};

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('distanceHistogramLayout', () => {
  it('maps 0 km to the left of the plot and the end of the bins before the bar of villages beyond them', () => {
    const l = distanceHistogramLayout(data(), 600, 300);
    expect(l.plot).toEqual({ x: HISTOGRAM_MARGIN.left, y: HISTOGRAM_MARGIN.top, width: 600 - HISTOGRAM_MARGIN.left - HISTOGRAM_MARGIN.right, height: 300 - HISTOGRAM_MARGIN.top - HISTOGRAM_MARGIN.bottom });
    expect(l.maxKm).toBe(30);
    close(l.x(0), l.plot.x);
    expect(l.over).not.toBeNull();
    close(l.x(30) + OVER_GAP, l.over!.x);
    close(l.over!.x + l.over!.width, l.plot.x + l.plot.width);
  });

  it('gives every bin a bar from its start to its end, heights proportional to villages on a shared baseline', () => {
    const d = data();
    const l = distanceHistogramLayout(d, 600, 300);
    expect(l.bars).toHaveLength(30);
    const baseline = l.y(0);
    close(baseline, l.plot.y + l.plot.height);
    l.bars.forEach((b, i) => {
      expect(b.count).toBe(d.counts[i]);
      expect(b.fromKm).toBe(i);
      expect(b.toKm).toBe(i + 1);
      close(b.x, l.x(i));
      // a 1 px gap between bars wider than 4 px
      close(b.x + b.width + 1, l.x(i + 1));
      close(b.y + b.height, baseline);
      close(b.height, baseline - l.y(d.counts[i]));
      expect(b.y).toBeGreaterThanOrEqual(l.plot.y - 1e-9);
    });
    // the tallest bar (140 villages) against a bar of half its villages
    close(l.bars[14].height, 2 * l.bars[7].height);
    close(l.over!.height, baseline - l.y(12));
  });

  it('draws the standard line where its bin starts, and flags the bins beyond it', () => {
    const l = distanceHistogramLayout(data(), 600, 300);
    expect(l.standard).toMatchObject({ km: 15, offScale: false });
    close(l.standard.x, l.bars[15].x);
    close(l.standard.x, l.x(15));
    expect(l.bars.map((b) => b.beyondStandard)).toEqual(l.bars.map((_, i) => i >= 15));
    // between edges, in proportion
    const mid = distanceHistogramLayout(data({ standardKm: 7.25 }), 600, 300);
    close(mid.standard.x, mid.bars[7].x + 0.25 * (mid.x(8) - mid.x(7)));
    expect(mid.bars.filter((b) => b.beyondStandard)[0].index).toBe(8);
  });

  it('puts a standard beyond the bins at their end, flagged off scale', () => {
    const l = distanceHistogramLayout(data({ standardKm: 60 }), 600, 300);
    expect(l.standard.offScale).toBe(true);
    close(l.standard.x, l.x(l.maxKm));
    expect(l.bars.every((b) => !b.beyondStandard)).toBe(true);
  });

  it('leaves no room for the beyond bar when there are no villages beyond the bins', () => {
    const l = distanceHistogramLayout(data({ over: 0 }), 600, 300);
    expect(l.over).toBeNull();
    close(l.x(l.maxKm), l.plot.x + l.plot.width);
    expect(l.xTicks.at(-1)!.km).toBe(30);
  });

  it('leaves out x ticks that would crowd the label of the beyond bar', () => {
    const l = distanceHistogramLayout(data(), 600, 300);
    expect(l.xTicks.length).toBeGreaterThan(3);
    expect(l.xTicks.every((t) => t.x < l.x(l.maxKm) - OVER_TICK_CLEARANCE)).toBe(true);
    expect(l.xTicks.map((t) => t.km)).not.toContain(30);
  });

  it('ticks whole villages on y and km within the bins on x, and scales y to the beyond bar when it is tallest', () => {
    const small = distanceHistogramLayout(data({ counts: [1, 2, 0, 1], over: 0, binKm: 0.5, standardKm: 1 }), 400, 240);
    expect(small.yTicks.map((t) => t.value)).toEqual([0, 1, 2]);
    expect(small.xTicks.every((t) => t.km >= 0 && t.km <= 2 && t.x >= small.plot.x && t.x <= small.plot.x + small.plot.width)).toBe(true);
    expect(small.xTicks.map((t) => t.km)).toContain(1);
    const tall = distanceHistogramLayout(data({ counts: [1, 2], over: 50 }), 400, 240);
    expect(tall.over!.y).toBeGreaterThanOrEqual(tall.plot.y - 1e-9);
    expect(tall.over!.height).toBeGreaterThan(tall.bars[1].height * 20);
  });

  it('keeps every bar inside the plot, in order, for random histograms', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const n = 1 + randInt(rng, 120);
      const binKm = [0.1, 0.2, 0.5, 1, 2, 5][randInt(rng, 6)];
      const d = data({ counts: Array.from({ length: n }, () => (rng() < 0.3 ? 0 : randInt(rng, 5000))), over: rng() < 0.5 ? 0 : randInt(rng, 8000), binKm, standardKm: rng() * n * binKm * 1.5 + 0.01 });
      const width = 200 + randInt(rng, 800);
      const height = 150 + randInt(rng, 400);
      const l = distanceHistogramLayout(d, width, height);
      const right = l.plot.x + l.plot.width + 1e-9;
      for (let i = 0; i < n; i++) {
        const b = l.bars[i];
        expect(b.x).toBeGreaterThanOrEqual(l.plot.x - 1e-9);
        expect(b.x + b.width).toBeLessThanOrEqual((l.over ? l.over.x - OVER_GAP : right) + 1e-9);
        expect(b.y).toBeGreaterThanOrEqual(l.plot.y - 1e-9);
        expect(b.height).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(b.x).toBeGreaterThan(l.bars[i - 1].x);
      }
      if (l.over) expect(l.over.x + l.over.width).toBeLessThanOrEqual(right);
      expect(l.standard.x).toBeGreaterThanOrEqual(l.plot.x - 1e-9);
      expect(l.standard.x).toBeLessThanOrEqual(right);
      expect(l.standard.offScale).toBe(d.standardKm > n * binKm);
    }
  });
});

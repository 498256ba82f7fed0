import { describe, expect, it } from 'vitest';
import { reachBarsLayout } from '../../../client/src/charts/reach_bars_layout.ts';

describe('reachBarsLayout', () => {
  it('draws bars in the given order from 0 to the largest count, a withheld count without a bar', () => {
    const l = reachBarsLayout(
      [
        { key: 'a', label: 'A', value: 10 },
        { key: 'b', label: 'B', value: '<5' },
        { key: 'c', label: 'C', value: 5 },
      ],
      300,
      { labelWidth: 100 },
    );
    expect(l.bars.map((b) => b.key)).toEqual(['a', 'b', 'c']);
    expect(l.bars[0].width).toBeCloseTo(l.plot.width);
    expect(l.bars[1].width).toBe(0);
    expect(l.bars[2].width).toBeCloseTo(l.plot.width / 2);
    expect(l.bars[0].y).toBeLessThan(l.bars[1].y);
    expect(l.height).toBe(l.plot.y + 3 * 24 + 6);
  });

  it('cuts long labels to the label column', () => {
    const l = reachBarsLayout([{ key: 'x', label: '孤儿和事实无人抚养儿童孤儿和事实无人抚养儿童', value: 1 }], 300, { labelWidth: 80 });
    expect(l.bars[0].shortLabel.endsWith('…')).toBe(true);
  });
});

import { area as turfArea, booleanPointInPolygon, polygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { partition, randomPointIn, type LonLat } from '../../../data/generator/partition.ts';
import { mulberry32 } from '../../../data/generator/prng.ts';

/** A one-degree square in Sichuan. */
const SQUARE: Polygon = {
  type: 'Polygon',
  coordinates: [[[103, 30], [104, 30], [104, 31], [103, 31], [103, 30]]],
};

/** An L shape: the square with its north-east quarter cut away (concave, so a bbox test is not enough). */
const L_SHAPE: Polygon = {
  type: 'Polygon',
  coordinates: [[[103, 30], [104, 30], [104, 30.5], [103.5, 30.5], [103.5, 31], [103, 31], [103, 30]]],
};

const areaOf = (a: Polygon | MultiPolygon) =>
  a.type === 'Polygon' ? turfArea(polygon(a.coordinates)) : a.coordinates.reduce((s, p) => s + turfArea(polygon(p)), 0);

describe('partition', () => {
  for (const seed of [1, 2, 3, 42, 2010]) {
    it(`splits a square into one cell per seed, each holding its seed, areas adding up (rng seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const n = 2 + Math.floor(rng() * 40);
      const seeds: LonLat[] = Array.from({ length: n }, () => randomPointIn(SQUARE, rng));
      const cells = partition(SQUARE, seeds);
      expect(cells).toHaveLength(n);
      cells.forEach((cell, i) => {
        expect(booleanPointInPolygon(seeds[i], cell), `seed ${i} in its cell`).toBe(true);
        const other = (i + 1) % n;
        expect(booleanPointInPolygon(seeds[other], cell, { ignoreBoundary: true }), `seed ${other} not in cell ${i}`).toBe(false);
      });
      const total = cells.reduce((s, c) => s + areaOf(c), 0);
      expect(Math.abs(total - areaOf(SQUARE)) / areaOf(SQUARE)).toBeLessThan(0.001);
    });
  }

  it('splits a concave area without covering its cut-away part', () => {
    const rng = mulberry32(7);
    const seeds: LonLat[] = Array.from({ length: 12 }, () => randomPointIn(L_SHAPE, rng));
    const cells = partition(L_SHAPE, seeds);
    cells.forEach((cell, i) => expect(booleanPointInPolygon(seeds[i], cell)).toBe(true));
    expect(cells.some((cell) => booleanPointInPolygon([103.75, 30.75], cell))).toBe(false);
    const total = cells.reduce((s, c) => s + areaOf(c), 0);
    expect(Math.abs(total - areaOf(L_SHAPE)) / areaOf(L_SHAPE)).toBeLessThan(0.001);
  });

  it('returns the area itself for a single seed', () => {
    expect(partition(SQUARE, [[103.5, 30.5]])).toEqual([SQUARE]);
  });
});

describe('randomPointIn', () => {
  it('returns points inside a concave area, rounded to five decimals', () => {
    const rng = mulberry32(99);
    for (let i = 0; i < 500; i++) {
      const p = randomPointIn(L_SHAPE, rng);
      expect(booleanPointInPolygon(p, L_SHAPE)).toBe(true);
      for (const x of p) expect(Math.round(x * 1e5) / 1e5).toBe(x);
    }
  });

  it('returns points that are also inside every area in alsoInside', () => {
    const eastHalf: Polygon = { type: 'Polygon', coordinates: [[[103.5, 29], [105, 29], [105, 32], [103.5, 32], [103.5, 29]]] };
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) {
      const p = randomPointIn(L_SHAPE, rng, [eastHalf]);
      expect(booleanPointInPolygon(p, L_SHAPE) && booleanPointInPolygon(p, eastHalf)).toBe(true);
    }
  });

  it('is deterministic for a given rng seed', () => {
    expect(randomPointIn(SQUARE, mulberry32(3))).toEqual(randomPointIn(SQUARE, mulberry32(3)));
  });

  it('throws when no point can satisfy every area', () => {
    const far: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    expect(() => randomPointIn(SQUARE, mulberry32(1), [far])).toThrow(/could not place/);
  });
});

import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import { unitVectors } from '../../../server/engine/geo.ts';
import { buildGrid, found, nearest, type SpatialGrid } from '../../../server/engine/spatial_grid.ts';
import { bruteNearest, CHINA, EXTREMES, Mismatches, mulberry32, nearestMismatch, randInt, randomSpec, type Rng } from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i);

interface Points {
  lon: Float64Array;
  lat: Float64Array;
  xyz: Float64Array;
}

const pointsOf = (lon: number[], lat: number[]): Points => {
  const p = { lon: Float64Array.from(lon), lat: Float64Array.from(lat) };
  return { ...p, xyz: unitVectors(p.lon, p.lat) };
};

/** Query positions: every village, random points over (and a little beyond) China, the extremes. */
function queries(rng: Rng, villages: { lon: number; lat: number }[]): [number, number][] {
  const q: [number, number][] = villages.map((v) => [v.lon, v.lat]);
  for (let k = 0; k < 40; k++) q.push([CHINA.minLon - 5 + rng() * 72, CHINA.minLat - 5 + rng() * 45]);
  q.push(...EXTREMES);
  return q;
}

/** nearest() from a query position, with the hint given as a point index (-1 for none) */
function query(g: SpatialGrid, qlon: number, qlat: number, maxKm = Infinity, hint = -1) {
  const [qx, qy, qz] = unitVectors([qlon], [qlat]);
  nearest(g, qlon, qlat, qx, qy, qz, maxKm, hint < 0 ? -1 : g.items.indexOf(hint));
  return { index: found.index, km: found.km };
}

describe('buildGrid', () => {
  for (const seed of SEEDS.slice(0, 10)) {
    it(`puts every point in exactly one cell, the one holding its position (seed ${seed})`, () => {
      const spec = randomSpec(mulberry32(seed));
      const all = [...spec.villages, ...spec.services!];
      const p = pointsOf(
        all.map((v) => v.lon),
        all.map((v) => v.lat),
      );
      // unit vectors given, or computed by the grid itself: the same either way
      for (const g of [buildGrid(p.lon, p.lat, p.xyz), buildGrid(p.lon, p.lat)]) {
      expect(g.count, `seed ${seed}`).toBe(all.length);
      expect([...g.items].sort((a, b) => a - b), `seed ${seed}: items are a permutation`).toEqual(all.map((_, i) => i));
      expect(g.cellStart[g.cols * g.rows], `seed ${seed}`).toBe(all.length);
      for (let c = 0; c < g.cols * g.rows; c++) {
        for (let k = g.cellStart[c]; k < g.cellStart[c + 1]; k++) {
          const i = g.items[k];
          const col = Math.floor((p.lon[i] - g.minLon) / g.cellDeg);
          const row = Math.floor((p.lat[i] - g.minLat) / g.cellDeg);
          expect(row * g.cols + col, `seed ${seed}: point ${i}`).toBe(c);
          expect([g.xyz[3 * k], g.xyz[3 * k + 1], g.xyz[3 * k + 2]], `seed ${seed}: point ${i}`).toEqual([p.xyz[3 * i], p.xyz[3 * i + 1], p.xyz[3 * i + 2]]);
        }
      }
      }
    });
  }
});

describe('nearest', () => {
  for (const seed of SEEDS) {
    it(`matches a turf.distance brute force for every service type, with and without a hint (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const spec = randomSpec(rng);
      const qs = queries(rng, spec.villages);
      const bad = new Mismatches(`seed ${seed}`);
      for (let t = 0; t < SERVICE_TYPES.length; t++) {
        const ss = spec.services!.filter((s) => s.type === t);
        const p = pointsOf(
          ss.map((s) => s.lon),
          ss.map((s) => s.lat),
        );
        const g = buildGrid(p.lon, p.lat);
        for (const [qlon, qlat] of qs) {
          const ref = bruteNearest(qlon, qlat, p.lon, p.lat);
          bad.add(nearestMismatch(query(g, qlon, qlat), ref, qlon, qlat, p.lon, p.lat));
          if (ss.length > 0) {
            const hint = randInt(rng, ss.length);
            bad.add(nearestMismatch(query(g, qlon, qlat, Infinity, hint), ref, qlon, qlat, p.lon, p.lat));
          }
        }
      }
      expect(bad.report).toEqual([]);
    });
  }

  for (const seed of SEEDS.slice(0, 25)) {
    it(`returns -1 when no point lies within maxKm, else the nearest (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const spec = randomSpec(rng);
      const qs = queries(rng, spec.villages);
      const bad = new Mismatches(`seed ${seed}`);
      const ss = spec.services!;
      const p = pointsOf(
        ss.map((s) => s.lon),
        ss.map((s) => s.lat),
      );
      const g = buildGrid(p.lon, p.lat);
      let none = 0;
      for (const [qlon, qlat] of qs) {
        const maxKm = rng() < 0.1 ? 0 : Math.exp(rng() * Math.log(3000)); // 1 .. 3000 km, log-uniform
        const ref = bruteNearest(qlon, qlat, p.lon, p.lat, maxKm);
        if (ref.index < 0) none++;
        const hint = ss.length > 0 && rng() < 0.5 ? randInt(rng, ss.length) : -1;
        bad.add(nearestMismatch(query(g, qlon, qlat, maxKm, hint), ref, qlon, qlat, p.lon, p.lat, maxKm));
      }
      expect(bad.report).toEqual([]);
      if (ss.length > 0) expect(none, `seed ${seed}: some queries have no point within maxKm`).toBeGreaterThan(0);
    });
  }

  for (const cellDeg of [0.05, 0.5, 5]) {
    it(`is exact whatever the cell size (cellDeg ${cellDeg})`, () => {
      const bad = new Mismatches(`cellDeg ${cellDeg}`);
      for (const seed of SEEDS.slice(0, 10)) {
        const rng = mulberry32(seed);
        const spec = randomSpec(rng, { layout: cellDeg < 0.5 ? 'box' : undefined });
        const ss = spec.services!;
        const p = pointsOf(
          ss.map((s) => s.lon),
          ss.map((s) => s.lat),
        );
        const g = buildGrid(p.lon, p.lat, p.xyz, cellDeg);
        for (const [qlon, qlat] of queries(rng, spec.villages)) {
          bad.add(nearestMismatch(query(g, qlon, qlat), bruteNearest(qlon, qlat, p.lon, p.lat), qlon, qlat, p.lon, p.lat));
        }
      }
      expect(bad.report).toEqual([]);
    });
  }

  it('finds nothing in an empty grid', () => {
    const g = buildGrid(new Float64Array(0), new Float64Array(0), new Float64Array(0));
    expect(query(g, 100, 30)).toEqual({ index: -1, km: Infinity });
  });

  it('breaks ties on one spot to the lower index, and reports (nearly) 0 km on the spot', () => {
    // three points on one spot at Hainan's south, one at Xinjiang's west
    const p = pointsOf([73.5, 109.5, 109.5, 109.5], [39.5, 18.2, 18.2, 18.2]);
    const g = buildGrid(p.lon, p.lat);
    // km from a dot product: a point's dot with itself may round to 1 - 2^-53, which reads as
    // about 0.1 m; within the 1 m the engine promises, not exactly 0
    const onSpot = (r: { index: number; km: number }, index: number) => {
      expect(r.index).toBe(index);
      expect(r.km).toBeLessThan(0.001);
    };
    onSpot(query(g, 109.5, 18.2), 1);
    onSpot(query(g, 109.5, 18.2, Infinity, 3), 1);
    expect(query(g, 110, 19, Infinity, 2).index).toBe(1);
    onSpot(query(g, 73.5, 39.5), 0);
    onSpot(query(g, 73.5, 39.5, 0), 0);
    expect(query(g, 73.6, 39.5, 1)).toEqual({ index: -1, km: Infinity });
  });

  it('ignores a hint beyond maxKm', () => {
    const p = pointsOf([100, 120], [30, 40]);
    const g = buildGrid(p.lon, p.lat);
    expect(query(g, 100.01, 30, 5, 1).index).toBe(0);
    expect(query(g, 110, 35, 5, 1)).toEqual({ index: -1, km: Infinity });
  });
});

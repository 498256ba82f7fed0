import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { VILLAGE_FLAGS } from '../../../server/domain/import.ts';
import { dataQuality, SAME_SPOT_DEG } from '../../../server/engine/data_quality.ts';
import { containsPoint, distanceOutsideKm, polygonIndex, ringsOf } from '../../../server/engine/polygon_index.ts';
import { mulberry32, randInt, randomDataset, seedMsg, turfKm, type Rng } from './random_dataset.ts';

/**
 * Great-circle distance from a point to a ring whose edges are straight in lon/lat, by ternary
 * search along each edge (turf.pointToPolygonDistance is off by metres at this scale).
 */
function kmToRing(lon: number, lat: number, ring: number[][]): number {
  let best = Infinity;
  for (let e = 0; e + 1 < ring.length; e++) {
    const at = (t: number) => turfKm(lon, lat, ring[e][0] + t * (ring[e + 1][0] - ring[e][0]), ring[e][1] + t * (ring[e + 1][1] - ring[e][1]));
    let [lo, hi] = [0, 1];
    for (let k = 0; k < 50; k++) {
      const m1 = lo + (hi - lo) / 3;
      const m2 = hi - (hi - lo) / 3;
      if (at(m1) < at(m2)) hi = m2;
      else lo = m1;
    }
    best = Math.min(best, at(lo), at(0), at(1));
  }
  return best;
}

/** A star-shaped ring around (cx, cy), radii between 0.3 r and r, closed; counter-clockwise. */
function star(rng: Rng, cx: number, cy: number, r: number, min = 0.3): number[][] {
  const k = 5 + randInt(rng, 10);
  const ring = Array.from({ length: k }, (_, i) => {
    const a = (2 * Math.PI * (i + rng() * 0.8)) / k;
    const d = r * (min + rng() * (1 - min));
    return [cx + d * Math.cos(a), cy + d * Math.sin(a)];
  });
  return [...ring, ring[0]];
}

/** A polygon, a polygon with a hole, or two polygons apart. */
function randomArea(rng: Rng, cx: number, cy: number, r: number): Polygon | MultiPolygon {
  const kind = randInt(rng, 3);
  if (kind === 0) return { type: 'Polygon', coordinates: [star(rng, cx, cy, r)] };
  if (kind === 1) return { type: 'Polygon', coordinates: [star(rng, cx, cy, r), star(rng, cx, cy, r * 0.15, 0.5).reverse()] };
  return { type: 'MultiPolygon', coordinates: [[star(rng, cx, cy, r * 0.6)], [star(rng, cx + 3 * r, cy, r * 0.6)]] };
}

describe('polygon index', () => {
  it('agrees with turf.booleanPointInPolygon, and measures how far outside a point lies', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const rng = mulberry32(seed);
      const areas = Array.from({ length: 5 }, (_, a) => ({ code: String(a), geometry: randomArea(rng, 100 + rng() * 10, 30 + rng() * 10, 0.05 + rng() * 0.5) }));
      const index = polygonIndex(areas.map((a) => ({ code: a.code, rings: ringsOf(a.geometry) })));
      for (let k = 0; k < 150; k++) {
        const a = randInt(rng, areas.length);
        const bbox = turf.bbox(areas[a].geometry);
        const lon = bbox[0] - 0.1 + rng() * (bbox[2] - bbox[0] + 0.2);
        const lat = bbox[1] - 0.1 + rng() * (bbox[3] - bbox[1] + 0.2);
        const inside = turf.booleanPointInPolygon([lon, lat], areas[a].geometry);
        expect(containsPoint(index, a, lon, lat), seedMsg(seed, `${lon},${lat} in ${a}`)).toBe(inside);
        const km = distanceOutsideKm(index, a, lon, lat);
        if (inside) expect(km).toBe(0);
        else {
          const reference = Math.min(...ringsOf(areas[a].geometry).map((ring) => kmToRing(lon, lat, ring as number[][])));
          expect(Math.abs(km - reference), seedMsg(seed, `${km} vs ${reference}`)).toBeLessThan(0.01 * reference + 0.01);
        }
      }
    }
  });
});

describe('data quality', () => {
  it('flags the same villages and workers as a brute-force reference, on random datasets', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = mulberry32(1000 + seed);
      const columns = randomDataset(seed, { maxVillages: 120, layout: seed % 2 ? 'box' : 'mixed' });
      const { admin, villages: v, workers: w } = columns;
      // some villages with nobody, some on another's spot to within less than a metre
      for (let i = 0; i < v.count; i++) {
        if (rng() < 0.05) v.population[i] = 0;
        if (i > 0 && rng() < 0.03) {
          v.lon[i] = v.lon[i - 1] + SAME_SPOT_DEG * 0.2;
          v.lat[i] = v.lat[i - 1];
        }
      }
      // an area for most townships and counties, around the mean of their villages
      const areaFor = (length: number) => {
        const units = admin.code.filter((c) => c.length === length && rng() < 0.85);
        return units.map((code) => {
          const members = v.code.map((c, i) => (c.startsWith(code) ? i : -1)).filter((i) => i >= 0);
          const cx = members.length ? members.reduce((s, i) => s + v.lon[i], 0) / members.length : 100;
          const cy = members.length ? members.reduce((s, i) => s + v.lat[i], 0) / members.length : 30;
          return { code, geometry: randomArea(rng, cx, cy, 0.02 + rng() * 0.3) };
        });
      };
      const townships = areaFor(9);
      const counties = areaFor(6);
      const index = (areas: typeof townships) => polygonIndex(areas.map((a) => ({ code: a.code, rings: ringsOf(a.geometry) })));
      const farKm = 1 + rng() * 30;
      const q = dataQuality(admin, v, w, { townships: index(townships), counties: index(counties) }, farKm);

      const byCode = (areas: typeof townships) => new Map(areas.map((a) => [a.code, a.geometry]));
      const [t, c] = [byCode(townships), byCode(counties)];
      const cell = (i: number) => `${Math.round(v.lon[i] / SAME_SPOT_DEG)},${Math.round(v.lat[i] / SAME_SPOT_DEG)}`;
      for (let i = 0; i < v.count; i++) {
        let expected = 0;
        const tg = t.get(v.code[i].slice(0, 9));
        if (tg && !turf.booleanPointInPolygon([v.lon[i], v.lat[i]], tg)) expected |= VILLAGE_FLAGS.outsideTownship;
        const cg = c.get(v.code[i].slice(0, 6));
        if (cg && !turf.booleanPointInPolygon([v.lon[i], v.lat[i]], cg)) expected |= VILLAGE_FLAGS.outsideCounty;
        for (let j = 0; j < v.count; j++) if (j !== i && cell(j) === cell(i)) expected |= VILLAGE_FLAGS.duplicatePosition;
        if (v.population[i] === 0) expected |= VILLAGE_FLAGS.zeroPopulation;
        expect(q.villageFlags[i], seedMsg(seed, `village ${i}`)).toBe(expected);
      }
      for (let k = 0; k < w.count; k++) {
        let max = -1;
        for (let r = w.rosterStart[k]; r < w.rosterStart[k + 1]; r++) {
          const j = w.rosterVillage[r];
          if (j >= 0) max = Math.max(max, turfKm(w.lon[k], w.lat[k], v.lon[j], v.lat[j]));
        }
        if (Math.abs(max - farKm) > 1e-6) expect(q.workerFar[k], seedMsg(seed, `worker ${k}`)).toBe(max > farKm ? 1 : 0);
        if (max >= 0) expect(q.workerFarthestKm[k]).toBeCloseTo(max, 6);
        else expect(q.workerFarthestKm[k]).toBeNaN();
      }
      expect(q.counts.workersFar).toBe(q.workerFar.reduce((s, x) => s + x, 0));
      expect(q.counts.zeroPopulation).toBe(v.population.filter((p) => p === 0).length);
    }
  });

  it('flags nothing in a dataset without areas but its duplicates and empty villages', () => {
    const columns = randomDataset(3, { maxVillages: 50 });
    const q = dataQuality(columns.admin, columns.villages, columns.workers, { townships: null, counties: null }, 1e9);
    expect(q.counts.outsideTownship + q.counts.outsideCounty + q.counts.workersFar).toBe(0);
  });
});

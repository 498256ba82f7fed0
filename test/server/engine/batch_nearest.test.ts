import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import { batchNearest, clustersByRun, collectWithin } from '../../../server/engine/batch_nearest.ts';
import { unitVectors } from '../../../server/engine/geo.ts';
import { buildGrid } from '../../../server/engine/spatial_grid.ts';
import {
  bruteNearest,
  EXTREMES,
  eastOf,
  Mismatches,
  mulberry32,
  nearestMismatch,
  randomSpec,
  turfKm,
  type DatasetSpec,
  type Rng,
  type VillageSpec,
} from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 2000 + i);

interface Case {
  vLon: Float64Array;
  vLat: Float64Array;
  vCode: string[];
  vXyz: Float64Array;
  /** point sets: one per service type */
  sets: { lon: Float64Array; lat: Float64Array; xyz: Float64Array }[];
}

function caseOf(spec: DatasetSpec): Case {
  const vLon = Float64Array.from(spec.villages, (v) => v.lon);
  const vLat = Float64Array.from(spec.villages, (v) => v.lat);
  const sets = SERVICE_TYPES.map((_, t) => {
    const ss = spec.services!.filter((s) => s.type === t);
    const lon = Float64Array.from(ss, (s) => s.lon);
    const lat = Float64Array.from(ss, (s) => s.lat);
    return { lon, lat, xyz: unitVectors(lon, lat) };
  });
  return { vLon, vLat, vCode: spec.villages.map((v) => v.code), vXyz: unitVectors(vLon, vLat), sets };
}

/** batchNearest over every point set of the case, checked village by village against turf. */
function checkBatch(c: Case, bad: Mismatches, opts: { prefix?: number; maxKm?: (rng: Rng) => number; skip?: boolean; rng?: Rng } = {}): void {
  const rng = opts.rng ?? mulberry32(1);
  const n = c.vLon.length;
  const clusters = clustersByPrefix(c.vCode, opts.prefix ?? 9, c.vXyz);
  for (const [t, set] of c.sets.entries()) {
    const g = buildGrid(set.lon, set.lat, set.xyz);
    const maxKm = opts.maxKm ? opts.maxKm(rng) : Infinity;
    const skip = opts.skip ? Uint8Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0)) : undefined;
    const outIndex = new Int32Array(n).fill(7);
    const outKm = new Float64Array(n).fill(7);
    batchNearest(g, c.vXyz, clusters, maxKm, outIndex, outKm, skip);
    for (let i = 0; i < n; i++) {
      const got = { index: outIndex[i], km: outKm[i] };
      if (skip?.[i]) {
        if (got.index !== -1 || got.km !== Infinity) bad.add(`type ${t} village ${i}: skipped but got ${got.index} at ${got.km} km`);
        continue;
      }
      const ref = bruteNearest(c.vLon[i], c.vLat[i], set.lon, set.lat, maxKm);
      const why = nearestMismatch(got, ref, c.vLon[i], c.vLat[i], set.lon, set.lat, maxKm);
      if (why) bad.add(`type ${t} village ${i} (${c.vCode[i]}): ${why}`);
    }
  }
}

/** The same number for codes sharing their first `length` characters. */
function prefixKeys(codes: string[], length: number): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(codes, (code) => {
    const prefix = code.slice(0, length);
    if (!ids.has(prefix)) ids.set(prefix, ids.size);
    return ids.get(prefix)!;
  });
}

/** Clusters of villages sharing a code prefix (9: a township), as the index makes them from townships. */
const clustersByPrefix = (codes: string[], length: number, xyz: Float64Array) => clustersByRun(prefixKeys(codes, length), xyz);

describe('clustersByRun', () => {
  for (const seed of SEEDS.slice(0, 20)) {
    it(`groups maximal runs of one key (here a code prefix), and every member lies within rho of the centre (seed ${seed})`, () => {
      const spec = randomSpec(mulberry32(seed));
      const c = caseOf(spec);
      for (const prefix of [9, 6, 0, 12]) {
        const cl = clustersByPrefix(c.vCode, prefix, c.vXyz);
        const n = c.vCode.length;
        expect(cl.start[0], `seed ${seed} prefix ${prefix}`).toBe(0);
        expect(cl.start[cl.start.length - 1], `seed ${seed} prefix ${prefix}`).toBe(n);
        for (let k = 0; k + 1 < cl.start.length; k++) {
          const a = cl.start[k], b = cl.start[k + 1];
          expect(b, `seed ${seed} prefix ${prefix}: cluster ${k} not empty`).toBeGreaterThan(a);
          const key = c.vCode[a].slice(0, prefix);
          for (let i = a; i < b; i++) {
            expect(c.vCode[i].slice(0, prefix), `seed ${seed} prefix ${prefix} village ${i}`).toBe(key);
            const d = turfKm(cl.lon[k], cl.lat[k], c.vLon[i], c.vLat[i]);
            expect(d, `seed ${seed} prefix ${prefix} village ${i}: distance to centre within rho`).toBeLessThanOrEqual(cl.rhoKm[k] + 1e-3);
          }
          if (b < n) expect(c.vCode[b].slice(0, prefix), `seed ${seed} prefix ${prefix}: maximal run`).not.toBe(key);
        }
      }
    });
  }

  it('has no cluster for no codes', () => {
    const cl = clustersByPrefix([], 9, new Float64Array(0));
    expect([...cl.start]).toEqual([0]);
  });
});

describe('batchNearest', () => {
  for (const seed of SEEDS) {
    it(`matches a turf.distance brute force for every village and point set (seed ${seed})`, () => {
      const bad = new Mismatches(`seed ${seed}`);
      checkBatch(caseOf(randomSpec(mulberry32(seed))), bad);
      expect(bad.report).toEqual([]);
    });
  }

  for (const seed of SEEDS.slice(0, 25)) {
    it(`honours maxKm (-1 beyond it) and the skip mask (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const bad = new Mismatches(`seed ${seed}`);
      const c = caseOf(randomSpec(rng));
      // 0.5 .. 2000 km, log-uniform, now and then 0
      checkBatch(c, bad, { rng, skip: true, maxKm: (r) => (r() < 0.1 ? 0 : Math.exp(Math.log(0.5) + r() * Math.log(4000))) });
      expect(bad.report).toEqual([]);
    });
  }

  for (const prefix of [0, 2, 6, 12]) {
    it(`is exact for clusters of any spread (code prefix ${prefix})`, () => {
      const bad = new Mismatches(`prefix ${prefix}`);
      for (const seed of SEEDS.slice(0, 15)) {
        const rng = mulberry32(seed);
        checkBatch(caseOf(randomSpec(rng)), bad, { prefix, rng, maxKm: (r) => (r() < 0.5 ? Infinity : 50 + r() * 1000) });
      }
      expect(bad.report).toEqual([]);
    });
  }

  it('handles the awkward cases: a township split 500 km apart, villages and services on one spot, the extremes, one village', () => {
    const villages: VillageSpec[] = [];
    // township 1: two parts 500 km apart, each with three villages on one spot and some nearby
    const [farLon, farLat] = eastOf(100, 30, 500);
    for (let k = 0; k < 10; k++) {
      const [lon, lat] = k % 2 ? [farLon, farLat] : [100, 30];
      villages.push({ code: `510101001${String(k + 1).padStart(3, '0')}`, lon: k < 6 ? lon : lon + 0.01 * k, lat: k < 6 ? lat : lat - 0.01 * k });
    }
    // township 2: at the extremes
    EXTREMES.forEach(([lon, lat], k) => villages.push({ code: `650101002${String(k + 1).padStart(3, '0')}`, lon, lat }));
    // township 3: a single village
    villages.push({ code: '650101003001', lon: 87.6, lat: 43.8 });
    const services = [
      // on the spot of the near part, twice; near the far part but a little off
      { type: 0, lon: 100, lat: 30 },
      { type: 0, lon: 100, lat: 30 },
      { type: 0, lon: farLon + 0.05, lat: farLat },
      // on the extremes
      ...EXTREMES.map(([lon, lat]) => ({ type: 1, lon, lat })),
      { type: 1, lon: 109.5, lat: 18.2 },
      // between the two parts only
      { type: 2, lon: (100 + farLon) / 2, lat: 30 },
      // type 3: none
    ];
    const c = caseOf({ villages, services });
    for (const prefix of [9, 12, 0]) {
      const bad = new Mismatches(`prefix ${prefix}`);
      checkBatch(c, bad, { prefix });
      checkBatch(c, bad, { prefix, maxKm: () => 260, skip: true, rng: mulberry32(prefix) });
      expect(bad.report).toEqual([]);
    }
    // ties on one spot go to the lower index
    const cl = clustersByPrefix(c.vCode, 9, c.vXyz);
    const set = c.sets[0];
    const out = new Int32Array(villages.length), km = new Float64Array(villages.length);
    batchNearest(buildGrid(set.lon, set.lat, set.xyz), c.vXyz, cl, Infinity, out, km);
    for (const i of [0, 2, 4]) expect(out[i], `village ${i}`).toBe(0);
    // no point: -1 and Infinity for every village
    const empty = c.sets[3];
    batchNearest(buildGrid(empty.lon, empty.lat, empty.xyz), c.vXyz, cl, Infinity, out, km);
    expect([...out].every((x) => x === -1)).toBe(true);
    expect([...km].every((x) => x === Infinity)).toBe(true);
  });
});

describe('batchNearest on one spot', () => {
  it('finds a point on the very spot of a one-village township (a dot product of 1 + 2^-52 with the centre)', () => {
    // the centre of a one-village cluster is the village; its dot with a point on the same spot
    // rounds to 1, 1 - 2^-53 or 1 + 2^-52 depending on the position: try many positions
    const rng = mulberry32(99);
    const bad = new Mismatches('one spot');
    for (let k = 0; k < 400; k++) {
      const [lon, lat] = k < EXTREMES.length ? EXTREMES[k] : [73 + rng() * 62, 18 + rng() * 35];
      // one village per township, a point on each village's spot and one a little off
      const vLon = Float64Array.of(lon, lon + 0.3), vLat = Float64Array.of(lat, lat);
      const vXyz = unitVectors(vLon, vLat);
      const cl = clustersByPrefix(['110101001001', '110101002001'], 9, vXyz);
      const pLon = Float64Array.of(lon + 0.3, lon, lon + 0.01), pLat = Float64Array.of(lat, lat, lat);
      const pXyz = unitVectors(pLon, pLat);
      const out = new Int32Array(2), km = new Float64Array(2);
      for (const maxKm of [Infinity, 0, 1]) {
        batchNearest(buildGrid(pLon, pLat, pXyz), vXyz, cl, maxKm, out, km);
        for (let i = 0; i < 2; i++) {
          const ref = bruteNearest(vLon[i], vLat[i], pLon, pLat, maxKm);
          const why = nearestMismatch({ index: out[i], km: km[i] }, ref, vLon[i], vLat[i], pLon, pLat, maxKm);
          if (why) bad.add(`position ${k} maxKm ${maxKm} village ${i}: ${why}`);
        }
      }
    }
    expect(bad.report).toEqual([]);
  });
});

describe('collectWithin', () => {
  for (const seed of SEEDS.slice(0, 20)) {
    it(`collects exactly the points within the radius, as grid slots (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const spec = randomSpec(rng);
      const all = [...spec.services!, ...spec.villages];
      const lon = Float64Array.from(all, (p) => p.lon);
      const lat = Float64Array.from(all, (p) => p.lat);
      const xyz = unitVectors(lon, lat);
      const g = buildGrid(lon, lat, xyz);
      const bad = new Mismatches(`seed ${seed}`);
      for (let q = 0; q < 30; q++) {
        const [qlon, qlat] = q < spec.villages.length ? [spec.villages[q].lon, spec.villages[q].lat] : [70 + rng() * 70, 15 + rng() * 42];
        const km = Math.exp(Math.log(0.1) + rng() * Math.log(40000)); // 0.1 .. 4000 km
        const [qx, qy, qz] = unitVectors([qlon], [qlat]);
        // a list too short to start with, so that it has to grow
        const list = { slots: new Int32Array(1), count: 5 };
        collectWithin(g, qlon, qlat, qx, qy, qz, km, list);
        const out = [...list.slots.subarray(0, list.count)];
        const got = new Set(out.map((slot) => g.items[slot]));
        if (got.size !== out.length) bad.add(`query ${q}: duplicates in ${out}`);
        for (let p = 0; p < all.length; p++) {
          const d = turfKm(qlon, qlat, lon[p], lat[p]);
          if (Math.abs(d - km) < 1e-6) continue; // on the boundary either way is fine
          if ((d < km) !== got.has(p)) bad.add(`query ${q} (${qlon}, ${qlat}) radius ${km}: point ${p} at ${d} km ${got.has(p) ? 'collected' : 'missed'}`);
        }
      }
      expect(bad.report).toEqual([]);
    });
  }
});

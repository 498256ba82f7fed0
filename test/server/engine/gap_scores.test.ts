import { describe, expect, it } from 'vitest';
import { CHILD_CATEGORIES, DEFAULT_CATEGORY_WEIGHTS, SERVICE_TYPES, type ChildCategory, type ServiceType } from '../../../server/domain/index.ts';
import { assignWorkers, STATUS_NOT_COVERED, STATUS_OVER_CAPACITY, STATUS_SERVED, type WorkerAssignment } from '../../../server/engine/assign_workers.ts';
import type { VillageColumns } from '../../../server/engine/columns.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { gapScores, MISSING_SERVICE_EXCESS, rankGaps, type GapParams } from '../../../server/engine/gap_scores.ts';
import { nearestServices, type ServiceDistances } from '../../../server/engine/nearest_services.ts';
import { buildColumns, mulberry32, pick, randInt, randomDataset, type Rng } from './random_dataset.ts';

const SEEDS = Array.from({ length: 60 }, (_, i) => 7000 + i);

/**
 * The JSDoc formula: need = (sum over categories of weight x children) x shortfall, shortfall =
 * (1 if not served, unless a service type is chosen) + sum over the (chosen) missed standards of
 * (distance - standard) / standard, or MISSING_SERVICE_EXCESS for no service at all. Not a gap
 * (-1) when the shortfall is 0, or a category is chosen and the village has none of it.
 */
function reference(v: VillageColumns, d: ServiceDistances, status: Uint8Array, p: GapParams) {
  const n = v.count;
  const score = new Float64Array(n);
  const missed = new Uint8Array(n);
  const types = p.serviceType ? [SERVICE_TYPES.indexOf(p.serviceType)] : SERVICE_TYPES.map((_, t) => t);
  const cats: readonly ChildCategory[] = p.category ? [p.category] : CHILD_CATEGORIES;
  for (let i = 0; i < n; i++) {
    SERVICE_TYPES.forEach((_, t) => {
      if (d.km[t][i] > p.standardsKm[t]) missed[i] |= 1 << t;
    });
    let shortfall = !p.serviceType && status[i] !== STATUS_SERVED ? 1 : 0;
    for (const t of types) {
      const km = d.km[t][i], s = p.standardsKm[t];
      if (km > s) shortfall += km === Infinity ? MISSING_SERVICE_EXCESS : (km - s) / s;
    }
    const weighted = cats.reduce((sum, c) => sum + p.weights[c] * v[c][i], 0);
    const has = cats.some((c) => v[c][i] > 0);
    score[i] = shortfall > 0 && (!p.category || has) ? weighted * shortfall : -1;
  }
  return { score, missed };
}

/** Distances with awkward values: Infinity for a whole type, exactly the standard, 0, far beyond. */
function randomDistances(rng: Rng, n: number, standards: number[]): ServiceDistances {
  const none = rng() < 0.5 ? randInt(rng, SERVICE_TYPES.length) : -1;
  const km = SERVICE_TYPES.map((_, t) =>
    Float64Array.from({ length: n }, () => {
      if (t === none) return Infinity;
      const r = rng();
      return r < 0.15 ? standards[t] : r < 0.25 ? 0 : rng() * standards[t] * 3;
    }),
  );
  return { km, nearest: km.map((k) => Int32Array.from(k, (x) => (x === Infinity ? -1 : 0))) };
}

function randomParams(rng: Rng): GapParams {
  const weights = Object.fromEntries(CHILD_CATEGORIES.map((c) => [c, rng() < 0.2 ? 0 : Math.round(rng() * 50) / 10])) as Record<ChildCategory, number>;
  return {
    standardsKm: SERVICE_TYPES.map(() => 1 + rng() * 60),
    weights: rng() < 0.3 ? DEFAULT_CATEGORY_WEIGHTS : weights,
    category: rng() < 0.4 ? pick(rng, CHILD_CATEGORIES) : undefined,
    serviceType: rng() < 0.4 ? pick(rng, SERVICE_TYPES) : undefined,
  };
}

const sameScores = (got: Float64Array, want: Float64Array) =>
  [...got].flatMap((x, i) => (x === want[i] || Math.abs(x - want[i]) <= 1e-12 * Math.abs(want[i]) ? [] : [`village ${i}: ${x} vs ${want[i]}`]));

function rankReference(score: Float64Array, start: number, end: number): number[] {
  const ids: number[] = [];
  for (let i = start; i < end; i++) if (score[i] >= 0) ids.push(i);
  // score descending, then index ascending, spelled out without subtraction
  return ids.sort((a, b) => (score[a] > score[b] ? -1 : score[a] < score[b] ? 1 : a - b));
}

describe('gapScores', () => {
  for (const seed of SEEDS) {
    it(`follows the documented formula, with and without a category and a service type (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const { villages } = randomDataset(seed, { workers: false });
      const n = villages.count;
      for (let round = 0; round < 4; round++) {
        const p = randomParams(rng);
        const d = randomDistances(rng, n, p.standardsKm);
        const status = Uint8Array.from({ length: n }, () => pick(rng, [STATUS_SERVED, STATUS_OVER_CAPACITY, STATUS_NOT_COVERED]));
        const got = gapScores(villages, d, { status } as WorkerAssignment, p);
        const want = reference(villages, d, status, p);
        const msg = `seed ${seed} round ${round} params ${JSON.stringify({ ...p, standardsKm: undefined })}`;
        expect([...got.missed], `${msg}: missed`).toEqual([...want.missed]);
        expect(sameScores(got.score, want.score), `${msg}: score`).toEqual([]);
      }
    });
  }

  for (const seed of SEEDS.slice(0, 20)) {
    it(`follows the formula on a real assignment and real distances (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const columns = randomDataset(seed);
      const index = buildDatasetIndex(columns);
      const d = nearestServices(index);
      const a = assignWorkers(columns, index, { workerReachKm: 10, enforceCapacity: true, capacityOverride: null });
      const p = randomParams(rng);
      const got = gapScores(columns.villages, d, a, p);
      const want = reference(columns.villages, d, a.status, p);
      expect([...got.missed], `seed ${seed}`).toEqual([...want.missed]);
      expect(sameScores(got.score, want.score), `seed ${seed}`).toEqual([]);
    });
  }

  it('scores a hand-made example', () => {
    const { villages } = buildColumns({
      villages: [
        { code: '110101001001', lon: 0, lat: 0, leftBehind: 2, disabled: 1 },
        { code: '110101001002', lon: 0, lat: 0, leftBehind: 2, disabled: 1 },
        { code: '110101001003', lon: 0, lat: 0, leftBehind: 0, orphaned: 4 },
        { code: '110101001004', lon: 0, lat: 0 },
      ],
    });
    const standardsKm = [15, 15, 5, 40, 60, 20];
    const km = [
      [30, 10, 15, 16], // station: village 0 is 30 km from a 15 km standard: one more unit
      [15, 15, 15, 15], // health: exactly at the standard, not missed
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
      [Infinity, 1, 1, 1], // police: none for village 0
    ].map((r) => Float64Array.from(r));
    const d = { km, nearest: km.map((r) => new Int32Array(r.length)) };
    const status = Uint8Array.of(STATUS_NOT_COVERED, STATUS_SERVED, STATUS_OVER_CAPACITY, STATUS_SERVED);
    const a = { status } as WorkerAssignment;
    const weights = DEFAULT_CATEGORY_WEIGHTS; // leftBehind 1, disabled 2, orphaned 3, difficult 1.5
    const all = gapScores(villages, d, a, { standardsKm, weights });
    // village 0: weight 2 + 2 = 4; shortfall 1 + 1 + 10 = 12 -> 48
    // village 1: served, meets every standard -> -1
    // village 2: 12 x (1 + 0) = 12
    // village 3: no children: 0 x (1/15) = 0, still a gap
    expect([...all.score]).toEqual([48, -1, 12, 0 * (1 / 15)]);
    expect([...all.missed]).toEqual([0b100001, 0, 0, 0b1]);
    const stations = gapScores(villages, d, a, { standardsKm, weights, serviceType: 'station' as ServiceType });
    expect([...stations.score]).toEqual([4, -1, -1, 0]);
    const orphaned = gapScores(villages, d, a, { standardsKm, weights, category: 'orphaned' });
    expect([...orphaned.score]).toEqual([-1, -1, 12, -1]);
    expect([...rankGaps(all.score, 0, 4)]).toEqual([0, 2, 3]);
  });
});

describe('rankGaps', () => {
  for (const seed of SEEDS) {
    it(`orders the gaps of a range by score descending, then index (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const n = 1 + randInt(rng, 300);
      // few distinct scores so ties are common; -1 for villages that are not gaps
      const levels = Array.from({ length: 1 + randInt(rng, 6) }, () => Math.round(rng() * 100) / 4);
      const score = Float64Array.from({ length: n }, () => (rng() < 0.3 ? -1 : rng() < 0.1 ? 0 : pick(rng, levels)));
      for (let r = 0; r < 5; r++) {
        const start = randInt(rng, n + 1);
        const end = start + randInt(rng, n - start + 1);
        expect([...rankGaps(score, start, end)], `seed ${seed}: range [${start}, ${end})`).toEqual(rankReference(score, start, end));
      }
    });
  }
});

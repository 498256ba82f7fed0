import { describe, expect, it } from 'vitest';
import { CHILD_CATEGORIES, SERVICE_TYPES } from '../../../server/domain/index.ts';
import { aggregateCoverage } from '../../../server/engine/aggregate_coverage.ts';
import { distanceStats } from '../../../server/engine/distance_stats.ts';
import { assignWorkers, STATUS_NOT_COVERED, STATUS_OVER_CAPACITY, STATUS_SERVED, type WorkerAssignment } from '../../../server/engine/assign_workers.ts';
import type { DatasetColumns } from '../../../server/engine/columns.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { nearestServices, type ServiceDistances } from '../../../server/engine/nearest_services.ts';
import { buildColumns, expectedQuantile, mulberry32, randInt, randomDataset, type Rng } from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 6000 + i);
const GROUPS = ['children', ...CHILD_CATEGORIES] as const;

/** Everything aggregateCoverage reports for one unit, by brute force over villages whose code starts with `prefix`. */
function bruteForce(columns: DatasetColumns, d: ServiceDistances, a: WorkerAssignment, standards: number[], prefix: string | null) {
  const { villages: v, workers: w } = columns;
  const ids = [...Array(v.count).keys()].filter((i) => prefix === null || v.code[i].startsWith(prefix));
  const count = (pred: (i: number) => boolean) => ids.filter(pred).length;
  const sum = (f: (i: number) => number) => ids.reduce((s, i) => s + f(i), 0);
  const served = (i: number) => a.status[i] === STATUS_SERVED;
  const figure = (g: (typeof GROUPS)[number], i: number) => v[g][i];
  const homeIn = (k: number) => prefix === null || (w.home[k] >= 0 && v.code[w.home[k]].startsWith(prefix));
  const workerIds = [...Array(w.count).keys()].filter(homeIn);
  return {
    villages: ids.length,
    coveredVillages: count((i) => v.coveredSince[i] > 0),
    served: count(served),
    overCapacity: count((i) => a.status[i] === STATUS_OVER_CAPACITY),
    notCovered: count((i) => a.status[i] === STATUS_NOT_COVERED),
    reached: Object.fromEntries(GROUPS.map((g) => [g, sum((i) => (served(i) ? figure(g, i) : 0))])),
    notReached: Object.fromEntries(GROUPS.map((g) => [g, sum((i) => (served(i) ? 0 : figure(g, i)))])),
    distance: SERVICE_TYPES.map((_, t) => {
      const km = ids.map((i) => d.km[t][i]);
      return {
        mean: km.length ? km.reduce((s, x) => s + x, 0) / km.length : NaN,
        median: expectedQuantile(km, 0.5),
        p90: expectedQuantile(km, 0.9),
        meeting: km.filter((x) => x <= standards[t]).length,
      };
    }),
    workers: workerIds.length,
    overloadedWorkers: workerIds.filter((k) => a.demand[k] > a.capacity[k]).length,
  };
}

/** Standards: random, one of them now and then exactly some village's distance (the boundary counts as meeting). */
function randomStandards(rng: Rng, d: ServiceDistances): number[] {
  return SERVICE_TYPES.map((_, t) => {
    const finite = [...d.km[t]].filter((x) => x !== Infinity);
    return finite.length && rng() < 0.3 ? finite[randInt(rng, finite.length)] : Math.exp(rng() * Math.log(1000));
  });
}

const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.abs(b);

function check(columns: DatasetColumns, rng: Rng, context: string): void {
  const index = buildDatasetIndex(columns);
  const d = nearestServices(index);
  const a = assignWorkers(columns, index, { workerReachKm: rng() * 30, enforceCapacity: rng() < 0.7, capacityOverride: rng() < 0.3 ? 1 + randInt(rng, 80) : null });
  const standards = randomStandards(rng, d);
  const agg = aggregateCoverage(columns, index, d, a, standards, d.km.map((km) => distanceStats(km, index.unitStart, index.unitEnd)));
  const { admin } = columns;
  for (const arr of [agg.villages, agg.served, agg.workers, agg.distance[0].median]) expect(arr, context).toHaveLength(admin.count + 1);
  for (let u = 0; u <= admin.count; u++) {
    const unit = u < admin.count ? admin.code[u] : null;
    const msg = `${context}: unit ${unit ?? '(whole dataset)'} (index ${u})`;
    const want = bruteForce(columns, d, a, standards, unit);
    const got = {
      villages: agg.villages[u],
      coveredVillages: agg.coveredVillages[u],
      served: agg.served[u],
      overCapacity: agg.overCapacity[u],
      notCovered: agg.notCovered[u],
      reached: Object.fromEntries(GROUPS.map((g) => [g, agg.reached[g][u]])),
      notReached: Object.fromEntries(GROUPS.map((g) => [g, agg.notReached[g][u]])),
      distance: agg.distance.map((x, t) => ({
        // means are sums in another order: equal within rounding
        mean: close(x.mean[u], want.distance[t].mean) ? want.distance[t].mean : x.mean[u],
        median: x.median[u],
        p90: x.p90[u],
        meeting: x.meeting[u],
      })),
      workers: agg.workers[u],
      overloadedWorkers: agg.overloadedWorkers[u],
    };
    expect(got, msg).toEqual(want);
  }
}

describe('aggregateCoverage', () => {
  for (const seed of SEEDS) {
    it(`matches a brute force over each unit's villages (by code prefix) and the whole dataset (seed ${seed})`, () => {
      check(randomDataset(seed), mulberry32(seed + 1), `seed ${seed}`);
    });
  }

  it('counts a worker with an unknown home in the whole dataset only, and gives NaN statistics to a unit with no village', () => {
    const columns = buildColumns({
      villages: [
        { code: '110101001001', lon: 116.4, lat: 39.9, leftBehind: 5, children: 9 },
        { code: '110101002001', lon: 116.5, lat: 39.9, leftBehind: 50, children: 60 },
      ],
      workers: [
        { home: -1, lon: 116.4, lat: 39.9, capacity: 10, roster: [0] },
        { home: 1, lon: 116.5, lat: 39.9, capacity: 10, roster: [1] },
      ],
      services: [{ type: 0, lon: 116.4, lat: 39.9 }],
      extraUnits: ['110101003', '12'],
    });
    const index = buildDatasetIndex(columns);
    const d = nearestServices(index);
    const a = assignWorkers(columns, index, { workerReachKm: 0, enforceCapacity: true, capacityOverride: null });
    const agg = aggregateCoverage(columns, index, d, a, SERVICE_TYPES.map(() => 5), d.km.map((km) => distanceStats(km, index.unitStart, index.unitEnd)));
    const at = (code: string) => columns.admin.index.get(code)!;
    const all = columns.admin.count;
    expect(agg.workers[all]).toBe(2);
    expect(agg.overloadedWorkers[all]).toBe(1);
    expect(agg.workers[at('11')]).toBe(1);
    expect(agg.workers[at('110101001')]).toBe(0);
    expect(agg.overloadedWorkers[at('110101002')]).toBe(1);
    for (const empty of ['110101003', '12']) {
      expect(agg.villages[at(empty)]).toBe(0);
      expect(agg.distance[0].mean[at(empty)]).toBeNaN();
      expect(agg.distance[0].median[at(empty)]).toBeNaN();
      expect(agg.distance[0].p90[at(empty)]).toBeNaN();
      expect(agg.distance[0].meeting[at(empty)]).toBe(0);
    }
    // type 1 has no service: every distance Infinity
    expect(agg.distance[1].mean[all]).toBe(Infinity);
    expect(agg.distance[1].median[all]).toBe(Infinity);
    expect(agg.distance[1].meeting[all]).toBe(0);
    expect(agg.reached.children[all]).toBe(9);
    expect(agg.notReached.children[all]).toBe(60);
    expect(agg.notReached.leftBehind[at('110101002')]).toBe(50);
    check(columns, mulberry32(7), 'hand-made');
  });
});

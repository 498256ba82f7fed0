import { describe, expect, it } from 'vitest';
import {
  assignWorkers,
  STATUS_NOT_COVERED,
  STATUS_OVER_CAPACITY,
  STATUS_SERVED,
  type WorkerParams,
} from '../../../server/engine/assign_workers.ts';
import type { DatasetColumns } from '../../../server/engine/columns.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { bruteNearest, buildColumns, mulberry32, randInt, randomDataset, turfKm, vulnerableOf, type VillageSpec, type WorkerSpec } from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 4000 + i);

/**
 * The documented rule, by brute force: roster villages belong to the first worker (in worker
 * order) listing them; any other village looks to its nearest worker within reach (turf.distance,
 * ties to the lower worker index; a reach of 0 reaches nobody); with capacity enforced each worker
 * takes their roster villages first in roster order, then the villages looking to them nearest
 * first (ties by village index), each while its vulnerable children still fit.
 */
function reference({ villages: v, workers: w }: DatasetColumns, p: WorkerParams) {
  const n = v.count;
  const worker = new Int32Array(n).fill(-1);
  const km = new Float64Array(n).fill(Infinity);
  const status = new Uint8Array(n).fill(STATUS_NOT_COVERED);
  const onRoster = new Uint8Array(n);
  const capacity = Float64Array.from(w.capacity, (c) => p.capacityOverride ?? c);
  const caseload = new Float64Array(w.count);
  const demand = new Float64Array(w.count);
  const roster = (k: number) => [...w.rosterVillage.subarray(w.rosterStart[k], w.rosterStart[k + 1])];

  for (let k = 0; k < w.count; k++) {
    for (const i of roster(k)) {
      if (i < 0 || onRoster[i]) continue;
      onRoster[i] = 1;
      worker[i] = k;
      km[i] = turfKm(v.lon[i], v.lat[i], w.lon[k], w.lat[k]);
    }
  }
  const ambiguous: number[] = [];
  for (let i = 0; i < n; i++) {
    if (onRoster[i] || p.workerReachKm <= 0) continue;
    const near = bruteNearest(v.lon[i], v.lat[i], w.lon, w.lat);
    if (Math.abs(near.km - p.workerReachKm) < 1e-6) ambiguous.push(i);
    if (near.index >= 0 && near.km <= p.workerReachKm) {
      worker[i] = near.index;
      km[i] = near.km;
    }
  }
  const serve = (i: number, k: number) => {
    const children = vulnerableOf(v, i);
    demand[k] += children;
    if (!p.enforceCapacity || caseload[k] + children <= capacity[k]) {
      caseload[k] += children;
      status[i] = STATUS_SERVED;
    } else status[i] = STATUS_OVER_CAPACITY;
  };
  for (let k = 0; k < w.count; k++) {
    for (const i of roster(k)) if (i >= 0 && worker[i] === k && onRoster[i]) serve(i, k);
    const lookers: number[] = [];
    for (let i = 0; i < n; i++) if (!onRoster[i] && worker[i] === k) lookers.push(i);
    lookers.sort((a, b) => km[a] - km[b] || a - b);
    for (const i of lookers) serve(i, k);
  }
  return { worker, km, status, onRoster, caseload, demand, capacity, ambiguous };
}

function compare(columns: DatasetColumns, p: WorkerParams, context: string): void {
  const got = assignWorkers(columns, buildDatasetIndex(columns), p);
  const ref = reference(columns, p);
  const msg = `${context} params ${JSON.stringify(p)}`;
  expect(ref.ambiguous, `${msg}: a village within 1e-6 km of the reach makes the reference ambiguous; pick another reach`).toEqual([]);
  expect([...got.worker], `${msg}: worker`).toEqual([...ref.worker]);
  expect([...got.onRoster], `${msg}: onRoster`).toEqual([...ref.onRoster]);
  expect([...got.status], `${msg}: status`).toEqual([...ref.status]);
  expect([...got.capacity], `${msg}: capacity`).toEqual([...ref.capacity]);
  expect([...got.caseload], `${msg}: caseload`).toEqual([...ref.caseload]);
  expect([...got.demand], `${msg}: demand`).toEqual([...ref.demand]);
  const farKm = [...got.km].flatMap((x, i) => (x === ref.km[i] || Math.abs(x - ref.km[i]) <= 0.001 ? [] : [`village ${i}: ${x} vs turf ${ref.km[i]}`]));
  expect(farKm, `${msg}: km within 1 m of turf.distance`).toEqual([]);
}

describe('assignWorkers', () => {
  for (const seed of SEEDS) {
    it(`follows the documented rule, with and without capacity (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const columns = randomDataset(seed);
      const reaches = [0, 0.5 + rng() * 10, 20 + rng() * 180];
      for (const workerReachKm of reaches) {
        for (const enforceCapacity of [true, false]) {
          compare(columns, { workerReachKm, enforceCapacity, capacityOverride: null }, `seed ${seed}`);
        }
        compare(columns, { workerReachKm, enforceCapacity: true, capacityOverride: 1 + randInt(rng, 120) }, `seed ${seed}`);
      }
    });
  }

  /** Villages of one township along a parallel, 1 km apart, with given vulnerable children. */
  const KM_PER_DEG_LON = ((6371.0088 * Math.PI) / 180) * Math.cos((38 * Math.PI) / 180);
  const line = (children: number[]): VillageSpec[] =>
    children.map((c, k) => ({ code: `130101001${String(k + 1).padStart(3, '0')}`, lon: 115 + k / KM_PER_DEG_LON, lat: 38, leftBehind: c }));

  it('gives a village on two rosters to the first worker, and lets a worker with an empty roster take only villages in reach', () => {
    const villages = line([3, 4, 5, 6, 7]);
    const workers: WorkerSpec[] = [
      { home: 0, lon: villages[0].lon, lat: 38, capacity: 100, roster: [0, 2] },
      { home: 4, lon: villages[4].lon, lat: 38, capacity: 100, roster: [4, 2] },
      { home: 1, lon: villages[1].lon, lat: 38, capacity: 100, roster: [] },
    ];
    const columns = buildColumns({ villages, workers });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 1.5, enforceCapacity: true, capacityOverride: null });
    expect([...a.worker]).toEqual([0, 2, 0, 1, 1]);
    expect([...a.onRoster]).toEqual([1, 0, 1, 0, 1]);
    expect([...a.status]).toEqual([STATUS_SERVED, STATUS_SERVED, STATUS_SERVED, STATUS_SERVED, STATUS_SERVED]);
    expect([...a.caseload]).toEqual([3 + 5, 6 + 7, 4]);
    compare(columns, { workerReachKm: 1.5, enforceCapacity: true, capacityOverride: null }, 'two rosters');
  });

  it('with reach 0 serves roster villages only', () => {
    const villages = line([3, 4, 5, 6, 7]);
    const columns = buildColumns({ villages, workers: [{ home: 2, lon: villages[2].lon, lat: 38, capacity: 100, roster: [2] }] });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 0, enforceCapacity: true, capacityOverride: null });
    expect([...a.worker]).toEqual([-1, -1, 0, -1, -1]);
    expect([...a.status]).toEqual([STATUS_NOT_COVERED, STATUS_NOT_COVERED, STATUS_SERVED, STATUS_NOT_COVERED, STATUS_NOT_COVERED]);
    expect([...a.km].filter((x) => x !== Infinity)).toHaveLength(1);
    expect(a.km[2]).toBeLessThan(0.001);
  });

  it('fills capacity with roster villages in roster order, then the nearest villages in reach (ties by index), skipping what does not fit', () => {
    // worker at village 2, roster [3, 0]; village 6 sits on village 4's spot (a tie at 2 km)
    const villages = line([10, 6, 2, 9, 5, 1, 5]);
    villages[6].lon = villages[4].lon;
    const columns = buildColumns({ villages, workers: [{ home: 2, lon: villages[2].lon, lat: 38, capacity: 26, roster: [3, 0] }] });
    const index = buildDatasetIndex(columns);
    const p = { workerReachKm: 3.5, enforceCapacity: true, capacityOverride: null };
    const a = assignWorkers(columns, index, p);
    // roster: 3 (9), 0 (10) -> 19; then 2 (0 km, 2) -> 21; 1 (1 km, 6) no; 4 (2 km, 5) -> 26; 6 (2 km, 5) no; 5 (3 km, 1) no
    const [S, O] = [STATUS_SERVED, STATUS_OVER_CAPACITY];
    expect([...a.worker]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect([...a.onRoster]).toEqual([1, 0, 0, 1, 0, 0, 0]);
    expect([...a.status]).toEqual([S, O, S, S, S, O, O]);
    expect([...a.caseload]).toEqual([26]);
    expect([...a.demand]).toEqual([38]);
    compare(columns, p, 'capacity order');
    // off: everything served
    const off = assignWorkers(columns, index, { ...p, enforceCapacity: false });
    expect([...off.status]).toEqual([S, S, S, S, S, S, S]);
    expect([...off.caseload]).toEqual([38]);
    expect([...off.demand]).toEqual([38]);
    // one capacity for all: 3 (9) fits, nothing else does
    const small = assignWorkers(columns, index, { ...p, capacityOverride: 9 });
    expect([...small.capacity]).toEqual([9]);
    expect([...small.status]).toEqual([O, O, O, S, O, O, O]);
    expect([...small.caseload]).toEqual([9]);
    compare(columns, { ...p, capacityOverride: 9 }, 'override');
  });

  it('ties between workers on one spot go to the lower worker index', () => {
    const villages = line([1, 2, 3]);
    villages[1].lon = (villages[1].lon + villages[2].lon) / 2; // 0.5 km from the two workers on village 2
    const workers: WorkerSpec[] = [
      { home: 0, lon: villages[0].lon, lat: 38, capacity: 10, roster: [0] },
      { home: 2, lon: villages[2].lon, lat: 38, capacity: 10, roster: [] },
      { home: 2, lon: villages[2].lon, lat: 38, capacity: 10, roster: [] },
    ];
    const columns = buildColumns({ villages, workers });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 5, enforceCapacity: true, capacityOverride: null });
    expect([...a.worker]).toEqual([0, 1, 1]);
    compare(columns, { workerReachKm: 5, enforceCapacity: true, capacityOverride: null }, 'tie');
  });
});

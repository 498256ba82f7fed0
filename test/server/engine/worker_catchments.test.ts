import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { assignWorkers, STATUS_SERVED } from '../../../server/engine/assign_workers.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { villagesByWorker, workerCatchments } from '../../../server/engine/worker_catchments.ts';
import { buildColumns, EXTREMES, Mismatches, mulberry32, randInt, randomDataset, shuffle, type VillageSpec } from './random_dataset.ts';

const SEEDS = Array.from({ length: 20 }, (_, i) => 9000 + i);

describe('villagesByWorker', () => {
  for (const seed of SEEDS.slice(0, 10)) {
    it(`lists exactly the villages each worker serves, in village order (seed ${seed})`, () => {
      const columns = randomDataset(seed);
      const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 20, enforceCapacity: true, capacityOverride: null });
      const { start, villages } = villagesByWorker(a, columns.workers.count);
      for (let w = 0; w < columns.workers.count; w++) {
        const want = [...Array(columns.villages.count).keys()].filter((i) => a.worker[i] === w && a.status[i] === STATUS_SERVED);
        expect([...villages.subarray(start[w], start[w + 1])], `seed ${seed} worker ${w}`).toEqual(want);
      }
    });
  }
});

describe('workerCatchments', () => {
  for (const seed of SEEDS) {
    it(`gives each worker a polygon holding their position and every village they serve (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      // mostly compact datasets, as on a map; now and then villages all over China
      const columns = randomDataset(seed, { maxVillages: 120, layout: rng() < 0.7 ? 'box' : 'china' });
      const { villages: v, workers } = columns;
      const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 1 + rng() * 30, enforceCapacity: rng() < 0.7, capacityOverride: null });
      const ids = shuffle(rng, [...Array(workers.count).keys()]).slice(0, randInt(rng, workers.count + 1));
      const fc = workerCatchments(columns, a, ids);
      const bad = new Mismatches(`seed ${seed}`);
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.map((f) => f.properties.workerId), `seed ${seed}: one feature per worker asked for, in order`).toEqual(ids.map((w) => workers.id[w]));
      fc.features.forEach((f, k) => {
        const w = ids[k];
        const served = [...Array(v.count).keys()].filter((i) => a.worker[i] === w && a.status[i] === STATUS_SERVED);
        expect(f.properties, `seed ${seed} worker ${w}`).toEqual({ workerId: workers.id[w], villages: served.length, caseload: a.caseload[w], demand: a.demand[w], capacity: a.capacity[w] });
        if (!turf.booleanPointInPolygon([workers.lon[w], workers.lat[w]], f)) bad.add(`worker ${w}: own position (${workers.lon[w]}, ${workers.lat[w]}) outside`);
        for (const i of served) {
          if (!turf.booleanPointInPolygon([v.lon[i], v.lat[i]], f)) {
            bad.add(`worker ${w} at (${workers.lon[w]}, ${workers.lat[w]}): village ${i} at (${v.lon[i]}, ${v.lat[i]}) outside (${served.length} served)`);
          }
        }
      });
      expect(bad.report).toEqual([]);
    });
  }

  it('gives a worker with only their home village (on the same spot) a polygon around the home', () => {
    const villages: VillageSpec[] = [
      { code: '650101001001', lon: 73.5, lat: 39.5, leftBehind: 3 },
      { code: '650101001002', lon: 73.52, lat: 39.5, leftBehind: 3 },
      { code: '460101001001', lon: 109.5, lat: 18.2, leftBehind: 3 },
    ].sort((x, y) => (x.code < y.code ? -1 : 1));
    const home = (code: string) => villages.findIndex((x) => x.code === code);
    const columns = buildColumns({
      villages,
      workers: [
        // home village on the worker's very spot, alone
        { home: home('650101001001'), lon: 73.5, lat: 39.5, capacity: 10, roster: [home('650101001001')] },
        // on their own, serving nothing (empty roster, no reach)
        { home: home('460101001001'), lon: 109.5, lat: 18.2, capacity: 10, roster: [] },
        // home village over capacity: serves nothing
        { home: home('650101001002'), lon: 73.52, lat: 39.5, capacity: 1, roster: [home('650101001002')] },
      ],
    });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 0, enforceCapacity: true, capacityOverride: null });
    const fc = workerCatchments(columns, a, [0, 1, 2]);
    expect(fc.features).toHaveLength(3);
    const [alone, none, over] = fc.features;
    expect(alone.properties.villages).toBe(1);
    expect(turf.booleanPointInPolygon([73.5, 39.5], alone)).toBe(true);
    // about half a kilometre around: 0.4 km away inside, 0.6 km away and the neighbour 1.7 km away outside
    for (const bearing of [0, 45, 90, 180, 270]) {
      expect(turf.booleanPointInPolygon(turf.destination([73.5, 39.5], 0.4, bearing), alone), `0.4 km at ${bearing}°`).toBe(true);
      expect(turf.booleanPointInPolygon(turf.destination([73.5, 39.5], 0.6, bearing), alone), `0.6 km at ${bearing}°`).toBe(false);
    }
    expect(turf.booleanPointInPolygon([73.52, 39.5], alone)).toBe(false);
    expect(none.properties.villages).toBe(0);
    expect(turf.booleanPointInPolygon([109.5, 18.2], none)).toBe(true);
    expect(over.properties.villages).toBe(0);
    expect(turf.booleanPointInPolygon([73.52, 39.5], over)).toBe(true);
  });

  it('covers villages in a line (no hull) and on one spot', () => {
    const villages: VillageSpec[] = [0, 1, 2, 3].map((k) => ({ code: `130101001${String(k + 1).padStart(3, '0')}`, lon: 115 + 0.01 * k, lat: 38, leftBehind: 1 }));
    villages.push({ code: '130101001009', lon: 115, lat: 38, leftBehind: 1 });
    const columns = buildColumns({
      villages,
      workers: [{ home: 0, lon: 115, lat: 38, capacity: 100, roster: [0, 1, 2, 3, 4] }],
    });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 0, enforceCapacity: true, capacityOverride: null });
    const [f] = workerCatchments(columns, a, [0]).features;
    expect(f.properties.villages).toBe(5);
    for (const x of villages) expect(turf.booleanPointInPolygon([x.lon, x.lat], f), x.code).toBe(true);
  });

  it('covers a worker at an extreme of China serving villages there', () => {
    const villages: VillageSpec[] = EXTREMES.map(([lon, lat], k) => ({ code: `230101001${String(k + 1).padStart(3, '0')}`, lon, lat, leftBehind: 1 }));
    const columns = buildColumns({ villages, workers: [{ home: 1, lon: 109.5, lat: 18.2, capacity: 100, roster: [1, 0] }] });
    const a = assignWorkers(columns, buildDatasetIndex(columns), { workerReachKm: 0, enforceCapacity: true, capacityOverride: null });
    const [f] = workerCatchments(columns, a, [0]).features;
    expect(turf.booleanPointInPolygon([109.5, 18.2], f)).toBe(true);
    expect(turf.booleanPointInPolygon([73.5, 39.5], f)).toBe(true);
  });
});

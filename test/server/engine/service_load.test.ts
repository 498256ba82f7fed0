import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import type { DatasetColumns } from '../../../server/engine/columns.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { nearestServices } from '../../../server/engine/nearest_services.ts';
import { serviceLoad } from '../../../server/engine/service_load.ts';
import { bruteNearest, buildColumns, mulberry32, randomDataset, type Rng } from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 8000 + i);

/** Each village counts for the nearest point of each type (turf.distance, ties to the lower index) within the standard. */
function bruteForce({ villages: v, services: s }: DatasetColumns, standards: number[]) {
  const villages = new Float64Array(s.count);
  const children = new Float64Array(s.count);
  const boundary: string[] = [];
  SERVICE_TYPES.forEach((_, t) => {
    const ids = [...Array(s.count).keys()].filter((k) => s.type[k] === t);
    for (let i = 0; i < v.count; i++) {
      const near = bruteNearest(v.lon[i], v.lat[i], s.lon, s.lat, Infinity, ids);
      if (near.index < 0) continue;
      if (Math.abs(near.km - standards[t]) < 1e-6) boundary.push(`village ${i} type ${t}: ${near.km} km, standard ${standards[t]}`);
      if (near.km > standards[t]) continue;
      villages[near.index]++;
      children[near.index] += v.children[i];
    }
  });
  return { villages, children, boundary };
}

/** Standards from 0.5 to 2000 km, log-uniform, away from any village's distance. */
const randomStandards = (rng: Rng) => SERVICE_TYPES.map(() => Math.exp(Math.log(0.5) + rng() * Math.log(4000)));

describe('serviceLoad', () => {
  for (const seed of SEEDS) {
    it(`counts villages and children for the nearest point of each type within its standard (seed ${seed})`, () => {
      const rng = mulberry32(seed);
      const columns = randomDataset(seed, { workers: false });
      const d = nearestServices(buildDatasetIndex(columns));
      for (let round = 0; round < 3; round++) {
        // standards within 1e-6 km of some village's distance would make either answer right: draw again
        let standards = randomStandards(rng);
        let want = bruteForce(columns, standards);
        for (let tries = 0; tries < 10 && want.boundary.length; tries++) {
          standards = randomStandards(rng);
          want = bruteForce(columns, standards);
        }
        const msg = `seed ${seed} standards ${standards.map((x) => x.toFixed(3))}`;
        expect(want.boundary, `${msg}: a village within 1e-6 km of a standard`).toEqual([]);
        const got = serviceLoad(columns.villages, columns.services, d, standards);
        expect([...got.villages], `${msg}: villages`).toEqual([...want.villages]);
        expect([...got.children], `${msg}: children`).toEqual([...want.children]);
        // every village within a standard is counted once per type
        const total = got.villages.reduce((s, x) => s + x, 0);
        const within = SERVICE_TYPES.reduce((s, _, t) => s + [...d.km[t]].filter((x) => x <= standards[t]).length, 0);
        expect(total, msg).toBe(within);
      }
    });
  }

  it('gives the load of points on one spot to the lower index, and none to a type with no point', () => {
    const columns = buildColumns({
      villages: [
        { code: '460101001001', lon: 109.5, lat: 18.2, children: 10 },
        { code: '460101001002', lon: 109.51, lat: 18.2, children: 20 },
        { code: '650101001001', lon: 73.5, lat: 39.5, children: 40 },
      ],
      services: [
        { type: 1, lon: 109.5, lat: 18.2 },
        { type: 1, lon: 109.5, lat: 18.2 },
        { type: 1, lon: 73.5, lat: 39.5 },
      ],
    });
    const d = nearestServices(buildDatasetIndex(columns));
    const load = serviceLoad(columns.villages, columns.services, d, [15, 15, 5, 40, 60, 20]);
    expect([...load.villages]).toEqual([2, 0, 1]);
    expect([...load.children]).toEqual([30, 0, 40]);
    const tight = serviceLoad(columns.villages, columns.services, d, [15, 0.5, 5, 40, 60, 20]);
    expect([...tight.villages]).toEqual([1, 0, 1]);
    expect([...tight.children]).toEqual([10, 0, 40]);
  });
});

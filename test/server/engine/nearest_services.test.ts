import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import type { DatasetColumns } from '../../../server/engine/columns.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { nearestServices } from '../../../server/engine/nearest_services.ts';
import { bruteNearest, buildColumns, EXTREMES, eastOf, Mismatches, nearestMismatch, randomDataset, type VillageSpec } from './random_dataset.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => 3000 + i);

/** Every village, every type: the engine's nearest service against a turf.distance brute force. */
function check(columns: DatasetColumns, context: string): string[] {
  const { villages: v, services: s } = columns;
  const d = nearestServices(buildDatasetIndex(columns));
  const bad = new Mismatches(context);
  expect(d.nearest).toHaveLength(SERVICE_TYPES.length);
  expect(d.km).toHaveLength(SERVICE_TYPES.length);
  for (let t = 0; t < SERVICE_TYPES.length; t++) {
    const ids = Int32Array.from({ length: s.count }, (_, k) => k).filter((k) => s.type[k] === t);
    for (let i = 0; i < v.count; i++) {
      const got = { index: d.nearest[t][i], km: d.km[t][i] };
      if (got.index >= 0 && s.type[got.index] !== t) {
        bad.add(`type ${t} village ${i}: service ${got.index} is of type ${s.type[got.index]}`);
        continue;
      }
      const ref = bruteNearest(v.lon[i], v.lat[i], s.lon, s.lat, Infinity, ids);
      const why = nearestMismatch(got, ref, v.lon[i], v.lat[i], s.lon, s.lat);
      if (why) bad.add(`type ${SERVICE_TYPES[t]} village ${i} (${v.code[i]}): ${why}`);
    }
  }
  return bad.report;
}

describe('nearestServices', () => {
  for (const seed of SEEDS) {
    it(`finds each village's nearest service of every type, as turf.distance does (seed ${seed})`, () => {
      expect(check(randomDataset(seed), `seed ${seed}`)).toEqual([]);
    });
  }

  it('handles the extremes, services and villages on one spot, a type with none, one far-split township', () => {
    const [farLon, farLat] = eastOf(110, 35, 500);
    const villages: VillageSpec[] = [
      // one township, half of it 500 km east of the other half
      ...Array.from({ length: 8 }, (_, k): VillageSpec => {
        const [lon, lat] = k < 4 ? [110 + 0.001 * k, 35] : [farLon - 0.001 * k, farLat];
        return { code: `410101001${String(k + 1).padStart(3, '0')}`, lon, lat };
      }),
      // three villages on one spot
      ...[1, 2, 3].map((k): VillageSpec => ({ code: `410101002${String(k).padStart(3, '0')}`, lon: 113.6, lat: 34.7 })),
      ...EXTREMES.map(([lon, lat], k): VillageSpec => ({ code: `650101001${String(k + 1).padStart(3, '0')}`, lon, lat })),
    ];
    const services = [
      { type: 0, lon: 113.6, lat: 34.7 },
      { type: 1, lon: 73.5, lat: 39.5 },
      { type: 0, lon: 113.6, lat: 34.7 },
      { type: 1, lon: 109.5, lat: 18.2 },
      { type: 1, lon: 109.5, lat: 18.2 },
      { type: 2, lon: farLon, lat: farLat },
      { type: 0, lon: 110, lat: 35 },
      // types 3, 4 and 5: none
    ];
    const columns = buildColumns({ villages, services });
    expect(check(columns, 'edge cases')).toEqual([]);
    const d = nearestServices(buildDatasetIndex(columns));
    const spot = columns.villages.index.get('410101002001')!;
    expect(d.nearest[0][spot], 'on one spot: the lower index').toBe(0);
    const hainan = columns.villages.index.get('650101001002')!;
    expect(d.nearest[1][hainan], "Hainan's south: the lower index").toBe(3);
    expect(d.km[1][hainan]).toBeLessThan(0.001);
    for (const t of [3, 4, 5]) {
      expect([...d.nearest[t]].every((x) => x === -1), `type ${t}`).toBe(true);
      expect([...d.km[t]].every((x) => x === Infinity), `type ${t}`).toBe(true);
    }
  });

  it('handles a single village and no services at all', () => {
    const columns = buildColumns({ villages: [{ code: '110101001001', lon: 116.4, lat: 39.9 }] });
    const d = nearestServices(buildDatasetIndex(columns));
    for (let t = 0; t < SERVICE_TYPES.length; t++) {
      expect([...d.nearest[t]]).toEqual([-1]);
      expect([...d.km[t]]).toEqual([Infinity]);
    }
  });
});

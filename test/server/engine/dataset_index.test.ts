import { describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { randomDataset } from './random_dataset.ts';

const SEEDS = Array.from({ length: 30 }, (_, i) => 10000 + i);

describe('buildDatasetIndex', () => {
  for (const seed of SEEDS) {
    it(`gives each unit its village range, each village its first roster worker, each type its services (seed ${seed})`, () => {
      const columns = randomDataset(seed);
      const { admin, villages: v, workers: w, services: s } = columns;
      const index = buildDatasetIndex(columns);
      for (let u = 0; u < admin.count; u++) {
        const ids = [...Array(v.count).keys()].filter((i) => v.code[i].startsWith(admin.code[u]));
        const range = [...Array(index.unitEnd[u] - index.unitStart[u]).keys()].map((k) => index.unitStart[u] + k);
        expect(range, `seed ${seed}: unit ${admin.code[u]}`).toEqual(ids);
      }
      const first = new Int32Array(v.count).fill(-1);
      for (let k = 0; k < w.count; k++) {
        for (let r = w.rosterStart[k]; r < w.rosterStart[k + 1]; r++) if (first[w.rosterVillage[r]] < 0) first[w.rosterVillage[r]] = k;
      }
      expect([...index.rosterWorker], `seed ${seed}`).toEqual([...first]);
      SERVICE_TYPES.forEach((_, t) => {
        const byType = index.serviceByType[t];
        expect([...byType.ids], `seed ${seed} type ${t}`).toEqual([...Array(s.count).keys()].filter((k) => s.type[k] === t));
        expect(byType.grid.count).toBe(byType.ids.length);
      });
      expect(index.villageClusters.start[index.villageClusters.start.length - 1]).toBe(v.count);
      expect(index.workerGrid.count).toBe(w.count);
    });
  }
});

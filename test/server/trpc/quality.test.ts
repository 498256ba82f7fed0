import { describe, expect, it } from 'vitest';
import { VILLAGE_FLAGS } from '../../../server/domain/import.ts';
import { insertDataset } from '../../../server/store/datasets.ts';
import { openDb } from '../../../server/store/db.ts';
import { tinyContent } from '../../helpers/tiny_dataset.ts';
import { callerFor } from './caller.ts';

describe('quality.flags', () => {
  it('lists only the flagged villages (by layer index) and workers, with counts', async () => {
    const content = tinyContent(12);
    const v = content.villages;
    // village 0 moved into the next township (still in its county); 5 on 6's spot; 7 with nobody
    v[0] = { ...v[0], lon: 112.06 };
    v[5] = { ...v[5], lon: v[6].lon, lat: v[6].lat };
    v[7] = { ...v[7], population: 0, children: 0, leftBehind: 0, disabled: 0, orphaned: 0, difficult: 0 };
    // worker W2 lives far from their village
    content.workers[1] = { ...content.workers[1], lon: 112.3, lat: 37.3 };
    const db = openDb(':memory:');
    insertDataset(db, content);
    const caller = callerFor(db);
    const q = await caller.quality.flags();
    expect(q.villages.index).toEqual([0, 5, 6, 7]);
    expect(q.villages.flags).toEqual([VILLAGE_FLAGS.outsideTownship, VILLAGE_FLAGS.duplicatePosition, VILLAGE_FLAGS.duplicatePosition, VILLAGE_FLAGS.zeroPopulation]);
    expect(q.counts).toMatchObject({ outsideTownship: 1, outsideCounty: 0, duplicatePosition: 2, zeroPopulation: 1, workersFar: 1, villages: 36, workers: 3 });
    expect(q.workers.id).toEqual(['W2']);
    expect(q.workers.farthestKm[0]).toBeGreaterThan(30);
    expect(q.areas).toEqual({ townships: true, counties: true });
    // a larger threshold lets the worker be
    expect((await caller.quality.flags({ workerFarKm: 100 })).workers.id).toEqual([]);
  });
});

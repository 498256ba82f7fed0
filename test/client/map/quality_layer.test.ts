import { describe, expect, it } from 'vitest';
import { VILLAGE_FLAGS } from '../../../server/domain/import.ts';
import { QUALITY_RGB, qualityLayer, qualityPoints, type QualityFlags } from '../../../client/src/map/quality_layer.ts';

describe('quality layer', () => {
  it('rings flagged villages at their layer positions in the colour of their most serious flag, and far workers', () => {
    const villages = { length: 3, positions: Float32Array.from([110, 30, 111, 31, 112, 32]), coveredSince: new Uint16Array(3), code: new Float64Array(3) };
    const flags: QualityFlags = {
      datasetId: 1,
      workerFarKm: 10,
      counts: { outsideTownship: 1, outsideCounty: 1, duplicatePosition: 0, zeroPopulation: 1, workersFar: 1, villages: 3, workers: 1 },
      areas: { townships: true, counties: true },
      villages: { index: [0, 2], flags: [VILLAGE_FLAGS.outsideTownship | VILLAGE_FLAGS.outsideCounty, VILLAGE_FLAGS.zeroPopulation] },
      workers: { id: ['W1'], lon: [113], lat: [33], farthestKm: [25] },
    };
    const p = qualityPoints(flags, villages);
    expect(p.length).toBe(3);
    expect([...p.positions]).toEqual([110, 30, 112, 32, 113, 33]);
    expect([...p.colors.subarray(0, 3)]).toEqual(QUALITY_RGB.outsideCounty);
    expect([...p.colors.subarray(4, 7)]).toEqual(QUALITY_RGB.zeroPopulation);
    expect([...p.colors.subarray(8, 11)]).toEqual(QUALITY_RGB.workerFar);
    expect(qualityLayer(p, { zoom: 7 }).id).toBe('quality');
  });
});

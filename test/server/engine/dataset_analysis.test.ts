import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, DEFAULT_CATEGORY_WEIGHTS, DEFAULT_SERVICE_STANDARDS_KM, resolveParams, type AnalysisParams } from '../../../server/domain/index.ts';
import { aggregateCoverage } from '../../../server/engine/aggregate_coverage.ts';
import { distanceStats } from '../../../server/engine/distance_stats.ts';
import { assignWorkers } from '../../../server/engine/assign_workers.ts';
import { buildDatasetIndex } from '../../../server/engine/dataset_index.ts';
import { DatasetAnalysis, standardsOf } from '../../../server/engine/dataset_analysis.ts';
import { gapScores } from '../../../server/engine/gap_scores.ts';
import { nearestServices } from '../../../server/engine/nearest_services.ts';
import { serviceLoad } from '../../../server/engine/service_load.ts';
import { randomDataset } from './random_dataset.ts';

/** Fresh objects each call: memoisation must go by value, not identity. */
const params = (over: Partial<AnalysisParams> = {}): AnalysisParams => ({
  standardsKm: { ...DEFAULT_SERVICE_STANDARDS_KM },
  workerReachKm: 5,
  enforceCapacity: true,
  capacityOverride: null,
  weights: { ...DEFAULT_CATEGORY_WEIGHTS },
  ...over,
});

/** A dataset with some gap villages that have vulnerable children, so weights matter. */
function dataset(seed: number) {
  for (let s = seed; ; s++) {
    const columns = randomDataset(s, { layout: 'box' });
    if (columns.villages.count >= 20 && columns.workers.count > 0) return { columns, seed: s };
  }
}

describe('DatasetAnalysis', () => {
  it('returns the same object for equal parameters, and computes what the functions compute', () => {
    const { columns, seed } = dataset(11);
    const analysis = new DatasetAnalysis(columns);
    const p = params();
    const coverage = analysis.coverage(p);
    expect(analysis.coverage(params()), `seed ${seed}`).toBe(coverage);
    expect(analysis.assignment(params())).toBe(analysis.assignment(p));
    expect(analysis.serviceLoad(params())).toBe(analysis.serviceLoad(p));
    expect(analysis.gapScores(params(), {})).toBe(analysis.gapScores(p, {}));
    expect(analysis.gapScores(params(), { category: 'orphaned', serviceType: 'school' })).toBe(analysis.gapScores(p, { category: 'orphaned', serviceType: 'school' }));
    expect(analysis.index).toBe(analysis.index);
    expect(analysis.distances).toBe(analysis.distances);

    const index = buildDatasetIndex(columns);
    const d = nearestServices(index);
    const a = assignWorkers(columns, index, p);
    expect(analysis.distances, `seed ${seed}`).toEqual(d);
    expect(analysis.assignment(p), `seed ${seed}`).toEqual(a);
    expect(coverage, `seed ${seed}`).toEqual(aggregateCoverage(columns, index, d, a, standardsOf(p), d.km.map((km) => distanceStats(km, index.unitStart, index.unitEnd))));
    expect(analysis.serviceLoad(p), `seed ${seed}`).toEqual(serviceLoad(columns.villages, columns.services, d, standardsOf(p)));
    expect(analysis.gapScores(p, { category: 'disabled' }), `seed ${seed}`).toEqual(
      gapScores(columns.villages, d, a, { standardsKm: standardsOf(p), weights: p.weights, category: 'disabled' }),
    );
  });

  it('recomputes only the gap scores when only the weights change', () => {
    const { columns, seed } = dataset(21);
    const analysis = new DatasetAnalysis(columns);
    const p = params();
    const assignment = analysis.assignment(p);
    const coverage = analysis.coverage(p);
    const load = analysis.serviceLoad(p);
    const gaps = analysis.gapScores(p, {});
    const heavier = params({ weights: { ...DEFAULT_CATEGORY_WEIGHTS, leftBehind: 7 } });
    expect(analysis.assignment(heavier), `seed ${seed}`).toBe(assignment);
    expect(analysis.coverage(heavier), `seed ${seed}`).toBe(coverage);
    expect(analysis.serviceLoad(heavier), `seed ${seed}`).toBe(load);
    const heavierGaps = analysis.gapScores(heavier, {});
    expect(heavierGaps, `seed ${seed}`).not.toBe(gaps);
    expect([...heavierGaps.score], `seed ${seed}: scores change with the weights`).not.toEqual([...gaps.score]);
    const want = gapScores(columns.villages, analysis.distances, assignment, { standardsKm: standardsOf(heavier), weights: heavier.weights });
    expect(heavierGaps, `seed ${seed}`).toEqual(want);
    // the old weights still give the old scores (from the memo)
    expect(analysis.gapScores(params(), {}), `seed ${seed}`).toBe(gaps);
  });

  it('recomputes the assignment when reach or capacity change, and the aggregates (not the assignment) when a standard changes', () => {
    const { columns, seed } = dataset(31);
    const analysis = new DatasetAnalysis(columns);
    const p = params();
    const assignment = analysis.assignment(p);
    const coverage = analysis.coverage(p);
    const stricter = params({ standardsKm: { ...DEFAULT_SERVICE_STANDARDS_KM, school: 1 } });
    expect(analysis.assignment(stricter), `seed ${seed}`).toBe(assignment);
    const strictCoverage = analysis.coverage(stricter);
    expect(strictCoverage, `seed ${seed}`).not.toBe(coverage);
    expect(strictCoverage, `seed ${seed}`).toEqual(aggregateCoverage(columns, analysis.index, analysis.distances, assignment, standardsOf(stricter), analysis.distanceStats));
    for (const other of [params({ workerReachKm: 50 }), params({ enforceCapacity: false }), params({ capacityOverride: 3 })]) {
      const b = analysis.assignment(other);
      expect(b, `seed ${seed} ${JSON.stringify(other)}`).not.toBe(assignment);
      expect(b, `seed ${seed} ${JSON.stringify(other)}`).toEqual(assignWorkers(columns, analysis.index, other));
      expect(analysis.coverage(other), `seed ${seed}`).not.toBe(coverage);
    }
  });
});

describe('DatasetAnalysis.prepare (two threads)', () => {
  it('computes part of the service types on the engine worker, with the same results as one thread', async () => {
    const columns = randomDataset(4242, { layout: 'box' });
    const parallel = new DatasetAnalysis(columns);
    const p = resolveParams(analysisParamsSchema.parse({}));
    const fromWorker = await parallel.prepare(p);
    expect(fromWorker).toBeGreaterThan(0);
    const single = new DatasetAnalysis(columns);
    expect(parallel.distances).toEqual(single.distances);
    expect(parallel.distanceStats).toEqual(single.distanceStats);
    expect(parallel.coverage(p)).toEqual(single.coverage(p));
  });
});

import { SERVICE_TYPES, type AnalysisParams, type GapFilter } from '../domain/index.ts';
import { aggregateCoverage, type CoverageAggregates } from './aggregate_coverage.ts';
import { assignWorkers, type WorkerAssignment, type WorkerParams } from './assign_workers.ts';
import type { DatasetColumns } from './columns.ts';
import { buildDatasetIndex, type DatasetIndex } from './dataset_index.ts';
import { gapScores, type GapScores } from './gap_scores.ts';
import { Memo } from './memo.ts';
import { nearestServices, type ServiceDistances } from './nearest_services.ts';
import { serviceLoad, type ServiceLoad } from './service_load.ts';

/**
 * The analyses of one dataset version, each computed once per set of the parameters it depends
 * on: service distances depend on nothing; worker assignment on reach and capacity; aggregates
 * and service loads also on the standards; gap scores on everything and the filter. Changing a
 * weight therefore recomputes only the gap scores.
 */
export class DatasetAnalysis {
  private indexValue: DatasetIndex | null = null;
  private distancesValue: ServiceDistances | null = null;
  private readonly assignments = new Memo<WorkerAssignment>(4);
  private readonly aggregates = new Memo<CoverageAggregates>(4);
  private readonly loads = new Memo<ServiceLoad>(4);
  private readonly gaps = new Memo<GapScores>(8);

  constructor(readonly columns: DatasetColumns) {}

  get index(): DatasetIndex {
    return (this.indexValue ??= buildDatasetIndex(this.columns));
  }

  get distances(): ServiceDistances {
    return (this.distancesValue ??= nearestServices(this.columns.villages, this.index));
  }

  assignment(p: WorkerParams): WorkerAssignment {
    const key = workerKey(p);
    return this.assignments.get(key, () => assignWorkers(this.columns, this.index, p));
  }

  coverage(p: AnalysisParams): CoverageAggregates {
    const key = `${workerKey(p)}|${standardsOf(p).join(',')}`;
    return this.aggregates.get(key, () => aggregateCoverage(this.columns, this.index, this.distances, this.assignment(p), standardsOf(p)));
  }

  serviceLoad(p: AnalysisParams): ServiceLoad {
    return this.loads.get(standardsOf(p).join(','), () => serviceLoad(this.columns.villages, this.columns.services, this.distances, standardsOf(p)));
  }

  gapScores(p: AnalysisParams, filter: GapFilter): GapScores {
    const key = JSON.stringify([workerKey(p), standardsOf(p), p.weights, filter.category ?? null, filter.serviceType ?? null]);
    return this.gaps.get(key, () =>
      gapScores(this.columns.villages, this.distances, this.assignment(p), { standardsKm: standardsOf(p), weights: p.weights, ...filter }),
    );
  }
}

const workerKey = (p: WorkerParams) => `${p.workerReachKm}|${p.enforceCapacity}|${p.capacityOverride}`;
export const standardsOf = (p: AnalysisParams): number[] => SERVICE_TYPES.map((t) => p.standardsKm[t]);

import { SERVICE_TYPES, type AnalysisParams, type GapFilter } from '../domain/index.ts';
import { aggregateCoverage, type CoverageAggregates } from './aggregate_coverage.ts';
import { assignWorkers, type WorkerAssignment, type WorkerParams } from './assign_workers.ts';
import type { DatasetColumns } from './columns.ts';
import { buildDatasetIndex, type DatasetIndex } from './dataset_index.ts';
import type { UnitDistanceStats } from './distance_stats.ts';
import { gapScores, type GapScores } from './gap_scores.ts';
import { Memo } from './memo.ts';
import type { ServiceDistances } from './nearest_services.ts';
import { enginePool } from './parallel/engine_pool.ts';
import type { AttachedDataset, TypeResult } from './parallel/protocol.ts';
import { serviceTypeTask } from './parallel/service_type_task.ts';
import { TypeQueue } from './parallel/type_queue.ts';
import { serviceLoad, type ServiceLoad } from './service_load.ts';

let nextKey = 1;

/**
 * The analyses of one dataset version, each computed once per set of the parameters it depends
 * on: service distances and their statistics per unit depend on nothing; worker assignment on
 * reach and capacity; aggregates and service loads also on the standards; gap scores on
 * everything and the filter. Changing a weight therefore recomputes only the gap scores.
 *
 * Getters compute on the calling thread; prepare() computes the same results with part of the
 * service types on the engine's second thread, and the routers call it first.
 */
export class DatasetAnalysis {
  private readonly key = `${nextKey++}`;
  private indexValue: DatasetIndex | null = null;
  private readonly typeResults: (TypeResult | undefined)[] = SERVICE_TYPES.map(() => undefined);
  private distancesValue: ServiceDistances | null = null;
  private readonly assignments = new Memo<WorkerAssignment>(4);
  private readonly aggregates = new Memo<CoverageAggregates>(4);
  private readonly loads = new Memo<ServiceLoad>(4);
  private readonly gaps = new Memo<GapScores>(8);
  private preparing: Promise<number> | null = null;

  constructor(readonly columns: DatasetColumns) {}

  get index(): DatasetIndex {
    return (this.indexValue ??= buildDatasetIndex(this.columns));
  }

  get distances(): ServiceDistances {
    if (!this.distancesValue) {
      const results = SERVICE_TYPES.map((_, t) => this.typeResult(t));
      this.distancesValue = { nearest: results.map((r) => r.nearest), km: results.map((r) => r.km) };
    }
    return this.distancesValue;
  }

  /** Mean, median and 90th percentile distance per unit, per service type (SERVICE_TYPES order). */
  get distanceStats(): UnitDistanceStats[] {
    return SERVICE_TYPES.map((_, t) => this.typeResult(t).stats);
  }

  assignment(p: WorkerParams): WorkerAssignment {
    return this.assignments.get(workerKey(p), () => assignWorkers(this.columns, this.index, p));
  }

  coverage(p: AnalysisParams): CoverageAggregates {
    const key = `${workerKey(p)}|${standardsOf(p).join(',')}`;
    return this.aggregates.get(key, () =>
      aggregateCoverage(this.columns, this.index, this.distances, this.assignment(p), standardsOf(p), this.distanceStats),
    );
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

  /**
   * Computes the service distances (and, given parameters, the worker assignment) using both
   * threads: this thread does the assignment, then both take service types from a shared queue
   * until it is empty. Falls back to this thread alone if the worker is unavailable. Resolves
   * to the number of service types the worker computed.
   */
  async prepare(p?: WorkerParams): Promise<number> {
    const missing = SERVICE_TYPES.map((_, t) => t).filter((t) => !this.typeResults[t]);
    const pool = missing.length > 1 ? enginePool() : null;
    let remote = 0;
    if (pool) {
      this.preparing ??= this.computeTypesInParallel(pool, missing, p).finally(() => (this.preparing = null));
      remote = await this.preparing;
    }
    if (p) this.assignment(p);
    return remote;
  }

  private async computeTypesInParallel(pool: NonNullable<ReturnType<typeof enginePool>>, missing: number[], p?: WorkerParams): Promise<number> {
    // Both threads take types from one shared queue, most work first, until it is empty; this
    // thread first does the assignment, which only it can do.
    const perType = SERVICE_TYPES.map(() => 0);
    for (let s = 0; s < this.columns.services.count; s++) perType[this.columns.services.type[s]]++;
    const queue = new TypeQueue([...missing].sort((a, b) => perType[b] - perType[a] || a - b));
    const fromWorker = pool.computeTypes(this.key, () => this.attachable(), queue).catch((err: Error) => {
      console.warn(`engine worker unavailable, computing on the main thread: ${err.message}`);
      return [] as TypeResult[];
    });
    if (p) this.assignment(p);
    // A worker that has not begun within a second (starting up, or gone) is not waited for
    // longer: this thread then takes every type itself.
    await queue.workerStarted(1000);
    for (let t = queue.takeBack(); t >= 0; t = queue.takeBack()) this.typeResult(t);
    const results = await fromWorker;
    for (const r of results) this.typeResults[r.type] ??= r;
    // types the worker took but did not return (it failed) are computed here
    for (const t of missing) this.typeResult(t);
    return results.length;
  }

  private typeResult(t: number): TypeResult {
    let r = this.typeResults[t];
    if (!r) {
      r = serviceTypeTask(this.attachable(), t);
      this.typeResults[t] = r;
    }
    return r;
  }

  /** What the worker needs of the index: the parts that service types are computed from. */
  private attachable(): AttachedDataset {
    const { villageXyz, villageClusters, unitStart, unitEnd, serviceByType } = this.index;
    return { villageXyz, villageClusters, unitStart, unitEnd, serviceByType };
  }
}

const workerKey = (p: WorkerParams) => `${p.workerReachKm}|${p.enforceCapacity}|${p.capacityOverride}`;
export const standardsOf = (p: AnalysisParams): number[] => SERVICE_TYPES.map((t) => p.standardsKm[t]);

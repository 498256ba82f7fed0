import type { DatasetIndex } from '../dataset_index.ts';
import type { UnitDistanceStats } from '../distance_stats.ts';

/**
 * Messages between the main thread and the engine worker. A dataset is attached once (its
 * index is copied to the worker); after that, requests name it by key.
 */
export type AttachedDataset = Pick<DatasetIndex, 'villageXyz' | 'villageClusters' | 'unitStart' | 'unitEnd' | 'serviceByType'>;

export interface TypesRequest {
  id: number;
  key: string;
  /** present the first time a dataset is used in this worker */
  attach?: AttachedDataset;
  types: number[];
}

export interface TypeResult {
  type: number;
  nearest: Int32Array;
  km: Float64Array;
  stats: UnitDistanceStats;
}

export type WorkerReply = { id: number; results: TypeResult[] } | { id: number; error: string };

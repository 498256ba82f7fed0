import type { DatasetIndex } from '../dataset_index.ts';
import type { UnitDistanceStats } from '../distance_stats.ts';

/**
 * Messages between the main thread and the engine worker. A dataset is attached once (its
 * index arrays live on shared memory, so nothing is copied); after that, requests name it by
 * key. The types to compute come as a queue shared with the main thread (see TypeQueue).
 */
export type AttachedDataset = Pick<DatasetIndex, 'villageXyz' | 'villageClusters' | 'unitStart' | 'unitEnd' | 'serviceByType'>;

export interface TypesRequest {
  id: number;
  key: string;
  /** present the first time a dataset is used in this worker */
  attach?: AttachedDataset;
  /** the queue's types, most work first, and its shared state */
  types: number[];
  queue: Int32Array;
}

export interface TypeResult {
  type: number;
  nearest: Int32Array;
  km: Float64Array;
  stats: UnitDistanceStats;
}

export type WorkerReply = { id: number; results: TypeResult[] } | { id: number; error: string };

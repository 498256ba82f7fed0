import type { DatasetIndex } from '../dataset_index.ts';
import { distanceStats } from '../distance_stats.ts';
import { nearestServiceOfType } from '../nearest_services.ts';
import type { AttachedDataset, TypeResult } from './protocol.ts';

/** Nearest service of one type for every village and its distance statistics per unit: the unit of work shared between threads. */
export function serviceTypeTask(d: AttachedDataset, type: number): TypeResult {
  const { nearest, km } = nearestServiceOfType(d as DatasetIndex, type);
  return { type, nearest, km, stats: distanceStats(km, d.unitStart, d.unitEnd) };
}

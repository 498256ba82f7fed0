import type { DatasetIndex } from './dataset_index.ts';
import { batchNearest } from './batch_nearest.ts';

/** Per service type (SERVICE_TYPES order): each village's nearest service point and its distance. */
export interface ServiceDistances {
  /** service index (into ServiceColumns), -1 when the type has no service point */
  nearest: Int32Array[];
  /** great-circle km, Infinity when the type has no service point */
  km: Float64Array[];
}

/** Nearest service point of one type for every village, as a service index (-1 when none) and km. */
export function nearestServiceOfType(index: DatasetIndex, type: number): { nearest: Int32Array; km: Float64Array } {
  const { ids, grid } = index.serviceByType[type];
  const n = index.villageXyz.length / 3;
  const nearest = new Int32Array(n);
  const km = new Float64Array(n);
  batchNearest(grid, index.villageXyz, index.villageClusters, Infinity, nearest, km);
  for (let i = 0; i < n; i++) if (nearest[i] >= 0) nearest[i] = ids[nearest[i]];
  return { nearest, km };
}

/**
 * Nearest service point of every type for every village: exact, batched by township
 * (see batchNearest).
 *
 * @example
 * const d = nearestServices(buildDatasetIndex(columns));
 * d.km[SERVICE_TYPES.indexOf('school')][villageIndex] // km to the nearest school
 */
export function nearestServices(index: DatasetIndex): ServiceDistances {
  const results = index.serviceByType.map((_, t) => nearestServiceOfType(index, t));
  return { nearest: results.map((r) => r.nearest), km: results.map((r) => r.km) };
}

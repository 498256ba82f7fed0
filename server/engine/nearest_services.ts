import type { VillageColumns } from './columns.ts';
import type { DatasetIndex } from './dataset_index.ts';
import { batchNearest } from './batch_nearest.ts';

/** Per service type (SERVICE_TYPES order): each village's nearest service point and its distance. */
export interface ServiceDistances {
  /** service index (into ServiceColumns), -1 when the type has no service point */
  nearest: Int32Array[];
  /** great-circle km, Infinity when the type has no service point */
  km: Float64Array[];
}

/**
 * Nearest service point of every type for every village: exact, batched by township
 * (see batchNearest).
 *
 * @example
 * const d = nearestServices(columns.villages, buildDatasetIndex(columns));
 * d.km[SERVICE_TYPES.indexOf('school')][villageIndex] // km to the nearest school
 */
export function nearestServices(villages: VillageColumns, index: DatasetIndex): ServiceDistances {
  const n = villages.count;
  const result: ServiceDistances = { nearest: [], km: [] };
  for (const { ids, grid, xyz } of index.serviceByType) {
    const nearestId = new Int32Array(n);
    const km = new Float64Array(n);
    batchNearest(grid, xyz, index.villageXyz, index.villageClusters, Infinity, nearestId, km);
    for (let i = 0; i < n; i++) if (nearestId[i] >= 0) nearestId[i] = ids[nearestId[i]];
    result.nearest.push(nearestId);
    result.km.push(km);
  }
  return result;
}

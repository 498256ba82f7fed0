import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { STATUS_SERVED, type WorkerAssignment } from './assign_workers.ts';
import type { DatasetColumns } from './columns.ts';

export interface CatchmentProps {
  workerId: string;
  villages: number;
  caseload: number;
  /** vulnerable children in every village that looks to the worker, served or not: over capacity when above capacity */
  demand: number;
  capacity: number;
}

/** Villages per worker (those they serve), as compressed rows: one counting sort. */
export function villagesByWorker(assignment: WorkerAssignment, workerCount: number): { start: Uint32Array; villages: Int32Array } {
  const start = new Uint32Array(workerCount + 1);
  const { worker, status } = assignment;
  for (let i = 0; i < worker.length; i++) if (worker[i] >= 0 && status[i] === STATUS_SERVED) start[worker[i] + 1]++;
  for (let w = 0; w < workerCount; w++) start[w + 1] += start[w];
  const fill = start.slice(0, workerCount);
  const villages = new Int32Array(start[workerCount]);
  for (let i = 0; i < worker.length; i++) if (worker[i] >= 0 && status[i] === STATUS_SERVED) villages[fill[worker[i]]++] = i;
  return { start, villages };
}

/** Half a kilometre around the points: a worker's home alone still shows as an area. */
const MARGIN_KM = 0.5;

/**
 * A display polygon per worker: the convex hull of their home and the villages they serve,
 * widened by half a kilometre (Turf). For maps, not for analysis: distances are computed exactly.
 */
export function workerCatchments(
  { villages, workers }: DatasetColumns,
  assignment: WorkerAssignment,
  workerIds: Iterable<number>,
): FeatureCollection<Polygon | MultiPolygon, CatchmentProps> {
  const byWorker = villagesByWorker(assignment, workers.count);
  const features: Feature<Polygon | MultiPolygon, CatchmentProps>[] = [];
  for (const w of workerIds) {
    const points = [turf.point([workers.lon[w], workers.lat[w]])];
    for (let k = byWorker.start[w]; k < byWorker.start[w + 1]; k++) {
      const i = byWorker.villages[k];
      points.push(turf.point([villages.lon[i], villages.lat[i]]));
    }
    const hull = turf.convex(turf.featureCollection(points));
    const shape = hull ?? (points.length > 1 ? turf.lineString(points.map((p) => p.geometry.coordinates)) : points[0]);
    const area = turf.buffer(shape, MARGIN_KM, { units: 'kilometers', steps: 8 });
    if (!area) continue;
    features.push({
      type: 'Feature',
      properties: {
        workerId: workers.id[w],
        villages: byWorker.start[w + 1] - byWorker.start[w],
        caseload: assignment.caseload[w],
        demand: assignment.demand[w],
        capacity: assignment.capacity[w],
      },
      geometry: area.geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}

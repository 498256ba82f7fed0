import { VILLAGE_FLAGS } from '../domain/import.ts';
import type { AdminColumns, VillageColumns, WorkerColumns } from './columns.ts';
import { haversineKm } from './geo.ts';
import { containsPoint, type PolygonIndex } from './polygon_index.ts';

/**
 * Signs that a dataset's figures or positions are wrong, per village and per worker: a village
 * outside its own township or county area, two villages on the same spot, a village with no
 * people, a worker far from the villages on their roster. Pure: typed arrays in, typed arrays out.
 */
export interface QualityAreas {
  townships: PolygonIndex | null;
  counties: PolygonIndex | null;
}

export interface DataQuality {
  /** VILLAGE_FLAGS bits per village */
  villageFlags: Uint8Array;
  /** 1 when a roster village lies farther than the threshold from the worker */
  workerFar: Uint8Array;
  /** distance to the farthest roster village, km (NaN with no roster village known) */
  workerFarthestKm: Float64Array;
  counts: { outsideTownship: number; outsideCounty: number; duplicatePosition: number; zeroPopulation: number; workersFar: number };
}

/** Positions closer than this (degrees, about 1 m) count as the same spot. */
export const SAME_SPOT_DEG = 1e-5;

/** Each admin unit's area in a polygon index, by unit index (-1: none). */
function areaOfUnit(admin: AdminColumns, areas: PolygonIndex | null): Int32Array {
  const out = new Int32Array(admin.count).fill(-1);
  if (areas) for (let u = 0; u < admin.count; u++) out[u] = areas.index.get(admin.code[u]) ?? -1;
  return out;
}

export function dataQuality(admin: AdminColumns, villages: VillageColumns, workers: WorkerColumns, areas: QualityAreas, workerFarKm: number): DataQuality {
  const n = villages.count;
  const flags = new Uint8Array(n);
  const townshipArea = areaOfUnit(admin, areas.townships);
  const countyArea = areaOfUnit(admin, areas.counties);
  const counts = { outsideTownship: 0, outsideCounty: 0, duplicatePosition: 0, zeroPopulation: 0, workersFar: 0 };
  // a village's township is known from its code; its county is the township's parent
  const sameSpot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const lon = villages.lon[i], lat = villages.lat[i];
    const t = villages.township[i];
    if (t >= 0) {
      const ta = townshipArea[t];
      if (ta >= 0 && !containsPoint(areas.townships!, ta, lon, lat)) flags[i] |= VILLAGE_FLAGS.outsideTownship;
      const c = admin.parent[t];
      const ca = c >= 0 ? countyArea[c] : -1;
      if (ca >= 0 && !containsPoint(areas.counties!, ca, lon, lat)) flags[i] |= VILLAGE_FLAGS.outsideCounty;
    }
    if (villages.population[i] === 0) flags[i] |= VILLAGE_FLAGS.zeroPopulation;
    // one number per 1 m cell: exact in a double (|x| < 1.8e7, |y| < 9e6)
    const key = Math.round(lon / SAME_SPOT_DEG) * 2e7 + Math.round(lat / SAME_SPOT_DEG);
    const first = sameSpot.get(key);
    if (first === undefined) sameSpot.set(key, i);
    else {
      flags[first] |= VILLAGE_FLAGS.duplicatePosition;
      flags[i] |= VILLAGE_FLAGS.duplicatePosition;
    }
  }
  for (let i = 0; i < n; i++) {
    if (flags[i] & VILLAGE_FLAGS.outsideTownship) counts.outsideTownship++;
    if (flags[i] & VILLAGE_FLAGS.outsideCounty) counts.outsideCounty++;
    if (flags[i] & VILLAGE_FLAGS.duplicatePosition) counts.duplicatePosition++;
    if (flags[i] & VILLAGE_FLAGS.zeroPopulation) counts.zeroPopulation++;
  }

  const far = new Uint8Array(workers.count);
  const farthest = new Float64Array(workers.count).fill(NaN);
  for (let w = 0; w < workers.count; w++) {
    let max = -1;
    for (let r = workers.rosterStart[w]; r < workers.rosterStart[w + 1]; r++) {
      const v = workers.rosterVillage[r];
      if (v < 0) continue;
      const d = haversineKm(workers.lon[w], workers.lat[w], villages.lon[v], villages.lat[v]);
      if (d > max) max = d;
    }
    if (max >= 0) farthest[w] = max;
    if (max > workerFarKm) {
      far[w] = 1;
      counts.workersFar++;
    }
  }
  return { villageFlags: flags, workerFar: far, workerFarthestKm: farthest, counts };
}

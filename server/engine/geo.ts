import { sharedFloat64 } from './parallel/shared_arrays.ts';

/** Mean Earth radius, the one Turf uses, so our distances agree with turf.distance. */
export const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Unit vectors on the sphere, xyz interleaved: nearest by largest dot product, no trigonometry per pair. */
export function unitVectors(lon: ArrayLike<number>, lat: ArrayLike<number>): Float64Array {
  const xyz = sharedFloat64(lon.length * 3);
  for (let i = 0; i < lon.length; i++) {
    const la = lat[i] * RAD;
    const lo = lon[i] * RAD;
    const c = Math.cos(la);
    xyz[3 * i] = c * Math.cos(lo);
    xyz[3 * i + 1] = c * Math.sin(lo);
    xyz[3 * i + 2] = Math.sin(la);
  }
  return xyz;
}

/** Great-circle distance from the dot product of two unit vectors (stable for small distances). */
export function dotToKm(dot: number): number {
  // chord length c = sqrt(2 - 2 dot); angle = 2 asin(c / 2)
  const chord = Math.sqrt(Math.max(0, 2 - 2 * dot));
  return 2 * Math.asin(Math.min(1, chord / 2)) * EARTH_RADIUS_KM;
}

/**
 * Great-circle distance between two unit vectors from their chord: exact 0 for the same spot
 * (a dot product can round to just below 1 there) and stable for short distances.
 */
export function chordKm(xyz: Float64Array, i: number, qx: number, qy: number, qz: number): number {
  const dx = xyz[3 * i] - qx, dy = xyz[3 * i + 1] - qy, dz = xyz[3 * i + 2] - qz;
  const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return 2 * Math.asin(Math.min(1, chord / 2)) * EARTH_RADIUS_KM;
}

export function kmToDot(km: number): number {
  const angle = Math.min(Math.PI, km / EARTH_RADIUS_KM);
  return Math.cos(angle);
}

/** Haversine distance in km, the formula turf.distance uses. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
}

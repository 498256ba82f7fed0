/**
 * Shared test helpers for the analysis engine: a seeded PRNG, small DatasetColumns built by hand
 * from plain specs, random specs with awkward cases mixed in, and brute-force distance helpers
 * based on turf.distance.
 */
import * as turf from '@turf/turf';
import { quantile } from 'd3';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import type { AdminColumns, DatasetColumns, ServiceColumns, VillageColumns, WorkerColumns } from '../../../server/engine/columns.ts';

// the generator's seeded PRNG, so every failure can be replayed from its seed
import { mulberry32, type Rng } from '../../../data/generator/prng.ts';
export { mulberry32, type Rng };

export const randInt = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[randInt(rng, items.length)];
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Hand-built columns

export interface VillageSpec {
  /** 12 digits */
  code: string;
  lon: number;
  lat: number;
  population?: number;
  children?: number;
  leftBehind?: number;
  disabled?: number;
  orphaned?: number;
  difficult?: number;
  /** 0 when not covered */
  coveredSince?: number;
}

export interface WorkerSpec {
  id?: string;
  /** index of the home village (in the villages as given, which are sorted by code), -1 if unknown */
  home: number;
  lon: number;
  lat: number;
  capacity: number;
  /** village indices, in roster order */
  roster: number[];
  startYear?: number;
}

export interface ServiceSpec {
  /** index into SERVICE_TYPES */
  type: number;
  lon: number;
  lat: number;
  capacity?: number;
  adminCode?: string;
}

export interface DatasetSpec {
  /** must be sorted by code, codes unique: the engine relies on it */
  villages: VillageSpec[];
  workers?: WorkerSpec[];
  services?: ServiceSpec[];
  /** admin units besides those implied by village codes (they may hold no village) */
  extraUnits?: string[];
  /** when given, admin rows come in shuffled order (parents need not come first) */
  shuffleAdmin?: Rng;
}

const PARENT_LENGTH: Record<number, number> = { 2: 0, 4: 2, 6: 4, 9: 6 };

/** Admin units: every 2, 4, 6 and 9-digit prefix of the village codes, plus `extra`. */
function buildAdmin(villageCodes: string[], extra: string[], rng?: Rng): AdminColumns {
  const set = new Set<string>();
  const add = (code: string) => {
    for (const len of [2, 4, 6, 9]) if (code.length >= len) set.add(code.slice(0, len));
  };
  villageCodes.forEach(add);
  extra.forEach(add);
  let codes = [...set].sort();
  if (rng) codes = shuffle(rng, codes);
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    count: codes.length,
    code: codes,
    name: codes.map((c) => `unit ${c}`),
    level: Uint8Array.from(codes, (c) => [2, 4, 6, 9].indexOf(c.length)),
    parent: Int32Array.from(codes, (c) => (c.length === 2 ? -1 : (index.get(c.slice(0, PARENT_LENGTH[c.length])) ?? -1))),
    index,
  };
}

export function buildColumns(spec: DatasetSpec): DatasetColumns {
  const vs = spec.villages;
  for (let i = 0; i < vs.length; i++) {
    if (!/^\d{12}$/.test(vs[i].code)) throw new Error(`bad village code ${vs[i].code}`);
    if (i > 0 && !(vs[i - 1].code < vs[i].code)) throw new Error(`villages not sorted by unique code at ${i}: ${vs[i - 1].code} ${vs[i].code}`);
  }
  const admin = buildAdmin(
    vs.map((v) => v.code),
    spec.extraUnits ?? [],
    spec.shuffleAdmin,
  );
  const n = vs.length;
  const u32 = (f: (v: VillageSpec) => number | undefined) => Uint32Array.from(vs, (v) => f(v) ?? 0);
  const villages: VillageColumns = {
    count: n,
    code: vs.map((v) => v.code),
    name: vs.map((v) => `village ${v.code}`),
    lon: Float64Array.from(vs, (v) => v.lon),
    lat: Float64Array.from(vs, (v) => v.lat),
    population: u32((v) => v.population),
    children: u32((v) => v.children),
    leftBehind: u32((v) => v.leftBehind),
    disabled: u32((v) => v.disabled),
    orphaned: u32((v) => v.orphaned),
    difficult: u32((v) => v.difficult),
    coveredSince: Uint16Array.from(vs, (v) => v.coveredSince ?? 0),
    township: Int32Array.from(vs, (v) => admin.index.get(v.code.slice(0, 9)) ?? -1),
    index: new Map(vs.map((v, i) => [v.code, i])),
  };

  const ws = spec.workers ?? [];
  const rosterStart = new Uint32Array(ws.length + 1);
  ws.forEach((w, k) => (rosterStart[k + 1] = rosterStart[k] + w.roster.length));
  const workers: WorkerColumns = {
    count: ws.length,
    id: ws.map((w, k) => w.id ?? `W${pad(k, 4)}`),
    home: Int32Array.from(ws, (w) => w.home),
    lon: Float64Array.from(ws, (w) => w.lon),
    lat: Float64Array.from(ws, (w) => w.lat),
    capacity: Uint32Array.from(ws, (w) => w.capacity),
    startYear: Uint16Array.from(ws, (w) => w.startYear ?? 2015),
    rosterStart,
    rosterVillage: Int32Array.from(ws.flatMap((w) => w.roster)),
  };

  const ss = spec.services ?? [];
  const services: ServiceColumns = {
    count: ss.length,
    id: ss.map((_, k) => `S${pad(k, 4)}`),
    name: ss.map((s, k) => `${SERVICE_TYPES[s.type]} ${k}`),
    type: Uint8Array.from(ss, (s) => s.type),
    lon: Float64Array.from(ss, (s) => s.lon),
    lat: Float64Array.from(ss, (s) => s.lat),
    capacity: Uint32Array.from(ss, (s) => s.capacity ?? 100),
    adminCode: ss.map((s) => s.adminCode ?? '11'),
  };
  return { datasetId: 1, admin, villages, workers, services };
}

// ---------------------------------------------------------------------------------------------
// Random specs

/** China's bounding box as the tests use it. */
export const CHINA = { minLon: 73, maxLon: 135, minLat: 18, maxLat: 53 } as const;
/** Points at China's extremes: Xinjiang's west, Hainan's south, Heilongjiang's north and east. */
export const EXTREMES: readonly [number, number][] = [
  [73.5, 39.5],
  [109.5, 18.2],
  [122.5, 53.3],
  [134.7, 48.3],
];

const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

/** lon/lat `km` east of (lon, lat), westwards instead when that would leave China. */
export function eastOf(lon: number, lat: number, km: number): [number, number] {
  const dLon = km / (KM_PER_DEG * Math.cos((lat * Math.PI) / 180));
  return [lon + dLon <= CHINA.maxLon ? lon + dLon : lon - dLon, lat];
}

export type Layout = 'china' | 'box' | 'mixed';

export interface RandomOptions {
  /** villages: 1 .. maxVillages (default 300) */
  maxVillages?: number;
  /** service points per type: 0 .. maxServicesPerType (default 40) */
  maxServicesPerType?: number;
  layout?: Layout;
  /** no workers when false */
  workers?: boolean;
}

const VULNERABLE = ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const;

/**
 * A random dataset spec. Positions are uniform over China, or in one small box, or both; some
 * townships are tight, some spread over China, some split in two parts 500 km apart, some stacked
 * on one spot, some at China's extremes. Services are placed at random, on villages' exact
 * positions and on each other's; some types have none. Workers live in (or near) a village, their
 * rosters list their home first, then neighbours, sometimes a faraway village; some rosters are
 * empty and some villages are on two rosters.
 */
export function randomSpec(rng: Rng, opts: RandomOptions = {}): DatasetSpec {
  const maxVillages = opts.maxVillages ?? 300;
  const maxServices = opts.maxServicesPerType ?? 40;
  const layout: Layout = opts.layout ?? pick(rng, ['china', 'china', 'box', 'mixed'] as const);
  const boxLon = CHINA.minLon + 5 + rng() * (CHINA.maxLon - CHINA.minLon - 10);
  const boxLat = CHINA.minLat + 5 + rng() * (CHINA.maxLat - CHINA.minLat - 10);
  const boxSize = 0.05 + rng() * 0.5;
  const inChina = (): [number, number] => [CHINA.minLon + rng() * (CHINA.maxLon - CHINA.minLon), CHINA.minLat + rng() * (CHINA.maxLat - CHINA.minLat)];
  const inBox = (): [number, number] => [boxLon + rng() * boxSize, boxLat + rng() * boxSize];
  const position = (): [number, number] => (layout === 'china' ? inChina() : layout === 'box' ? inBox() : rng() < 0.5 ? inBox() : inChina());

  const nv = rng() < 0.1 ? 1 : 1 + randInt(rng, maxVillages);

  // townships: codes share provinces, prefectures and counties
  const nt = 1 + randInt(rng, Math.min(nv, 25));
  const townshipCodes = new Set<string>();
  while (townshipCodes.size < nt) {
    townshipCodes.add(pick(rng, ['11', '46', '65', '23']) + pad(1 + randInt(rng, 2), 2) + pad(1 + randInt(rng, 3), 2) + pad(1 + randInt(rng, 5), 3));
  }
  const towns = [...townshipCodes];
  const members = new Map<string, number>(towns.map((t) => [t, 0]));
  const villageCodes: string[] = [];
  for (let i = 0; i < nv; i++) {
    const t = i < towns.length ? towns[i] : pick(rng, towns);
    const serial = members.get(t)! + 1 + randInt(rng, 3); // gaps in serials
    members.set(t, serial);
    villageCodes.push(t + pad(serial, 3));
  }
  villageCodes.sort();

  type Style = 'tight' | 'spread' | 'far' | 'stacked' | 'extreme';
  const styles = new Map<string, { style: Style; centre: [number, number]; far: [number, number]; spread: number }>();
  for (const t of towns) {
    const style = pick(rng, ['tight', 'tight', 'tight', 'tight', 'spread', 'far', 'far', 'stacked', 'extreme'] as const);
    const centre = style === 'extreme' ? pick(rng, EXTREMES) : position();
    styles.set(t, { style, centre, far: eastOf(centre[0], centre[1], 500), spread: 0.005 + rng() * 0.2 });
  }
  const villages: VillageSpec[] = villageCodes.map((code, i) => {
    const s = styles.get(code.slice(0, 9))!;
    let lon: number, lat: number;
    if (s.style === 'spread') [lon, lat] = position();
    else if (s.style === 'stacked') [lon, lat] = s.centre;
    else {
      const c = s.style === 'far' && rng() < 0.5 ? s.far : s.centre;
      const exact = s.style === 'extreme' && rng() < 0.4;
      lon = exact ? c[0] : c[0] + (rng() - 0.5) * s.spread;
      lat = exact ? c[1] : c[1] + (rng() - 0.5) * s.spread;
    }
    const v: VillageSpec = { code, lon, lat };
    let vulnerable = 0;
    for (const k of VULNERABLE) {
      v[k] = rng() < 0.3 ? 0 : randInt(rng, 25);
      vulnerable += v[k]!;
    }
    v.children = vulnerable + randInt(rng, 60);
    v.population = v.children * 3 + randInt(rng, 500);
    v.coveredSince = rng() < 0.4 ? 2010 + randInt(rng, 16) : 0;
    return v;
  });
  // a few villages on another village's exact spot
  for (let i = 1; i < nv; i++) {
    if (rng() < 0.05) {
      const j = randInt(rng, i);
      villages[i].lon = villages[j].lon;
      villages[i].lat = villages[j].lat;
    }
  }

  const services: ServiceSpec[] = [];
  const emptyType = rng() < 0.4 ? randInt(rng, SERVICE_TYPES.length) : -1;
  for (let t = 0; t < SERVICE_TYPES.length; t++) {
    const count = t === emptyType || rng() < 0.1 ? 0 : randInt(rng, maxServices + 1);
    const first = services.length;
    for (let k = 0; k < count; k++) {
      const r = rng();
      let lon: number, lat: number;
      if (r < 0.5) [lon, lat] = position();
      else if (r < 0.75) {
        const v = pick(rng, villages);
        [lon, lat] = [v.lon, v.lat];
      } else if (r < 0.9 && services.length > first) {
        const s = services[first + randInt(rng, services.length - first)];
        [lon, lat] = [s.lon, s.lat];
      } else [lon, lat] = pick(rng, EXTREMES);
      services.push({ type: t, lon, lat, capacity: 50 + randInt(rng, 2000), adminCode: pick(rng, towns) });
    }
  }
  // services of different types interleaved, as ids sort them
  shuffle(rng, services);

  const workers: WorkerSpec[] = [];
  if (opts.workers !== false) {
    const nw = randInt(rng, Math.ceil(nv * 0.6) + 1);
    for (let k = 0; k < nw; k++) {
      const home = rng() < 0.03 ? -1 : randInt(rng, nv);
      let [lon, lat] = home >= 0 ? [villages[home].lon, villages[home].lat] : position();
      if (rng() < 0.2) {
        lon += (rng() - 0.5) * 0.05;
        lat += (rng() - 0.5) * 0.05;
      }
      const roster: number[] = [];
      if (rng() >= 0.1) {
        if (home >= 0) roster.push(home);
        const town = home >= 0 ? villageCodes[home].slice(0, 9) : '';
        for (let e = randInt(rng, 5); e > 0; e--) {
          // a neighbour in the same township, or now and then anywhere
          const j = randInt(rng, nv);
          const v = rng() < 0.85 && town ? nearestSameTown(villageCodes, j, town) : j;
          if (v >= 0 && !roster.includes(v)) roster.push(v);
        }
      }
      workers.push({ home, lon, lat, capacity: 5 + randInt(rng, 150), roster });
    }
  }

  const extraUnits = ['81', `${towns[0].slice(0, 6)}999`];
  return { villages, workers, services, extraUnits, shuffleAdmin: rng };
}

/** A village of `town` (the first at or after j, else the last before it), -1 if none. */
function nearestSameTown(codes: string[], j: number, town: string): number {
  for (let i = j; i < codes.length; i++) if (codes[i].startsWith(town)) return i;
  for (let i = Math.min(j, codes.length - 1); i >= 0; i--) if (codes[i].startsWith(town)) return i;
  return -1;
}

export function randomDataset(seed: number, opts: RandomOptions = {}): DatasetColumns {
  return buildColumns(randomSpec(mulberry32(seed), opts));
}

// ---------------------------------------------------------------------------------------------
// Brute-force references

export const turfKm = (lon1: number, lat1: number, lon2: number, lat2: number): number => turf.distance([lon1, lat1], [lon2, lat2], { units: 'kilometers' });

export interface Nearest {
  index: number;
  km: number;
}

/**
 * Nearest of the points (lon[k], lat[k]) for k in `ids` (default all) to (qlon, qlat) by
 * turf.distance, ties to the lower index; index -1 when none lies within maxKm.
 */
export function bruteNearest(qlon: number, qlat: number, lon: ArrayLike<number>, lat: ArrayLike<number>, maxKm = Infinity, ids?: ArrayLike<number>): Nearest {
  let index = -1;
  let km = Infinity;
  const n = ids ? ids.length : lon.length;
  for (let k = 0; k < n; k++) {
    const p = ids ? ids[k] : k;
    const d = turfKm(qlon, qlat, lon[p], lat[p]);
    if (d <= maxKm && (d < km || (d === km && p < index))) {
      index = p;
      km = d;
    }
  }
  return { index, km };
}

/** Vulnerable children of village i: the four categories added up. */
export const vulnerableOf = (v: VillageColumns, i: number): number => v.leftBehind[i] + v.disabled[i] + v.orphaned[i] + v.difficult[i];

/** Whether two distances (km) tie: equal within a relative 1e-9. */
export const tie = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(a, b);

/** A string describing a seed for assertion messages. */
export const seedMsg = (seed: number, what = ''): string => `seed ${seed}${what ? `: ${what}` : ''}`;

/** Slack (km) around maxKm within which either answer is accepted: rounding, not a wrong search. */
const BOUNDARY_KM = 1e-6;

/**
 * Why `got` is not an acceptable nearest point for the query, or null when it is. Acceptable:
 * the reference's index, or another point at a tying distance (by turf.distance) that is not on
 * the reference's exact spot (points on one spot must go to the lower index); its km within 1 m
 * of turf.distance; -1 exactly when the reference has none within maxKm.
 */
export function nearestMismatch(
  got: Nearest,
  ref: Nearest,
  qlon: number,
  qlat: number,
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  maxKm = Infinity,
): string | null {
  const show = () => `query (${qlon}, ${qlat}): got ${got.index} at ${got.km} km, reference ${ref.index} at ${ref.km} km (maxKm ${maxKm})`;
  if (got.index < 0) {
    if (got.km !== Infinity) return `no point but km ${got.km}; ${show()}`;
    if (ref.index < 0 || ref.km > maxKm - BOUNDARY_KM) return null;
    return `no point found; ${show()}`;
  }
  if (got.index >= lon.length) return `index out of range; ${show()}`;
  const turfGot = turfKm(qlon, qlat, lon[got.index], lat[got.index]);
  if (Math.abs(got.km - turfGot) > 0.001) return `km ${got.km} but turf.distance ${turfGot}; ${show()}`;
  if (ref.index < 0) return turfGot > maxKm - BOUNDARY_KM && turfGot <= maxKm + BOUNDARY_KM ? null : `point beyond maxKm (turf ${turfGot}); ${show()}`;
  if (got.index === ref.index) return null;
  if (!tie(turfGot, ref.km)) return `not the nearest (turf ${turfGot} vs ${ref.km}); ${show()}`;
  if (lon[got.index] === lon[ref.index] && lat[got.index] === lat[ref.index]) return `tie on one spot not broken to the lower index; ${show()}`;
  return null;
}

/** Fails with the first few mismatches (an expect per check would be slow and noisy). */
export class Mismatches {
  readonly list: string[] = [];
  count = 0;
  constructor(readonly context: string) {}
  add(msg: string | null): void {
    if (msg === null) return;
    this.count++;
    if (this.list.length < 8) this.list.push(msg);
  }
  /** message for expect(...).toEqual([]) */
  get report(): string[] {
    return this.list.length ? [`${this.context}: ${this.count} mismatches`, ...this.list] : [];
  }
}

/**
 * d3.quantile, except where d3 gives NaN for Infinity (it computes Infinity - Infinity, or
 * Infinity x 0): there, the value at the quantile position when it falls on an order statistic,
 * else Infinity when either neighbour is Infinity.
 */
export function expectedQuantile(values: number[], p: number): number {
  const q = quantile(values, p);
  if (q === undefined) return NaN;
  if (!Number.isNaN(q)) return q;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (h === lo) return sorted[lo];
  if (sorted[lo] === Infinity || sorted[lo + 1] === Infinity) return Infinity;
  throw new Error(`d3.quantile gave NaN for finite values ${values}`);
}


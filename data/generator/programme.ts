import { type Rng, rngFor, shuffled } from './prng.ts';
import type { LonLat } from './partition.ts';
import { round5 } from './partition.ts';
import type { ServiceType } from '../../server/domain/service.ts';

/**
 * Synthetic programme state: which villages are covered and since when, the workers there, and
 * service points. Made to look like how such a programme grows: pilot villages in every province
 * in 2010, then whole counties joining, the most vulnerable counties first.
 */
export interface GenVillage {
  code: string;
  name: string;
  township: string;
  lon: number;
  lat: number;
  kind: 'rural' | 'urban' | 'other';
  population: number;
  children: number;
  leftBehind: number;
  disabled: number;
  orphaned: number;
  difficult: number;
  coveredSince: number | null;
}

/** Share of the final size reached by the end of each year, 2010-2025. */
const GROWTH: [number, number][] = [
  [2010, 0.002], [2011, 0.004], [2012, 0.007], [2013, 0.011], [2014, 0.017], [2015, 0.026],
  [2016, 0.04], [2017, 0.06], [2018, 0.09], [2019, 0.14], [2020, 0.22], [2021, 0.33],
  [2022, 0.48], [2023, 0.65], [2024, 0.83], [2025, 1.0],
];

/** Within a county that joins, most rural villages get a worker; some wait for later phases. */
const COUNTY_UPTAKE = 0.88;

const vulnerable = (v: GenVillage) => v.leftBehind + v.disabled + v.orphaned + v.difficult;

/**
 * Sets `coveredSince` on about `target` villages. Counties are drawn in a weighted random order
 * (weight: vulnerable children per village; Efraimidis-Spirakis keys), with each province's two
 * first counties moved to the front so that the 2010 pilot spans every province.
 */
export function assignCoverage(seed: number, villages: GenVillage[], target: number): void {
  const byCounty = new Map<string, GenVillage[]>();
  for (const v of villages) {
    const county = v.code.slice(0, 6);
    const list = byCounty.get(county) ?? [];
    list.push(v);
    byCounty.set(county, list);
  }
  const keyed = [...byCounty].map(([county, list]) => {
    const weight = list.reduce((s, v) => s + vulnerable(v), 0) / list.length + 1;
    return { county, list, key: Math.pow(rngFor(seed, `county-order:${county}`)(), 1 / weight) };
  });
  keyed.sort((a, b) => b.key - a.key || (a.county < b.county ? -1 : 1));
  const firstInProvince = new Map<string, number>();
  const pilots = keyed.filter((c) => {
    const p = c.county.slice(0, 2);
    const n = firstInProvince.get(p) ?? 0;
    firstInProvince.set(p, n + 1);
    return n < 2;
  });
  const order = [...pilots, ...keyed.filter((c) => !pilots.includes(c))];

  let covered = 0;
  let year = 0;
  for (const { county, list } of order) {
    const rng = rngFor(seed, `county-villages:${county}`);
    const eligible = shuffled(list.filter((v) => v.kind !== 'urban'), rng);
    for (const v of eligible.slice(0, Math.round(eligible.length * COUNTY_UPTAKE))) {
      if (covered >= target) return;
      while (covered >= GROWTH[year][1] * target) year++;
      v.coveredSince = GROWTH[year][0];
      covered++;
    }
  }
}

export interface GenWorker {
  id: string;
  homeVillage: string;
  lon: number;
  lat: number;
  roster: string[];
  capacity: number;
  startYear: number;
}

function km(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Chance that a worker also takes on one or two small neighbouring villages. */
const SHARED_WORKER_CHANCE = 0.2;
const SHARED_MAX_KM = 6;

/**
 * One worker per covered village, living there; some serve one or two nearby covered villages
 * of the same township as well, as happens where villages are small.
 */
export function placeWorkers(seed: number, villages: GenVillage[]): GenWorker[] {
  const byTownship = new Map<string, GenVillage[]>();
  for (const v of villages) {
    if (v.coveredSince === null) continue;
    const list = byTownship.get(v.township) ?? [];
    list.push(v);
    byTownship.set(v.township, list);
  }
  const workers: GenWorker[] = [];
  for (const [township, list] of [...byTownship].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rng = rngFor(seed, `workers:${township}`);
    const assigned = new Set<string>();
    for (const home of shuffled(list, rng)) {
      if (assigned.has(home.code)) continue;
      assigned.add(home.code);
      const roster = [home.code];
      if (rng() < SHARED_WORKER_CHANCE) {
        const extra = rng() < 0.7 ? 1 : 2;
        const near = list
          .filter((v) => !assigned.has(v.code) && (v.coveredSince ?? 0) >= home.coveredSince!)
          .map((v) => ({ v, d: km([home.lon, home.lat], [v.lon, v.lat]) }))
          .filter((x) => x.d <= SHARED_MAX_KM)
          .sort((a, b) => a.d - b.d || (a.v.code < b.v.code ? -1 : 1))
          .slice(0, extra);
        for (const { v } of near) {
          assigned.add(v.code);
          roster.push(v.code);
        }
      }
      workers.push({
        id: `W${home.code}`,
        homeVillage: home.code,
        lon: home.lon,
        lat: home.lat,
        roster,
        capacity: 60 + 15 * Math.floor(rng() * 5),
        startYear: home.coveredSince!,
      });
    }
  }
  return workers.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface GenServicePoint {
  id: string;
  type: ServiceType;
  name: string;
  lon: number;
  lat: number;
  capacity: number;
  adminCode: string;
}

interface Seat {
  code: string;
  name: string;
  seat: LonLat;
}

/** A point a few hundred metres to a few kilometres from a seat: services are not all in one building. */
function near(rng: Rng, [lon, lat]: LonLat, maxKm: number): LonLat {
  const r = (maxKm * Math.sqrt(rng())) / 111.32;
  const a = rng() * 2 * Math.PI;
  return [round5(lon + (r * Math.cos(a)) / Math.cos((lat * Math.PI) / 180)), round5(lat + r * Math.sin(a))];
}

/**
 * Service points at realistic densities: a child-protection station and a health centre in every
 * township, police in most; primary schools in the township seat and in about one village in
 * four (more in large villages); in every county a child welfare institution and a disability
 * rehabilitation centre, two in large counties.
 */
export function placeServices(
  seed: number,
  counties: Seat[],
  townships: Seat[],
  villages: GenVillage[],
  villagesPerCounty: Map<string, number>,
): GenServicePoint[] {
  const points: GenServicePoint[] = [];
  const add = (type: ServiceType, adminCode: string, name: string, at: LonLat, capacity: number, n = 0) =>
    points.push({ id: `${type}-${adminCode}${n ? `-${n}` : ''}`, type, name, lon: at[0], lat: at[1], capacity, adminCode });

  for (const t of townships) {
    const rng = rngFor(seed, `services:${t.code}`);
    add('station', t.code, `${t.name}未成年人保护工作站`, t.seat, 300);
    add('health', t.code, `${t.name}卫生院`, near(rng, t.seat, 1.5), 3000);
    add('school', t.code, `${t.name}中心小学`, near(rng, t.seat, 1), 600);
    if (rng() < 0.85) add('police', t.code, `${t.name}派出所`, near(rng, t.seat, 1), 5000);
  }
  for (const v of villages) {
    if (v.kind === 'urban') continue;
    const rng = rngFor(seed, `school:${v.code}`);
    if (rng() < (v.population > 1800 ? 0.55 : 0.18)) add('school', v.code, `${v.name.replace(/(村民委员会|村委会|委员会)$/, '')}小学`, near(rng, [v.lon, v.lat], 0.5), 200);
  }
  const townshipsByCounty = new Map<string, Seat[]>();
  for (const t of townships) {
    const list = townshipsByCounty.get(t.code.slice(0, 6)) ?? [];
    list.push(t);
    townshipsByCounty.set(t.code.slice(0, 6), list);
  }
  for (const c of counties) {
    const rng = rngFor(seed, `county-services:${c.code}`);
    add('welfare', c.code, `${c.name}儿童福利中心`, near(rng, c.seat, 2), 150);
    add('disability', c.code, `${c.name}残疾儿童康复中心`, near(rng, c.seat, 2), 60);
    const inCounty = townshipsByCounty.get(c.code) ?? [];
    if ((villagesPerCounty.get(c.code) ?? 0) > 250 && inCounty.length > 1) {
      const other = inCounty[1 + Math.floor(rng() * (inCounty.length - 1))];
      add('disability', c.code, `${other.name}残疾儿童康复站`, near(rng, other.seat, 1), 40, 2);
    }
  }
  return points.sort((a, b) => (a.id < b.id ? -1 : 1));
}

import { ADMIN_LEVELS, SERVICE_TYPES, type AdminLevel, type ServiceType } from '../domain/index.ts';
import type { DatasetColumns } from '../engine/columns.ts';
import type { Db } from './db.ts';

/** Reads one dataset version from SQLite straight into typed columns (no row objects kept). */
export function readColumns(db: Db, datasetId: number): DatasetColumns {
  const unitRows = db
    .prepare('SELECT code, name, level, parent_code FROM admin_unit WHERE dataset_id = ? ORDER BY code')
    .raw()
    .all(datasetId) as [string, string, AdminLevel, string | null][];
  const admin = {
    count: unitRows.length,
    code: unitRows.map((r) => r[0]),
    name: unitRows.map((r) => r[1]),
    level: Uint8Array.from(unitRows, (r) => ADMIN_LEVELS.indexOf(r[2])),
    parent: new Int32Array(unitRows.length),
    index: new Map(unitRows.map((r, i) => [r[0], i])),
  };
  unitRows.forEach((r, i) => (admin.parent[i] = r[3] === null ? -1 : (admin.index.get(r[3]) ?? -1)));

  const n = (db.prepare('SELECT COUNT(*) AS n FROM village WHERE dataset_id = ?').get(datasetId) as { n: number }).n;
  const villages = {
    count: n,
    code: new Array<string>(n),
    name: new Array<string>(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    population: new Uint32Array(n),
    children: new Uint32Array(n),
    leftBehind: new Uint32Array(n),
    disabled: new Uint32Array(n),
    orphaned: new Uint32Array(n),
    difficult: new Uint32Array(n),
    coveredSince: new Uint16Array(n),
    township: new Int32Array(n),
    index: new Map<string, number>(),
  };
  let i = 0;
  for (const r of db
    .prepare(
      'SELECT code, name, lon, lat, population, children, left_behind, disabled, orphaned, difficult, covered_since FROM village WHERE dataset_id = ? ORDER BY code',
    )
    .raw()
    .iterate(datasetId) as IterableIterator<[string, string, number, number, number, number, number, number, number, number, number | null]>) {
    villages.code[i] = r[0];
    villages.name[i] = r[1];
    villages.lon[i] = r[2];
    villages.lat[i] = r[3];
    villages.population[i] = r[4];
    villages.children[i] = r[5];
    villages.leftBehind[i] = r[6];
    villages.disabled[i] = r[7];
    villages.orphaned[i] = r[8];
    villages.difficult[i] = r[9];
    villages.coveredSince[i] = r[10] ?? 0;
    villages.township[i] = admin.index.get(r[0].slice(0, 9)) ?? -1;
    villages.index.set(r[0], i);
    i++;
  }

  const workerRows = db
    .prepare('SELECT id, home_village, lon, lat, capacity, start_year FROM worker WHERE dataset_id = ? ORDER BY id')
    .raw()
    .all(datasetId) as [string, string, number, number, number, number][];
  const workerIndex = new Map(workerRows.map((r, w) => [r[0], w]));
  const rosterRows = db
    .prepare('SELECT worker_id, village_code FROM worker_village WHERE dataset_id = ? ORDER BY worker_id, position')
    .raw()
    .all(datasetId) as [string, string][];
  const rosterStart = new Uint32Array(workerRows.length + 1);
  for (const [id] of rosterRows) rosterStart[workerIndex.get(id)! + 1]++;
  for (let w = 0; w < workerRows.length; w++) rosterStart[w + 1] += rosterStart[w];
  const workers = {
    count: workerRows.length,
    id: workerRows.map((r) => r[0]),
    home: Int32Array.from(workerRows, (r) => villages.index.get(r[1]) ?? -1),
    lon: Float64Array.from(workerRows, (r) => r[2]),
    lat: Float64Array.from(workerRows, (r) => r[3]),
    capacity: Uint32Array.from(workerRows, (r) => r[4]),
    startYear: Uint16Array.from(workerRows, (r) => r[5]),
    rosterStart,
    rosterVillage: Int32Array.from(rosterRows, (r) => villages.index.get(r[1]) ?? -1),
  };

  const serviceRows = db
    .prepare('SELECT id, name, type, lon, lat, capacity, admin_code FROM service_point WHERE dataset_id = ? ORDER BY id')
    .raw()
    .all(datasetId) as [string, string, ServiceType, number, number, number, string][];
  const services = {
    count: serviceRows.length,
    id: serviceRows.map((r) => r[0]),
    name: serviceRows.map((r) => r[1]),
    type: Uint8Array.from(serviceRows, (r) => SERVICE_TYPES.indexOf(r[2])),
    lon: Float64Array.from(serviceRows, (r) => r[3]),
    lat: Float64Array.from(serviceRows, (r) => r[4]),
    capacity: Uint32Array.from(serviceRows, (r) => r[5]),
    adminCode: serviceRows.map((r) => r[6]),
  };
  return { datasetId, admin, villages, workers, services };
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/store/db.ts';
import { openDefaultDb } from './default_db.ts';

/** The HTTP server over a real socket, with the default dataset loaded in memory. */
let db: Db;
let datasetId: number;
let server: Server;
let base: string;

beforeAll(async () => {
  ({ db, datasetId } = openDefaultDb());
  ({ server } = createApp({
    db,
    client: (_req, res) => {
      res.statusCode = 404;
      res.setHeader('x-client', 'dummy');
      res.end();
    },
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  db?.close();
});

describe('GET /api/layers/villages.arrow', () => {
  it('sends every village as Arrow: lon/lat in range and coverage years as stored', async () => {
    const res = await fetch(`${base}/api/layers/villages.arrow`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    const { n, covered } = db
      .prepare('SELECT COUNT(*) AS n, COUNT(covered_since) AS covered FROM village WHERE dataset_id = ?')
      .get(datasetId) as { n: number; covered: number };
    expect(table.numRows).toBe(n);
    expect(table.numRows).toBe(138_294);
    const lon = table.getChild('lon')!.toArray() as Float32Array;
    const lat = table.getChild('lat')!.toArray() as Float32Array;
    const year = table.getChild('coveredSince')!.toArray() as Uint16Array;
    // the five provinces lie between 73 and 117 °E, 21 and 50 °N
    expect(lon.every((x) => x >= 73 && x <= 117)).toBe(true);
    expect(lat.every((y) => y >= 21 && y <= 50)).toBe(true);
    expect(year.filter((y) => y > 0).length).toBe(covered);
    expect(year.every((y) => y === 0 || (y >= 2010 && y <= 2025))).toBe(true);
  });

  it('puts rows in village-code order, so row i is the i-th village', async () => {
    const table = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/layers/villages.arrow?dataset=${datasetId}`)).arrayBuffer()));
    const first = db.prepare('SELECT lon, lat FROM village WHERE dataset_id = ? ORDER BY code LIMIT 1').get(datasetId) as { lon: number; lat: number };
    expect(table.getChild('lon')!.get(0)).toBeCloseTo(first.lon, 4);
    expect(table.getChild('lat')!.get(0)).toBeCloseTo(first.lat, 4);
  });

  it('answers 404 for a well-formed dataset id that does not exist, as the boundaries and tRPC do', async () => {
    expect((await fetch(`${base}/api/layers/villages.arrow?dataset=${datasetId + 1000}`)).status).toBe(404);
  });

  it('answers 400 for a dataset that is not a positive integer', async () => {
    for (const q of ['abc', '0', '-1', '1.5']) expect((await fetch(`${base}/api/layers/villages.arrow?dataset=${q}`)).status, q).toBe(400);
  });
});

describe('GET /api/boundaries/:layer.geojson', () => {
  it('sends the provinces as a FeatureCollection with all five demonstration provinces', async () => {
    const res = await fetch(`${base}/api/boundaries/provinces.geojson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const fc = (await res.json()) as { type: string; features: { type: string; properties: { code: string }; geometry: { type: string } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.every((f) => f.type === 'Feature' && ['Polygon', 'MultiPolygon'].includes(f.geometry.type))).toBe(true);
    const codes = fc.features.map((f) => f.properties.code);
    for (const p of ['14', '41', '51', '53', '65']) expect(codes).toContain(p);
  });

  it('gzips a large layer for a client that accepts it', async () => {
    const res = await fetch(`${base}/api/boundaries/townships.geojson`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { features: unknown[] }).features.length).toBe(9915);
  });

  it('answers 404 for an unknown layer or an unknown dataset', async () => {
    expect((await fetch(`${base}/api/boundaries/nope.geojson`)).status).toBe(404);
    expect((await fetch(`${base}/api/boundaries/provinces.geojson?dataset=${datasetId + 1000}`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers 404 for an unknown /api path without calling the client handler', async () => {
    const res = await fetch(`${base}/api/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-client')).toBeNull();
  });

  it('passes non-API paths to the client handler', async () => {
    const res = await fetch(`${base}/some/page`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-client')).toBe('dummy');
  });
});

describe('GET /trpc', () => {
  it('answers units.summary with the whole dataset', async () => {
    const res = await fetch(`${base}/trpc/units.summary`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { villages: number; coveredVillages: number; level: string } } };
    expect(body.result.data).toMatchObject({ villages: 138_294, coveredVillages: 59_000, level: 'dataset' });
  });

  it('answers units.children for a province, with the input in the query string', async () => {
    const input = encodeURIComponent(JSON.stringify({ code: '53' }));
    const body = (await (await fetch(`${base}/trpc/units.children?input=${input}`)).json()) as { result: { data: { code: string }[] } };
    expect(body.result.data.length).toBeGreaterThan(0);
    expect(body.result.data.every((u) => u.code.startsWith('53') && u.code.length === 4)).toBe(true);
  });

  it('answers 404 for an unknown unit and 400 for a malformed one', async () => {
    const get = (code: string) => fetch(`${base}/trpc/units.summary?input=${encodeURIComponent(JSON.stringify({ code }))}`);
    expect((await get('99')).status).toBe(404);
    expect((await get('12x')).status).toBe(400);
  });
});

describe('GET /api/layers/analysis.arrow', () => {
  it('sends the columns asked for, one value per village in village order', async () => {
    const res = await fetch(`${base}/api/layers/analysis.arrow?columns=status,km_school,need`);
    expect(res.status).toBe(200);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['status', 'km_school', 'need']);
    expect(table.numRows).toBe(138294);
    const status = table.getChild('status')!.toArray() as Uint8Array;
    expect(status.every((s) => s <= 2)).toBe(true);
    // the first village (140105001001) is an urban community without a worker on any roster
    const caller = (await import('./trpc/caller.ts')).callerFor(db);
    const card = await caller.analysis.village({ code: '140105001001' });
    expect(['served', 'overCapacity', 'notCovered'][status[0]]).toBe(card.status);
    expect((table.getChild('km_school')!.toArray() as Float32Array)[0]).toBeCloseTo(card.services.school!.km, 3);
  });

  it('follows the parameters in the query', async () => {
    const params = encodeURIComponent(JSON.stringify({ workerReachKm: 0, enforceCapacity: false }));
    const table = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/layers/analysis.arrow?params=${params}`)).arrayBuffer()));
    const status = table.getChild('status')!.toArray() as Uint8Array;
    const covered = (db.prepare('SELECT COUNT(covered_since) AS n FROM village').get() as { n: number }).n;
    expect(status.filter((s) => s === 0).length).toBe(covered);
  });

  it('answers 400 with the reason for a bad column or bad parameters', async () => {
    for (const q of ['columns=status,bogus', 'params=%7Bnot-json', `params=${encodeURIComponent('{"workerReachKm":-1}')}`, 'dataset=x']) {
      const res = await fetch(`${base}/api/layers/analysis.arrow?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.text()).length).toBeGreaterThan(5);
    }
  });
});

describe('GET /api/exports/gaps.csv', () => {
  it('exports the ranked gap list of a unit with codes and names, as many rows as the API counts', async () => {
    const res = await fetch(`${base}/api/exports/gaps.csv?code=4101&category=disabled`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('gaps-4101.csv');
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines[0].replace(/^\uFEFF/, '').split(',').slice(0, 3)).toEqual(['rank', 'code', 'name']);
    const caller = (await import('./trpc/caller.ts')).callerFor(db);
    const api = await caller.analysis.gaps({ code: '4101', filter: { category: 'disabled' }, pageSize: 1 });
    expect(lines.length - 1).toBe(api.total);
    expect(lines[1].split(',').slice(0, 3)).toEqual(['1', api.rows[0].code, api.rows[0].name]);
  });

  it('answers 404 for an unknown unit and 400 for an unknown category', async () => {
    expect((await fetch(`${base}/api/exports/gaps.csv?code=4199`)).status).toBe(404);
    expect((await fetch(`${base}/api/exports/gaps.csv?category=happy`)).status).toBe(400);
  });
});

describe('GET /api/layers/services.arrow and workers.arrow', () => {
  it('sends every service point with its type, and every worker with demand over capacity', async () => {
    const services = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/layers/services.arrow`)).arrayBuffer()));
    const serviceCount = (db.prepare('SELECT COUNT(*) AS n FROM service_point').get() as { n: number }).n;
    expect(services.numRows).toBe(serviceCount);
    expect((services.getChild('type')!.toArray() as Uint8Array).every((t) => t <= 5)).toBe(true);
    const workers = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/layers/workers.arrow`)).arrayBuffer()));
    expect(workers.numRows).toBe((db.prepare('SELECT COUNT(*) AS n FROM worker').get() as { n: number }).n);
    const load = workers.getChild('load')!.toArray() as Float32Array;
    expect(load.some((x) => x > 1)).toBe(true);
    expect(load.every((x) => x >= 0)).toBe(true);
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { defaultSecurityConfig } from '../../../server/auth/config.ts';
import type { SessionUser } from '../../../server/domain/user.ts';
import { readDatasetDir } from '../../../server/ingest/read_dataset_dir.ts';
import { insertDataset } from '../../../server/store/datasets.ts';
import type { Db } from '../../../server/store/db.ts';
import { DEFAULT_DATASET_DIR } from '../../../server/store/seed_default.ts';
import { createServices } from '../../../server/trpc/context.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** What donors and snapshot links receive: unit-level reach, small counts withheld, frozen snapshots. */
const VIEWER: SessionUser = { id: 7, name: 'donor', role: 'viewer' };
const PLANNER: SessionUser = { id: 8, name: 'planner', role: 'planner' };
const COUNT_KEYS = new Set(['villages', 'coveredVillages', 'workers', 'children', 'leftBehind', 'disabled', 'orphaned', 'difficult', 'counties', 'coveredCounties', 'newVillages', 'cumulativeVillages', 'sites', 'villagesServed']);

/**
 * Walks a payload as the client receives it (JSON) and fails on anything a viewer must not get:
 * a count between 0 and the threshold, a village code, a position. Returns how many counts it
 * found withheld, so a test can tell the check was not vacuous.
 */
function assertViewerSafe(payload: unknown, threshold: number): number {
  let withheld = 0;
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key));
    if (value && typeof value === 'object') {
      // a share beside a village count would give away a withheld covered-village count
      const o = value as Record<string, unknown>;
      if ('coveredShare' in o && (typeof o.coveredVillages === 'string' || typeof o.villages === 'string')) expect(o.coveredShare, `${String(o.code)}: share of withheld counts`).toBeNull();
      return Object.entries(value).forEach(([k, v]) => walk(v, k));
    }
    expect(['lon', 'lat', 'coordinates'], `a position (${key}) in a viewer payload`).not.toContain(key);
    if (typeof value === 'string') {
      expect(value, `a village code in ${key}`).not.toMatch(/^\d{12}$/);
      if (value === `<${threshold}`) withheld++;
    }
    if (typeof value === 'number' && COUNT_KEYS.has(key)) expect(value === 0 || value >= threshold, `${key} = ${value} sent to a viewer`).toBe(true);
  };
  walk(JSON.parse(JSON.stringify(payload)), '');
  return withheld;
}

let db: Db;
beforeAll(() => {
  db = openDefaultDb().db;
});

describe('reach.summary', () => {
  it('gives planners the exact figures, equal to the analysis', async () => {
    const planner = callerFor(db, PLANNER);
    const reach = await planner.reach.summary();
    const { unit } = await planner.analysis.coverage();
    expect(reach.protected).toBe(false);
    expect(reach.headline.villages).toBe(unit.villages);
    expect(reach.headline.coveredVillages).toBe(unit.coveredVillages);
    expect(reach.headline.children).toBe(unit.reached.children);
    expect(reach.headline.orphaned).toBe(unit.reached.orphaned);
    expect(reach.byProvince).toHaveLength(5);
    expect(reach.byCounty.reduce((s, c) => s + (c.villages as number), 0)).toBe(unit.villages);
    expect(reach.growth.at(-1)!.cumulativeVillages).toBe(unit.coveredVillages);
    expect(reach.dataset.synthetic).toBe(true);
  });

  it("never sends a viewer a count below the threshold, a village code or a position", async () => {
    const viewer = callerFor(db, VIEWER);
    for (const code of [null, '41', '4101']) {
      const reach = await viewer.reach.summary({ code });
      expect(reach.protected).toBe(true);
      const withheld = assertViewerSafe(reach, 5);
      if (code === '4101') expect(withheld, 'some county of Zhengzhou has fewer than 5 of some category').toBeGreaterThan(0);
    }
  });

  it('takes the threshold from the configuration', async () => {
    const services = createServices(db, defaultSecurityConfig({ privacyThreshold: 50 }));
    const reach = await callerFor(db, VIEWER, services).reach.summary({ code: '4101' });
    expect(reach.threshold).toBe(50);
    expect(assertViewerSafe(reach, 50)).toBeGreaterThan(0);
  });

  it('is closed to viewers where figures are exact or village-level', async () => {
    const viewer = callerFor(db, VIEWER);
    expect(await errorCode(viewer.units.summary())).toBe('FORBIDDEN');
    expect(await errorCode(viewer.analysis.coverage())).toBe('FORBIDDEN');
    expect(await errorCode(viewer.planning.served({ scenario: 1 }))).toBe('FORBIDDEN');
  });
});

describe('snapshots', () => {
  it('freeze what a viewer would see; the link shows the same figures after the data changes, and stops when revoked', async () => {
    const planner = callerFor(db, PLANNER);
    const anybody = callerFor(db, null);
    const published = await planner.snapshots.publish({ title: { zh: '郑州覆盖情况', en: 'Coverage in Zhengzhou' }, code: '4101', view: '?code=4101' });
    expect(published.token.length).toBeGreaterThanOrEqual(43);
    const before = await anybody.snapshots.view({ token: published.token });
    expect(before.title.en).toBe('Coverage in Zhengzhou');
    expect(before.reach.unit.code).toBe('4101');
    assertViewerSafe(before, 5);

    // the data changes: a new version where every village of Zhengzhou is covered
    const content = readDatasetDir(DEFAULT_DATASET_DIR);
    content.villages = content.villages.map((v) => (v.code.startsWith('4101') ? { ...v, coveredSince: v.coveredSince ?? 2026 } : v));
    insertDataset(db, content);
    const now = await planner.reach.summary({ code: '4101' });
    expect(now.headline.coveredVillages).not.toEqual(before.reach.headline.coveredVillages);
    expect(await anybody.snapshots.view({ token: published.token })).toEqual(before);

    expect((await planner.snapshots.list()).map((s) => s.id)).toContain(published.id);
    await planner.snapshots.revoke({ id: published.id });
    expect(await errorCode(anybody.snapshots.view({ token: published.token }))).toBe('NOT_FOUND');
    expect(await errorCode(planner.snapshots.revoke({ id: published.id }))).toBe('NOT_FOUND');
    expect(await errorCode(anybody.snapshots.view({ token: 'x'.repeat(43) }))).toBe('NOT_FOUND');
    expect(await errorCode(anybody.snapshots.view({ token: 'short' }))).toBe('BAD_REQUEST');
  });

  it('include a scenario by its totals only', async () => {
    const planner = callerFor(db, PLANNER);
    const { id } = await planner.planning.start({ unit: '410102', target: { kind: 'workers', perPhase: [3] } });
    while ((await planner.planning.status({ id })).progress.state === 'running') await new Promise((r) => setTimeout(r, 20));
    const { id: scenarioId } = await planner.scenarios.save({ job: id, name: 'Three more workers' });
    const s = await planner.snapshots.publish({ title: { zh: '三名新儿童主任', en: 'Three new workers' }, code: '4101', scenarioId });
    const payload = await callerFor(db, null).snapshots.view({ token: s.token });
    expect(payload.scenario!.name).toBe('Three more workers');
    expect(payload.scenario!.sites).toBe('<5');
    assertViewerSafe(payload, 5);
  });
});

describe('snapshot links and boundaries over HTTP', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server } = createApp({ db, security: defaultSecurityConfig({ authMode: 'accounts' }), client: (_req, res) => res.end() }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('lets a live snapshot link read the boundaries of its dataset, and nothing once revoked', async () => {
    const planner = callerFor(db, PLANNER);
    const s = await planner.snapshots.publish({ title: { zh: '全部', en: 'All' } });
    expect((await fetch(`${base}/api/boundaries/provinces.geojson`)).status).toBe(401);
    const res = await fetch(`${base}/api/boundaries/provinces.geojson?snapshot=${s.token}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { features: unknown[] }).features.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/layers/villages.arrow?snapshot=${s.token}`)).status).toBe(401);
    await planner.snapshots.revoke({ id: s.id });
    expect((await fetch(`${base}/api/boundaries/provinces.geojson?snapshot=${s.token}`)).status).toBe(401);
  });
});

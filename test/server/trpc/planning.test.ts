import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { PlanRequestInput, PlanResult } from '../../../server/domain/index.ts';
import { scenarioCsv, scenarioGeoJson } from '../../../server/results/scenario_exports.ts';
import { getScenario } from '../../../server/store/scenarios.ts';
import type { Db } from '../../../server/store/db.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** Expansion planning and scenarios over the default dataset, through the real router. */
let caller: ReturnType<typeof callerFor>;
let db: Db;
/** a county of the default data with a few hundred villages */
let county: string;

beforeAll(async () => {
  db = openDefaultDb().db;
  caller = callerFor(db);
  const provinces = (await caller.units.children({ code: null })).filter((u) => u.code === '41');
  const prefectures = await caller.units.children({ code: provinces[0].code });
  const counties = await caller.units.children({ code: prefectures[0].code });
  county = counties.find((c) => c.villages > 150 && c.villages < 600)!.code!;
});

async function run(request: PlanRequestInput): Promise<{ id: string; result: PlanResult }> {
  const { id } = await caller.planning.start(request);
  for (;;) {
    const { progress, result } = await caller.planning.status({ id });
    if (progress.state === 'done') return { id, result: result! };
    if (progress.state !== 'running') throw new Error(`run ended ${progress.state}: ${progress.message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('planning', () => {
  it('chooses K villages in a county, states its bound and gap, and the exact solver does at least as well within it', async () => {
    const base = { unit: county, target: { kind: 'workers' as const, perPhase: [8] }, params: { enforceCapacity: false } };
    const greedy = (await run(base)).result;
    expect(greedy.sites).toHaveLength(8);
    expect(greedy.sites.every((s) => s.code.startsWith(county))).toBe(true);
    expect(greedy.value).toBeGreaterThan(0);
    expect(greedy.bound).toBeGreaterThanOrEqual(greedy.value);
    expect(greedy.gapPercent).toBeCloseTo((100 * (greedy.bound - greedy.value)) / greedy.bound, 6);
    // the sites' gains add up to the value, and what they serve to the totals
    expect(greedy.sites.reduce((s, x) => s + x.gain, 0)).toBeCloseTo(greedy.value, 6);
    expect(greedy.sites.reduce((s, x) => s + x.served.orphaned, 0)).toBe(greedy.served.orphaned);

    const exact = (await run({ ...base, method: 'exact' })).result;
    expect(exact.method).toBe('exact');
    expect(exact.optimal).toBe(true);
    expect(exact.boundKind).toBe('solver');
    expect(exact.value).toBeGreaterThanOrEqual(greedy.value - 1e-6);
    expect(exact.value).toBeLessThanOrEqual(greedy.bound + 1e-6);
    expect(exact.sites).toHaveLength(8);
  });

  it('with capacity, the solver stops at its time limit and reports the gap it proved', async () => {
    const base = { unit: county, target: { kind: 'workers' as const, perPhase: [8] } };
    const greedy = (await run(base)).result;
    const exact = (await run({ ...base, method: 'exact', timeLimitS: 2 })).result;
    expect(exact.value).toBeGreaterThanOrEqual(greedy.value - 1e-6);
    expect(exact.bound).toBeGreaterThanOrEqual(exact.value);
    expect(exact.bound).toBeLessThanOrEqual(greedy.bound + 1e-6);
    if (!exact.optimal) expect(exact.notes.some((n) => n.startsWith('solverStopped:'))).toBe(true);
  });

  it('never places a new worker in a village already on a roster, and builds phases on each other', async () => {
    const { result } = await run({ unit: county, target: { kind: 'workers', perPhase: [3, 2] }, firstYear: 2030 });
    expect(result.phases.map((p) => [p.phase, p.year, p.sites])).toEqual([
      [1, 2030, 3],
      [2, 2031, 2],
    ]);
    expect(result.phases[1].value).toBeGreaterThanOrEqual(result.phases[0].value);
    for (const site of result.sites) {
      const card = await caller.villages.byCode({ code: site.code });
      expect(card.coveredSince, site.code).toBeNull();
    }
  });

  it('chooses only among listed villages when given a list', async () => {
    const all = (await run({ unit: county, target: { kind: 'workers', perPhase: [6] } })).result;
    // list the villages greedy did not choose first: the plan must keep to the list
    const listed = all.sites.slice(3).map((s) => s.code);
    const { result } = await run({ unit: county, candidates: listed, target: { kind: 'workers', perPhase: [2] } });
    expect(result.candidates).toBe(listed.length);
    for (const site of result.sites) expect(listed).toContain(site.code);
    expect(result.value).toBeLessThanOrEqual(all.value);
  });

  it('spends a budget at the cost per site, and meets a minimum per county or says why not', async () => {
    const { result } = await run({ unit: county.slice(0, 4), target: { kind: 'budget', perPhase: [250_000], costPerSite: 30_000 }, countyMinimum: 1 });
    expect(result.sites).toHaveLength(8);
    expect(result.cost).toBe(240_000);
    expect(result.equity!.countyMinimum).toBe(1);
    const counties = new Set(result.sites.map((s) => s.code.slice(0, 6)));
    if (result.equity!.counties <= 8) expect(counties.size).toBe(result.equity!.counties);
    else expect(result.equity!.short.length).toBe(result.equity!.counties - 8);
  });

  it('explains a choice: the villages it serves and the best village nearby it did not choose', async () => {
    // without capacity a site's gain is what greedy ranks by, so no alternative can beat it
    const { id, result } = await run({ unit: county, target: { kind: 'workers', perPhase: [5] }, params: { enforceCapacity: false } });
    const site = result.sites[0];
    const why = await caller.planning.why({ source: { job: id }, code: site.code });
    expect(why.site.code).toBe(site.code);
    expect(why.villages.length).toBe(site.villages);
    expect(why.villages.some((v) => v.code === site.code) || site.villages === 0 || why.villages.every((v) => v.km > 0)).toBe(true);
    for (const v of why.villages) expect(v.km).toBeLessThanOrEqual(5 + 1e-9);
    if (why.alternative) {
      expect(result.sites.map((s) => s.code)).not.toContain(why.alternative.code);
      // greedy chose the best site at its step, so no alternative adds more
      expect(why.alternative.gain).toBeLessThanOrEqual(site.gain + 1e-6);
    }
    const served = await caller.planning.served({ job: id });
    expect(served.map((s) => s.length)).toEqual(result.sites.map((s) => s.villages));
    expect(await errorCode(caller.planning.why({ source: { job: id }, code: '999999999999' }))).toBe('NOT_FOUND');
  });

  it('saves, lists, renames, compares, exports and deletes scenarios', async () => {
    const a = await run({ unit: county, target: { kind: 'workers', perPhase: [6] } });
    const b = await run({ unit: county, target: { kind: 'workers', perPhase: [6] }, params: { weights: { orphaned: 10 } } });
    const { id: idA } = await caller.scenarios.save({ job: a.id, name: '方案甲' });
    const { id: idB } = await caller.scenarios.save({ job: b.id, name: 'Plan B' });
    const list = await caller.scenarios.list();
    expect(list.map((s) => s.name)).toEqual(['Plan B', '方案甲']);
    expect(list[1].sites).toBe(6);

    await caller.scenarios.rename({ id: idA, name: 'Plan A' });
    expect((await caller.scenarios.get({ id: idA })).name).toBe('Plan A');

    const cmp = await caller.scenarios.compare({ a: idA, b: idB });
    expect(cmp.a.sites).toBe(6);
    expect(cmp.both + cmp.onlyA.length).toBe(6);
    expect(cmp.both + cmp.onlyB.length).toBe(6);

    // a saved scenario explains itself as the run did
    const code = a.result.sites[0].code;
    expect(await caller.planning.why({ source: { scenario: idA }, code })).toEqual(await caller.planning.why({ source: { job: a.id }, code }));

    const saved = getScenario(db, idA)!;
    const rows = Papa.parse<Record<string, string>>(scenarioCsv(saved).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.code)).toEqual(a.result.sites.map((s) => s.code));
    expect(Number(rows[0].children)).toBe(a.result.sites[0].served.children);
    const geo = JSON.parse(scenarioGeoJson(saved)) as { features: { geometry: { coordinates: number[] }; properties: { code: string } }[] };
    expect(geo.features[0].properties.code).toBe(code);
    expect(geo.features[0].geometry.coordinates).toEqual([a.result.sites[0].lon, a.result.sites[0].lat]);

    await caller.scenarios.delete({ id: idB });
    expect((await caller.scenarios.list()).map((s) => s.id)).toEqual([idA]);
    expect(await errorCode(caller.scenarios.get({ id: idB }))).toBe('NOT_FOUND');
  });

  it('can be cancelled', async () => {
    const { id } = await caller.planning.start({ target: { kind: 'workers', perPhase: [2000] } });
    await caller.planning.cancel({ id });
    for (;;) {
      const { progress } = await caller.planning.status({ id });
      if (progress.state === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      expect(progress.state).toBe('cancelled');
      break;
    }
  });

  it('refuses bad requests with a clear BAD_REQUEST or NOT_FOUND', async () => {
    const bad = (r: unknown) => errorCode(caller.planning.start(r as PlanRequestInput));
    expect(await bad({ unit: county, target: { kind: 'workers', perPhase: [100_00] } })).toBe('BAD_REQUEST');
    expect(await bad({ target: { kind: 'budget', perPhase: [-5], costPerSite: 100 } })).toBe('BAD_REQUEST');
    expect(await bad({ target: { kind: 'workers', perPhase: [0] } })).toBe('BAD_REQUEST');
    expect(await bad({ unit: '999999', target: { kind: 'workers', perPhase: [1] } })).toBe('BAD_REQUEST');
    expect(await bad({ unit: '41', method: 'exact', target: { kind: 'workers', perPhase: [1] } })).toBe('BAD_REQUEST');
    expect(await bad({ candidates: ['999999999999'], target: { kind: 'workers', perPhase: [1] } })).toBe('BAD_REQUEST');
    expect(await bad({ target: { kind: 'workers', perPhase: [1] }, params: { workerReachKm: -1 } })).toBe('BAD_REQUEST');
    expect(await errorCode(caller.planning.status({ id: '0123456789abcdef' }))).toBe('NOT_FOUND');
  });
});

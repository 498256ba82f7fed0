import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TYPES } from '../../../server/domain/index.ts';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

/** The analysis procedures over the default dataset, through the real router. */
let caller: ReturnType<typeof callerFor>;
beforeAll(() => {
  caller = callerFor(openDefaultDb().db);
});

describe('analysis.coverage', () => {
  it('splits every village into served, over capacity or not covered, and every child into reached or not', async () => {
    const { unit } = await caller.analysis.coverage();
    const summary = await caller.units.summary();
    expect(unit.villages).toBe(138294);
    expect(unit.served + unit.overCapacity + unit.notCovered).toBe(unit.villages);
    expect(unit.reached.children + unit.notReached.children).toBe(summary.children);
    expect(unit.reached.orphaned + unit.notReached.orphaned).toBe(summary.orphaned);
    expect(unit.workers).toBe(summary.workers);
    for (const t of SERVICE_TYPES) {
      const d = unit.distance[t];
      expect(d.medianKm!).toBeGreaterThan(0);
      expect(d.medianKm!).toBeLessThanOrEqual(d.p90Km!);
      expect(d.meetingVillages).toBeLessThanOrEqual(unit.villages);
    }
  });

  it("gives a unit's children whose figures add up to it", async () => {
    const { unit, children } = await caller.analysis.coverage({ code: '41' });
    expect(children).toHaveLength(18);
    for (const key of ['villages', 'served', 'overCapacity', 'notCovered', 'workers'] as const)
      expect(children.reduce((s, c) => s + c[key], 0), key).toBe(unit[key]);
  });

  it('counts the gap villages of a unit and its children: exactly those analysis.gaps ranks', async () => {
    const { unit, children } = await caller.analysis.coverage({ code: '5101' });
    const gaps = await caller.analysis.gaps({ code: '5101', pageSize: 1 });
    expect(unit.gapVillages).toBe(gaps.total);
    expect(unit.gapVillages).toBeGreaterThanOrEqual(unit.villages - unit.served);
    expect(unit.gapVillages).toBeLessThanOrEqual(unit.villages);
    expect(children.reduce((s, c) => s + c.gapVillages, 0)).toBe(unit.gapVillages);
    const county = children[0];
    expect(county.gapVillages).toBe((await caller.analysis.gaps({ code: county.code, pageSize: 1 })).total);
    const whole = (await caller.analysis.coverage()).unit;
    expect(whole.gapVillages).toBe((await caller.analysis.gaps({ pageSize: 1 })).total);
    // a stricter standard can only add gap villages
    const strict = (await caller.analysis.coverage({ code: '5101', params: { standardsKm: { school: 0.5 } } })).unit;
    expect(strict.gapVillages).toBeGreaterThan(unit.gapVillages);
  });

  it('recomputes with the parameters given', async () => {
    const base = (await caller.analysis.coverage({ code: '53' })).unit;
    const strict = (await caller.analysis.coverage({ code: '53', params: { standardsKm: { school: 1 } } })).unit;
    expect(strict.distance.school.meetingVillages).toBeLessThan(base.distance.school.meetingVillages);
    expect(strict.distance.school.standardKm).toBe(1);
    const noReach = (await caller.analysis.coverage({ code: '53', params: { workerReachKm: 0, enforceCapacity: false } })).unit;
    // without reach beyond rosters and without capacity, exactly the villages on a roster are served
    expect(noReach.overCapacity).toBe(0);
    expect(noReach.served).toBe(noReach.coveredVillages);
  });

  it('refuses bad parameters and unknown units clearly', async () => {
    expect(await errorCode(caller.analysis.coverage({ params: { standardsKm: { hospital: 3 } as never } }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.coverage({ params: { standardsKm: { school: -1 } } }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.coverage({ params: { workerReachKm: -5 } }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.coverage({ params: { weights: { disabled: -1 } } }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.analysis.coverage({ code: '99' }))).toBe('NOT_FOUND');
    expect(await errorCode(caller.analysis.coverage({ code: '4x' }))).toBe('BAD_REQUEST');
  });
});

describe('analysis.gaps', () => {
  it('ranks gap villages by need, page after page, each unserved or missing a standard', async () => {
    const first = await caller.analysis.gaps({ code: '5101', pageSize: 20 });
    const second = await caller.analysis.gaps({ code: '5101', pageSize: 20, page: 1 });
    expect(first.total).toBeGreaterThan(40);
    const rows = [...first.rows, ...second.rows];
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].need).toBeLessThanOrEqual(rows[i - 1].need);
    for (const r of rows) {
      expect(r.code.startsWith('5101')).toBe(true);
      expect(r.status !== 'served' || r.missed.length > 0).toBe(true);
      expect(r.path).toHaveLength(4);
    }
  });

  it('filters by category and by service type', async () => {
    const orphaned = await caller.analysis.gaps({ code: '65', filter: { category: 'orphaned' }, pageSize: 100 });
    expect(orphaned.rows.every((r) => r.orphaned > 0)).toBe(true);
    const school = await caller.analysis.gaps({ code: '65', filter: { serviceType: 'school' }, pageSize: 100 });
    expect(school.rows.length).toBeGreaterThan(0);
    expect(school.rows.every((r) => r.missed.includes('school') && r.distanceKm.school! > 5)).toBe(true);
  });

  it('agrees with the village card about a gap village', async () => {
    const [top] = (await caller.analysis.gaps({ pageSize: 1 })).rows;
    const card = await caller.analysis.village({ code: top.code });
    expect(card.status).toBe(top.status);
    expect(card.missed).toEqual(top.missed);
    expect(card.need).toBeCloseTo(top.need, 1);
    expect(card.services.school?.km).toBeCloseTo(top.distanceKm.school!, 6);
  });
});

describe('analysis.village, services, workers, catchments', () => {
  it('shows a covered village its worker and every service against its standard', async () => {
    const { rows } = await caller.analysis.workers({ code: '140105' });
    const card = await caller.analysis.village({ code: rows[0].homeVillage });
    expect(card.worker?.id).toBe(rows[0].id);
    expect(card.worker?.onRoster).toBe(true);
    for (const t of SERVICE_TYPES) {
      const s = card.services[t]!;
      expect(s.meets).toBe(s.km <= s.standardKm);
      expect(card.missed.includes(t)).toBe(!s.meets);
    }
  });

  it('lists service points of a unit, most loaded first', async () => {
    const { rows, total } = await caller.analysis.services({ code: '4101', type: 'station', pageSize: 500 });
    expect(total).toBe(rows.length);
    expect(rows.every((r) => r.type === 'station' && r.adminCode.startsWith('4101'))).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i].load).toBeLessThanOrEqual(rows[i - 1].load);
  });

  it('draws one catchment per worker of a county, and only for a county or township', async () => {
    const workers = await caller.analysis.workers({ code: '140105', pageSize: 500 });
    const fc = await caller.analysis.catchments({ code: '140105' });
    expect(fc.features).toHaveLength(workers.total);
    expect(new Set(fc.features.map((f) => f.properties.workerId))).toEqual(new Set(workers.rows.map((r) => r.id)));
    const byId = new Map(workers.rows.map((r) => [r.id, r]));
    for (const f of fc.features) {
      const w = byId.get(f.properties.workerId)!;
      expect(f.properties.demand).toBe(w.demand);
      expect(f.properties.demand > f.properties.capacity).toBe(w.overloaded);
    }
    expect(await errorCode(caller.analysis.catchments({ code: '14' }))).toBe('BAD_REQUEST');
  });
});

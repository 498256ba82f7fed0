import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/index.ts';
import { en } from '../../../client/src/i18n/en.ts';
import { zhCN } from '../../../client/src/i18n/zh-CN.ts';
import { DEFAULT_PLAN_FORM, exactAvailable, noteKey, parsePhases, phaseYears, planRequest, solverGap } from '../../../client/src/views/planner/plan_form.ts';
import { MapLegend } from '../../../client/src/views/planner/MapLegend.tsx';

describe('planning form', () => {
  it('reads per-phase amounts separated by commas of either width, and refuses anything else', () => {
    expect(parsePhases('300, 300, 400')).toEqual([300, 300, 400]);
    expect(parsePhases('300，300；400')).toEqual([300, 300, 400]);
    expect(parsePhases(' 5 ')).toEqual([5]);
    for (const bad of ['', '5, x', '0', '-3', '1,2,3,4,5,6,7,8,9,10,11']) expect(parsePhases(bad), bad).toBeNull();
    expect(phaseYears(3, 2027)).toEqual([2027, 2028, 2029]);
  });

  it('makes a request for the unit in view with the view parameters; exact only for a county or township', () => {
    const params = { workerReachKm: 4 };
    const county = planRequest({ ...DEFAULT_PLAN_FORM, method: 'exact', phases: '3, 2' }, '530181', params, 1);
    expect(county).toEqual({
      ok: true,
      request: { datasetId: 1, params, unit: '530181', target: { kind: 'workers', perPhase: [3, 2] }, newWorkerCapacity: 100, countyMinimum: 0, method: 'exact', firstYear: 2027, timeLimitS: 30 },
    });
    const province = planRequest({ ...DEFAULT_PLAN_FORM, method: 'exact' }, '53', {});
    expect(province.ok && province.request.method).toBe('greedy');
    expect(exactAvailable('53')).toBe(false);
    expect(exactAvailable('5301')).toBe(false);
    expect(exactAvailable('530181')).toBe(true);
    expect(exactAvailable('530181001')).toBe(true);
    expect(exactAvailable(null)).toBe(false);
    const budget = planRequest({ ...DEFAULT_PLAN_FORM, target: 'budget', phases: '250000.5', costPerSite: '30000' }, null, {});
    expect(budget.ok && budget.request.target).toEqual({ kind: 'budget', perPhase: [250000.5], costPerSite: 30000 });
  });

  it('says which field is wrong', () => {
    expect(planRequest({ ...DEFAULT_PLAN_FORM, phases: '2.5' }, null, {})).toEqual({ ok: false, error: 'planBadWorkers', field: 'phases' });
    expect(planRequest({ ...DEFAULT_PLAN_FORM, capacity: '0' }, null, {})).toMatchObject({ ok: false, field: 'capacity' });
    expect(planRequest({ ...DEFAULT_PLAN_FORM, countyMinimum: '-1' }, null, {})).toMatchObject({ ok: false, field: 'countyMinimum' });
    expect(planRequest({ ...DEFAULT_PLAN_FORM, target: 'budget', costPerSite: '' }, null, {})).toMatchObject({ ok: false, field: 'costPerSite' });
    expect(planRequest({ ...DEFAULT_PLAN_FORM, method: 'exact', timeLimitS: '0' }, '530181', {})).toMatchObject({ ok: false, field: 'timeLimitS' });
  });

  it('translates the notes of a plan and reads the solver gap', () => {
    expect(noteKey('tooLarge:11641')).toEqual({ key: 'planNoteTooLarge', values: { villages: '11641' } });
    expect(noteKey('solverStopped:timeLimit')).toEqual({ key: 'planNoteSolverStopped', values: { status: 'timeLimit' } });
    expect(noteKey('exhausted')?.key).toBe('planNoteExhausted');
    expect(noteKey('equityInfeasible')?.key).toBe('planNoteEquityInfeasible');
    expect(noteKey('something new')).toBeNull();
    expect(solverGap('gap 1.25%')).toBeCloseTo(0.0125, 9);
    expect(solverGap(null)).toBeNull();
  });
});

describe('planning strings', () => {
  afterAll(() => i18next.changeLanguage('zh-CN'));

  it('has every planning key in both languages, none empty', () => {
    const keys = Object.keys(zhCN).filter((k) => k.startsWith('plan'));
    expect(keys.length).toBeGreaterThan(80);
    for (const k of keys) {
      expect(zhCN[k as keyof typeof zhCN].length, k).toBeGreaterThan(0);
      expect(en[k as keyof typeof en].length, k).toBeGreaterThan(0);
    }
  });

  for (const [lang, expected] of [
    ['zh-CN', ['规划的新儿童主任', '新增服务的村']],
    ['en', ['Planned new worker', 'Villages each new worker newly serves']],
  ] as const) {
    it(`gives the planned sites and their new catchments a legend entry in ${lang}`, async () => {
      await i18next.changeLanguage(lang);
      const props: Parameters<typeof MapLegend>[0] = { color: 'coverage', type: 'school', standardKm: 5, overlays: [], points: true, hexagons: null, choropleth: null, catchments: false, gaps: null };
      expect(renderToStaticMarkup(createElement(MapLegend, props))).not.toContain('legend-plan');
      const html = renderToStaticMarkup(createElement(MapLegend, { ...props, plan: { sites: 5 } }));
      expect(html).toContain('data-testid="legend-plan"');
      for (const s of expected) expect(html).toContain(s);
    });
  }
});

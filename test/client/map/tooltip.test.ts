import { describe, expect, it } from 'vitest';
import { villageTooltip, type VillageTooltipLabels } from '../../../client/src/map/tooltip.ts';

const EN: VillageTooltipLabels = { served: 'Served', overCapacity: 'Reachable, over capacity', notCovered: 'Not covered', km: (v) => `${v} km` };
const ZH: VillageTooltipLabels = { served: '已服务', overCapacity: '可达但超负荷', notCovered: '未覆盖', km: (v) => `${v} 公里` };

describe('villageTooltip', () => {
  it('gives the 12-digit code, the status and the distance to the chosen service type, one a line', () => {
    expect(villageTooltip(510112001001, 0, 3.24, 'School', EN)).toBe('510112001001\nServed\nSchool: 3.2 km');
    expect(villageTooltip(510112001001, 1, 12.06, '学校', ZH)).toBe('510112001001\n可达但超负荷\n学校: 12.1 公里');
    expect(villageTooltip(510112001001, 2, 0, 'School', EN)).toBe('510112001001\nNot covered\nSchool: 0 km');
  });

  it('pads codes that lost their leading zeros as numbers', () => {
    expect(villageTooltip(110101001001, 0, undefined, 'School', EN).split('\n')[0]).toBe('110101001001');
    expect(villageTooltip(1001, undefined, undefined, 'School', EN)).toBe('000000001001');
  });

  it('leaves out what is not known yet (the analysis still loading)', () => {
    expect(villageTooltip(510112001001, undefined, undefined, 'School', EN)).toBe('510112001001');
    expect(villageTooltip(510112001001, 2, undefined, 'School', EN)).toBe('510112001001\nNot covered');
    expect(villageTooltip(510112001001, undefined, 4, 'School', EN)).toBe('510112001001\nSchool: 4 km');
    expect(villageTooltip(510112001001, 7, Number.NaN, 'School', EN)).toBe('510112001001');
  });

  it('shows a dash for a village with no service of the type at all', () => {
    expect(villageTooltip(510112001001, 0, Infinity, 'Police station', EN)).toBe('510112001001\nServed\nPolice station: —');
  });

  it('returns plain text: names are not interpreted as markup', () => {
    const text = villageTooltip(510112001001, 0, 1, '<img src=x onerror=alert(1)>', EN);
    expect(text).toContain('<img src=x onerror=alert(1)>: 1 km');
  });
});

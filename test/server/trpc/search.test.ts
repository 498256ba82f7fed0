import { beforeAll, describe, expect, it } from 'vitest';
import { openDefaultDb } from '../default_db.ts';
import { callerFor, errorCode } from './caller.ts';

let caller: ReturnType<typeof callerFor>;
beforeAll(() => {
  caller = callerFor(openDefaultDb().db);
});

describe('units.search', () => {
  it('finds units before villages by name, with where they are', async () => {
    const hits = await caller.units.search({ q: '成都' });
    expect(hits[0]).toMatchObject({ code: '5101', name: '成都市', level: 'prefecture' });
    expect(hits.every((h) => h.name.includes('成都'))).toBe(true);
  });

  it('finds by code prefix, villages included', async () => {
    const hits = await caller.units.search({ q: '510112001001' });
    expect(hits).toEqual([{ code: '510112001001', name: '滨河花园社区居委会', level: 'village', context: '龙泉街道 · 龙泉驿区 · 成都市' }]);
    const many = await caller.units.search({ q: '41', limit: 5 });
    expect(many).toHaveLength(5);
    expect(many.every((h) => h.code.startsWith('41'))).toBe(true);
  });

  it('answers an empty list for no match and BAD_REQUEST for empty or overlong text', async () => {
    await expect(caller.units.search({ q: '不存在的地方名' })).resolves.toEqual([]);
    expect(await errorCode(caller.units.search({ q: '   ' }))).toBe('BAD_REQUEST');
    expect(await errorCode(caller.units.search({ q: 'x'.repeat(41) }))).toBe('BAD_REQUEST');
  });
});

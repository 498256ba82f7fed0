import { ADMIN_LEVELS } from '../domain/index.ts';
import type { DatasetColumns } from '../engine/columns.ts';

export interface SearchHit {
  code: string;
  name: string;
  level: string;
  /** the names above it, nearest first */
  context: string;
}

/**
 * Administrative units first, then villages: by code prefix when the text is digits, else by
 * name containing the text. Units come before villages so that "成都" finds the city first.
 */
export function searchUnits({ admin, villages }: DatasetColumns, q: string, limit: number): SearchHit[] {
  const byCode = /^\d+$/.test(q);
  const matches = (code: string, name: string) => (byCode ? code.startsWith(q) : name.includes(q));
  const contextOf = (unit: number) => {
    const names: string[] = [];
    for (let u = unit; u >= 0 && names.length < 3; u = admin.parent[u]) names.push(admin.name[u]);
    return names.join(' · ');
  };
  const hits: SearchHit[] = [];
  for (let u = 0; u < admin.count && hits.length < limit; u++) {
    if (matches(admin.code[u], admin.name[u]))
      hits.push({ code: admin.code[u], name: admin.name[u], level: ADMIN_LEVELS[admin.level[u]], context: contextOf(admin.parent[u]) });
  }
  for (let i = 0; i < villages.count && hits.length < limit; i++) {
    if (matches(villages.code[i], villages.name[i]))
      hits.push({ code: villages.code[i], name: villages.name[i], level: 'village', context: contextOf(villages.township[i]) });
  }
  return hits;
}

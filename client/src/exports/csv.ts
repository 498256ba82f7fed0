import type { ReachSummary, ReachUnit } from '../../../server/domain/reach.ts';

/**
 * The tables behind the reach page's charts, as CSV: UTF-8 with a byte-order mark so that Excel
 * reads the Chinese names, CRLF line ends, counts as the server gave them ("<5" stays "<5").
 * Pure: the caller passes the column headings in the interface's language.
 */
export type Cell = string | number | null;

export interface Table {
  /** file name part: growth, provinces, categories, counties */
  name: 'growth' | 'provinces' | 'categories' | 'counties';
  header: string[];
  rows: Cell[][];
}

export const BOM = '\uFEFF';

function field(x: Cell): string {
  const s = x === null ? '' : String(x);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV text with a byte-order mark. */
export function toCsv(table: Pick<Table, 'header' | 'rows'>): string {
  return BOM + [table.header, ...table.rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Column headings, in the interface's language. */
export interface TableHeadings {
  year: string;
  newVillages: string;
  cumulativeVillages: string;
  code: string;
  name: string;
  villages: string;
  coveredVillages: string;
  coveredShare: string;
  workers: string;
  children: string;
  leftBehind: string;
  disabled: string;
  orphaned: string;
  difficult: string;
  category: string;
}

export const CATEGORY_KEYS = ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const;

/** Covered share in percent with one decimal, or empty for a unit without villages. */
const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 1000) / 10);

function unitTable(name: 'provinces' | 'counties', units: readonly ReachUnit[], h: TableHeadings): Table {
  return {
    name,
    header: [h.code, h.name, h.villages, h.coveredVillages, h.coveredShare, h.workers, h.children, h.leftBehind, h.disabled, h.orphaned, h.difficult],
    rows: units.map((u) => [u.code, u.name, u.villages, u.coveredVillages, percent(u.coveredShare), u.workers, u.children, u.leftBehind, u.disabled, u.orphaned, u.difficult]),
  };
}

/** The four tables: growth by year, provinces, children reached by category, counties. */
export function reachTables(s: ReachSummary, h: TableHeadings, categoryLabels: Record<(typeof CATEGORY_KEYS)[number], string>): Table[] {
  return [
    { name: 'growth', header: [h.year, h.newVillages, h.cumulativeVillages], rows: s.growth.map((g) => [g.year, g.newVillages, g.cumulativeVillages]) },
    unitTable('provinces', s.byProvince, h),
    { name: 'categories', header: [h.category, h.children], rows: [[h.children, s.headline.children], ...CATEGORY_KEYS.map((k) => [categoryLabels[k], s.headline[k]])] },
    unitTable('counties', s.byCounty, h),
  ];
}

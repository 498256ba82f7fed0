import type { z } from 'zod';
import {
  adminUnitSchema,
  CODE_LENGTH,
  SERVICE_TYPES,
  servicePointSchema,
  villageSchema,
  workerSchema,
  type AdminUnit,
  type ServicePoint,
  type ServiceType,
  type Village,
  type Worker,
} from '../domain/index.ts';
import { REASONS, type Reason } from './reasons.ts';

/**
 * The rules every row must pass, shared by the project-format loader (read_dataset_dir.ts) and
 * the importer: one set of rules, whatever the file looks like. A row comes in as text by field
 * name (the project's CSV column names); it goes out as a domain object, or as its issues.
 */
export type Fields = Record<string, string | undefined>;

export interface Issue {
  /** the field (project CSV column name) */
  column: string;
  reason: Reason;
}

export type RowResult<T> = { value: T; issues: [] } | { value: null; issues: Issue[] };

/** Longest text accepted per field: long enough for any real value, short enough to refuse junk. */
const MAX_LENGTH: Record<string, number> = { roster: 20_000, name: 200 };
const DEFAULT_MAX_LENGTH = 100;

const FULLWIDTH = /[\uff01-\uff5e\u3000]/;

/** Trimmed text, as names are kept (full-width brackets in a name are part of it). */
const plainText = (s: string | undefined): string => (s === undefined ? '' : s.trim());

/** Trimmed text, with full-width digits and letters (typed with a Chinese input method) made ASCII: for numbers, codes and keywords. */
export function cleanText(s: string | undefined): string {
  if (s === undefined) return '';
  const t = s.trim();
  return FULLWIDTH.test(t) ? t.normalize('NFKC').trim() : t;
}

/**
 * A number from a cell: NaN when empty or not a number. Thousands separators ("1,234") are
 * accepted, as Excel writes them for formatted cells.
 */
export function parseNumber(s: string | undefined): number {
  const t = cleanText(s);
  if (t === '') return NaN;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return Number(t);
}

/** A code cell: digits only, with Excel's "140105001001.0" (a number cell) made whole again. */
export function parseCode(s: string | undefined): string {
  const t = cleanText(s);
  return /^\d+\.0+$/.test(t) ? t.replace(/\.0+$/, '') : t;
}

/** Service types by their common Chinese names, for files that say 卫生院 rather than `health`. */
const SERVICE_TYPE_NAMES: [RegExp, ServiceType][] = [
  [/未成年人保护|儿童保护|保护工作站|工作站/, 'station'],
  [/卫生院|卫生服务中心|医院|卫生室/, 'health'],
  [/学校|小学|中学|学/, 'school'],
  [/残疾|康复|托养/, 'disability'],
  [/福利|救助/, 'welfare'],
  [/派出所|公安|警/, 'police'],
];

export function parseServiceType(s: string | undefined): string {
  const t = cleanText(s);
  const lower = t.toLowerCase();
  if ((SERVICE_TYPES as readonly string[]).includes(lower)) return lower;
  return SERVICE_TYPE_NAMES.find(([re]) => re.test(t))?.[1] ?? t;
}

/** Roster codes: the project format separates them by spaces; spreadsheets often by commas or 、. */
export function parseRoster(s: string | undefined): string[] {
  return cleanText(s)
    .split(/[\s,;，；、|]+/)
    .filter(Boolean)
    .map(parseCode);
}

const SNAKE: Record<string, string> = {
  parentCode: 'parent_code',
  leftBehind: 'left_behind',
  coveredSince: 'covered_since',
  homeVillage: 'home_village',
  startYear: 'start_year',
  adminCode: 'admin_code',
};

function plainReason(issue: z.core.$ZodIssue, raw: string | undefined): Reason {
  const blank = raw === undefined || raw.trim() === '';
  switch (issue.code) {
    case 'invalid_type':
      if (blank) return REASONS.empty();
      if (issue.expected === 'int') return REASONS.notWhole();
      return REASONS.notNumber();
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return REASONS.empty();
      return issue.inclusive ? REASONS.atLeast(Number(issue.minimum)) : REASONS.above(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return REASONS.tooLong(Number(issue.maximum));
      return REASONS.atMost(Number(issue.maximum));
    case 'invalid_format':
      if (raw !== undefined && /^\d(\.\d+)?e\+?\d+$/i.test(raw.trim())) return REASONS.excelNumber(raw.trim());
      return issue.message.includes('village') ? REASONS.villageCode() : REASONS.adminCode();
    case 'invalid_value':
      return REASONS.oneOf(issue.values.map(String));
    default:
      return { en: issue.message, zh: issue.message };
  }
}

function tooLong(fields: Fields): Issue[] {
  const issues: Issue[] = [];
  for (const [column, text] of Object.entries(fields)) {
    const max = MAX_LENGTH[column] ?? DEFAULT_MAX_LENGTH;
    if (text !== undefined && text.length > max) issues.push({ column, reason: REASONS.tooLong(max) });
  }
  return issues;
}

function validate<T>(schema: z.ZodType<T>, object: unknown, fields: Fields): RowResult<T> {
  const long = tooLong(fields);
  if (long.length) return { value: null, issues: long };
  // latitude 112 would be refused as "at most 90": say what is wrong instead
  const o = object as { lon?: unknown; lat?: unknown };
  if (typeof o.lon === 'number' && typeof o.lat === 'number' && !inChina(o.lon, o.lat) && inChina(o.lat, o.lon))
    return { value: null, issues: [{ column: 'lon', reason: REASONS.swapped() }] };
  const result = schema.safeParse(object);
  if (result.success) return { value: result.data, issues: [] };
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const column = SNAKE[key] ?? key;
    if (seen.has(column)) continue; // one reason per cell is enough
    seen.add(column);
    issues.push({ column, reason: plainReason(issue, fields[column]) });
  }
  return { value: null, issues };
}

const fail = <T>(issues: Issue[]): RowResult<T> => ({ value: null, issues });

export function readAdminUnit(f: Fields): RowResult<AdminUnit> {
  const row = validate(
    adminUnitSchema,
    { code: parseCode(f.code), level: cleanText(f.level), name: plainText(f.name), parentCode: parseCode(f.parent_code) || null },
    f,
  );
  if (!row.value) return row;
  const u = row.value;
  if (u.code.length !== CODE_LENGTH[u.level]) return fail([{ column: 'level', reason: REASONS.levelMismatch(u.level) }]);
  if (u.parentCode !== null && !u.code.startsWith(u.parentCode)) return fail([{ column: 'parent_code', reason: REASONS.parentMismatch(u.code, u.parentCode) }]);
  return row;
}

/** A village row, with the checks that need only the row itself (figures against each other, position). */
export function readVillage(f: Fields): RowResult<Village> {
  const covered = cleanText(f.covered_since);
  const row = validate(
    villageSchema,
    {
      code: parseCode(f.code),
      name: plainText(f.name),
      lon: parseNumber(f.lon),
      lat: parseNumber(f.lat),
      population: parseNumber(f.population),
      children: parseNumber(f.children),
      leftBehind: parseNumber(f.left_behind),
      disabled: parseNumber(f.disabled),
      orphaned: parseNumber(f.orphaned),
      difficult: parseNumber(f.difficult),
      coveredSince: covered === '' ? null : parseNumber(covered),
    },
    f,
  );
  if (!row.value) return row;
  const v = row.value;
  const issues: Issue[] = [...positionIssues(v.lon, v.lat)];
  if (v.children > v.population) issues.push({ column: 'children', reason: REASONS.moreChildrenThanPeople() });
  for (const c of ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const)
    if (v[c] > v.children) issues.push({ column: SNAKE[c] ?? c, reason: REASONS.moreThanChildren() });
  for (const [column, level] of [['township_code', 'township'], ['county_code', 'county']] as const) {
    const parent = parseCode(f[column]);
    if (parent !== '' && (parent.length !== CODE_LENGTH[level] || !v.code.startsWith(parent)))
      issues.push({ column: 'code', reason: REASONS.parentMismatch(v.code, parent) });
  }
  return issues.length ? fail(issues) : row;
}

/** A worker row; the home village goes first on the roster (added when missing), and a village is listed once. */
export function readWorker(f: Fields): RowResult<Worker> {
  const home = parseCode(f.home_village);
  const roster = [...new Set([home, ...parseRoster(f.roster)])].filter(Boolean);
  const row = validate(
    workerSchema,
    {
      id: plainText(f.id),
      homeVillage: home,
      lon: parseNumber(f.lon),
      lat: parseNumber(f.lat),
      capacity: parseNumber(f.capacity),
      startYear: parseNumber(f.start_year),
      roster,
    },
    f,
  );
  if (!row.value) return row;
  const issues = positionIssues(row.value.lon, row.value.lat);
  return issues.length ? fail(issues) : row;
}

export function readServicePoint(f: Fields): RowResult<ServicePoint> {
  const row = validate(
    servicePointSchema,
    {
      id: plainText(f.id),
      type: parseServiceType(f.type),
      name: plainText(f.name),
      lon: parseNumber(f.lon),
      lat: parseNumber(f.lat),
      capacity: parseNumber(f.capacity),
      adminCode: parseCode(f.admin_code),
    },
    f,
  );
  if (!row.value) return row;
  const issues = positionIssues(row.value.lon, row.value.lat);
  return issues.length ? fail(issues) : row;
}

/** China's extent with a margin (Zengmu Ansha at 3.9 °N to Mohe at 53.6 °N; Pamirs at 73.5 °E to the Ussuri at 135 °E). */
export const CHINA_BOUNDS = { west: 73, east: 136, south: 3, north: 54 } as const;
export const inChina = (lon: number, lat: number) =>
  lon >= CHINA_BOUNDS.west && lon <= CHINA_BOUNDS.east && lat >= CHINA_BOUNDS.south && lat <= CHINA_BOUNDS.north;

/** A position that cannot be a place in China: (0, 0), swapped, or outside the country. */
export function positionIssues(lon: number, lat: number): Issue[] {
  if (lon === 0 && lat === 0) return [{ column: 'lon', reason: REASONS.zeroPosition() }];
  if (inChina(lon, lat)) return [];
  if (inChina(lat, lon)) return [{ column: 'lon', reason: REASONS.swapped() }];
  return [{ column: 'lon', reason: REASONS.outsideChina() }];
}

/** The township a village code belongs to must exist; `hasUnit` answers for the version being built. */
export function villageUnitIssues(code: string, hasUnit: (code: string) => boolean): Issue[] {
  const township = code.slice(0, CODE_LENGTH.township);
  return hasUnit(township) ? [] : [{ column: 'code', reason: REASONS.unknownTownship(township) }];
}

/** A service belongs to a unit or (a school, say) to a village; `hasUnit` answers for both. */
export function serviceUnitIssues(adminCode: string, hasUnit: (code: string) => boolean): Issue[] {
  return hasUnit(adminCode) ? [] : [{ column: 'admin_code', reason: REASONS.unknownUnit(adminCode) }];
}

export function parentIssues(u: AdminUnit, hasUnit: (code: string) => boolean): Issue[] {
  return u.parentCode === null || hasUnit(u.parentCode) ? [] : [{ column: 'parent_code', reason: REASONS.missingParent(u.parentCode) }];
}


import { REQUIRED_FIELDS, TABLE_FIELDS, TABLE_KINDS, type ColumnMapping, type Crs, type FieldMapping, type TableKind } from '../domain/import.ts';

/**
 * Finds the header row of a table and proposes which column holds which field, from the names
 * programme offices and statistics bureaus put in their spreadsheets (Chinese and English). The
 * user confirms or corrects the proposal; nothing is imported on a guess alone.
 */
const POSITION = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经', '经度坐标'],
  lat: ['lat', 'latitude', 'y', '纬度', '北纬', '纬度坐标'],
};

export const HEADER_ALIASES: Record<TableKind, Record<string, string[]>> = {
  villages: {
    code: ['code', 'villagecode', 'adcode', 'admincode', '村代码', '村级代码', '村居代码', '村编码', '行政区划代码', '区划代码', '统计用区划代码', '村级区划代码', '代码', '编码'],
    name: ['name', 'village', 'villagename', '村名', '村名称', '村居名称', '村委会名称', '村委会', '行政村', '行政村名称', '村庄名称', '名称', '村'],
    ...POSITION,
    population: ['population', 'pop', 'people', '人口', '总人口', '户籍人口', '常住人口', '人口数', '人口总数', '总人数'],
    children: ['children', 'child', 'minors', '儿童', '儿童数', '儿童人数', '儿童总数', '未成年人', '未成年人数', '017岁儿童', '0至17岁儿童', '0到17岁儿童数'],
    left_behind: ['leftbehind', 'leftbehindchildren', '留守儿童', '留守儿童数', '农村留守儿童'],
    disabled: ['disabled', 'disabledchildren', '残疾儿童', '残疾儿童数'],
    orphaned: ['orphaned', 'orphans', '孤儿', '孤儿数', '事实无人抚养儿童', '孤儿和事实无人抚养儿童', '孤儿及事实无人抚养儿童'],
    difficult: ['difficult', 'difficultcircumstances', '困境儿童', '困境儿童数'],
    covered_since: ['coveredsince', 'covered', 'since', 'coverageyear', '覆盖年份', '项目覆盖年份', '覆盖起始年份', '开始覆盖年份', '覆盖年度', '纳入项目年份'],
    township_code: ['townshipcode', '乡镇代码', '乡镇街道代码', '乡镇编码', '乡镇区划代码'],
    county_code: ['countycode', '县代码', '区县代码', '县级代码', '县区代码', '县区划代码'],
  },
  workers: {
    id: ['id', 'workerid', '编号', '儿童主任编号', '工号', '人员编号', '序号编码'],
    home_village: ['homevillage', 'home', 'villagecode', '所在村代码', '居住村代码', '所在村', '所在村编码', '村代码', '行政区划代码', '村级代码'],
    ...POSITION,
    capacity: ['capacity', 'caseload', 'caseloadcapacity', '个案容量', '容量', '最大个案数', '服务容量', '个案上限'],
    start_year: ['startyear', 'since', 'year', '上岗年份', '起始年份', '任职年份', '开始年份', '入职年份', '聘用年份'],
    roster: ['roster', 'villages', 'rostervillages', '负责村', '服务村', '负责村代码', '服务村代码', '名册', '负责村居'],
  },
  services: {
    id: ['id', 'serviceid', '编号', '机构编号', '服务点编号'],
    type: ['type', 'servicetype', 'kind', '类型', '服务类型', '机构类型', '类别'],
    name: ['name', 'servicename', '名称', '机构名称', '服务点名称', '单位名称'],
    ...POSITION,
    capacity: ['capacity', '容量', '服务容量', '床位数', '床位', '学位数', '服务人数'],
    admin_code: ['admincode', 'code', 'adcode', '所属区划代码', '行政区划代码', '区划代码', '所属乡镇代码', '所在地代码', '所属单位代码'],
  },
};

/** Header text reduced to what names a field: width-normalised, lower case, no spaces, punctuation or bracketed units. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]|【.*?】|（.*?）/g, '')
    .replace(/[\s_\-./:：、·'"‘’“”]/g, '');
}

const NORMALIZED = Object.fromEntries(
  TABLE_KINDS.map((k) => [k, Object.fromEntries(Object.entries(HEADER_ALIASES[k]).map(([f, names]) => [f, names.map(normalizeHeader)]))]),
) as Record<TableKind, Record<string, string[]>>;

export interface ColumnProposal {
  kind: TableKind;
  fields: FieldMapping[];
  /** exact matches count 1, partial 0.5 */
  score: number;
  /** required fields with a column */
  requiredFound: number;
}

/** Proposes a column for each field of `kind` from the header cells: exact names first, then names containing a known name. */
export function proposeColumns(kind: TableKind, header: string[]): ColumnProposal {
  const norm = header.map(normalizeHeader);
  const taken = new Set<number>();
  const chosen = new Map<string, { column: number; confidence: 'exact' | 'partial' }>();
  const fields = TABLE_FIELDS[kind] as readonly string[];
  for (const f of fields) {
    const names = NORMALIZED[kind][f];
    // the earliest alias wins: they are listed most specific first
    for (const name of names) {
      const c = norm.findIndex((h, i) => !taken.has(i) && h === name);
      if (c >= 0) {
        chosen.set(f, { column: c, confidence: 'exact' });
        taken.add(c);
        break;
      }
    }
  }
  for (const f of fields) {
    if (chosen.has(f)) continue;
    let best = -1;
    let bestLength = 0;
    for (const name of NORMALIZED[kind][f]) {
      if (name.length < 2) continue; // "x" or "y" inside a longer header says nothing
      norm.forEach((h, i) => {
        if (!taken.has(i) && h.includes(name) && name.length > bestLength) {
          best = i;
          bestLength = name.length;
        }
      });
    }
    if (best >= 0) {
      chosen.set(f, { column: best, confidence: 'partial' });
      taken.add(best);
    }
  }
  const required = REQUIRED_FIELDS[kind];
  const mapping: FieldMapping[] = fields.map((f) => {
    const c = chosen.get(f);
    return { field: f, required: required.includes(f), column: c?.column ?? null, confidence: c?.confidence ?? 'none' };
  });
  const score = mapping.reduce((s, m) => s + (m.confidence === 'exact' ? 1 : m.confidence === 'partial' ? 0.5 : 0), 0);
  return { kind, fields: mapping, score, requiredFound: mapping.filter((m) => m.required && m.column !== null).length };
}

/** Applies the user's choices over a proposal: a field they mapped is `manual`, one they set to null has no column. */
export function applyMapping(proposal: FieldMapping[], mapping: ColumnMapping | undefined): FieldMapping[] {
  if (!mapping) return proposal;
  return proposal.map((m) =>
    m.field in mapping ? { ...m, column: mapping[m.field] ?? null, confidence: mapping[m.field] === null ? 'none' : 'manual' } : m,
  );
}

export interface HeaderGuess {
  /** index of the header among the records given */
  index: number;
  proposals: ColumnProposal[];
}

/**
 * The header row among a table's first records: the one whose cells name the most fields of
 * any kind (title rows above it, as Chinese statistical tables have, are skipped). Proposals
 * are sorted best kind first. Null when no row names at least two fields.
 */
export function detectHeader(records: string[][], kinds: readonly TableKind[] = TABLE_KINDS, maxRows = 20): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  let bestScore = 0;
  for (let i = 0; i < Math.min(records.length, maxRows); i++) {
    const proposals = kinds.map((k) => proposeColumns(k, records[i])).sort(compareProposals);
    const top = proposals[0];
    if (top.score >= 2 && top.score > bestScore) {
      best = { index: i, proposals };
      bestScore = top.score;
    }
  }
  return best;
}

/** Better kind first: more required fields found, then a higher score, then the share of its fields found. */
function compareProposals(a: ColumnProposal, b: ColumnProposal): number {
  const share = (p: ColumnProposal) => p.requiredFound / REQUIRED_FIELDS[p.kind].length;
  return share(b) - share(a) || b.score - a.score || b.score / b.fields.length - a.score / a.fields.length;
}

/** A coordinate system named in the position headers ("经度(GCJ02)", "百度经度", "lng_wgs84"), if any. */
export function crsFromHeaders(headers: string[]): Crs | null {
  const text = headers.join(' ').toLowerCase();
  if (/bd-?09|百度|baidu|bmap/.test(text)) return 'bd09';
  if (/gcj-?02|火星|高德|amap|腾讯|tencent/.test(text)) return 'gcj02';
  if (/wgs-?84|gps|cgcs2000|2000国家大地/.test(text)) return 'wgs84';
  return null;
}

/**
 * Why a row (or a file) is refused, in English and Chinese, written once here so the project
 * loader, the importer, the CLI and the interface say the same thing.
 */
export interface Reason {
  en: string;
  zh: string;
}

const r = (en: string, zh: string): Reason => ({ en, zh });

export const REASONS = {
  empty: () => r('empty', '为空'),
  notNumber: () => r('not a number', '不是数字'),
  notWhole: () => r('not a whole number', '不是整数'),
  atLeast: (min: number) => (min === 0 ? r('cannot be negative', '不能为负数') : r(`must be at least ${min}`, `不能小于 ${min}`)),
  above: (min: number) => (min === 0 ? r('must be more than 0', '必须大于 0') : r(`must be more than ${min}`, `必须大于 ${min}`)),
  atMost: (max: number) => r(`must be at most ${max}`, `不能大于 ${max}`),
  tooLong: (max: number) => r(`longer than ${max} characters`, `超过 ${max} 个字符`),
  villageCode: () => r('a village code has 12 digits', '村级代码应为 12 位数字'),
  adminCode: () => r('an administrative code has 2, 4, 6, 9 or 12 digits', '行政区划代码应为 2、4、6、9 或 12 位数字'),
  excelNumber: (value: string) =>
    r(`Excel turned the code into a number (${value}): format the column as text and export again`, `代码被 Excel 转成了数字（${value}）：请把该列设为文本后重新导出`),
  oneOf: (values: readonly string[]) => r(`not one of ${values.join(', ')}`, `不是以下之一：${values.join('、')}`),
  unknownTownship: (code: string) => r(`no township ${code} in the administrative units`, `行政区划中没有乡镇 ${code}`),
  unknownUnit: (code: string) => r(`no administrative unit ${code}`, `行政区划中没有 ${code}`),
  missingParent: (code: string) => r(`no unit ${code} (its parent)`, `没有上级单位 ${code}`),
  parentMismatch: (code: string, parent: string) => r(`code ${code} does not belong to ${parent}`, `代码 ${code} 不属于 ${parent}`),
  levelMismatch: (level: string) => r(`the code's length does not match the level ${level}`, `代码位数与层级 ${level} 不符`),
  zeroPosition: () => r('no position (0, 0)', '没有位置（0, 0）'),
  swapped: () => r('longitude and latitude look swapped', '经度和纬度似乎填反了'),
  outsideChina: () => r('position outside China', '位置在中国境外'),
  outsideCounty: (km: number, county: string) => r(`${km} km outside its county ${county}`, `在所属县 ${county} 之外 ${km} 公里`),
  duplicate: (thing: Reason, key: string, firstRow: number | null) =>
    firstRow === null
      ? r(`duplicate ${thing.en} ${key}`, `重复的${thing.zh} ${key}`)
      : r(`duplicate ${thing.en} ${key} (first in row ${firstRow})`, `重复的${thing.zh} ${key}（首次出现在第 ${firstRow} 行）`),
  moreChildrenThanPeople: () => r('more children than people', '儿童多于人口'),
  moreThanChildren: () => r('more than the village has children', '多于该村儿童数'),
  noVillage: (code: string) => r(`no village ${code}`, `没有村 ${code}`),
  droppedRosterVillage: (code: string, worker: string) =>
    r(`village ${code} is on the roster of worker ${worker} but not in this file`, `村 ${code} 在儿童主任 ${worker} 的名册上，但不在此文件中`),
  fieldCount: (expected: number, found: number) => r(`expected ${expected} fields, found ${found}`, `应有 ${expected} 个字段，实有 ${found} 个`),
  missingColumn: (field: string) => r(`no column for the required field ${field}`, `缺少必填字段 ${field} 的列`),
  badQuotes: (detail: string) => r(`malformed quotes: ${detail}`, `引号不匹配：${detail}`),
  emptyFile: () => r('the file is empty', '文件为空'),
  noHeader: () => r('no header row found', '找不到表头行'),
  notText: () => r('this is not a text file (CSV) nor Excel, GeoJSON, TopoJSON or a zipped shapefile', '不是文本（CSV）、Excel、GeoJSON、TopoJSON 或压缩的 Shapefile 文件'),
  oldExcel: () => r('old Excel (.xls) files cannot be read: save as .xlsx or CSV', '无法读取旧版 Excel（.xls）文件：请另存为 .xlsx 或 CSV'),
  badEncoding: (encoding: string) => r(`the text is not valid ${encoding}`, `文本不是有效的 ${encoding} 编码`),
  badJson: (detail: string) => r(`not valid JSON: ${detail}`, `不是有效的 JSON：${detail}`),
  badGeometry: (detail: string) => r(`not a polygon: ${detail}`, `不是多边形：${detail}`),
  noCode: () => r('no code property (code, adcode, 行政区划代码 ...)', '没有代码属性（code、adcode、行政区划代码等）'),
  mixedLevels: () => r('features of different levels in one file', '同一文件中有不同层级的要素'),
  noFeatures: () => r('no polygons in the file', '文件中没有多边形'),
  unreadable: (detail: string) => r(`cannot read the file: ${detail}`, `无法读取文件：${detail}`),
  noSheet: (name: string) => r(`no sheet named ${name}`, `没有名为 ${name} 的工作表`),
  unknownField: (field: string) => r(`no field ${field}`, `没有字段 ${field}`),
  noSuchColumn: (index: number) => r(`no column ${index + 1}`, `没有第 ${index + 1} 列`),
  datasetFileMissing: (file: string) => r(`the dataset has no ${file}`, `数据集中缺少 ${file}`),
  manifest: (detail: string) => r(`manifest.json: ${detail}`, `manifest.json：${detail}`),
  kindUnknown: () => r('cannot tell what this file holds: choose villages, workers or service points', '无法判断文件内容：请选择村、儿童主任或服务点'),
  tooManyErrors: (max: number) => r(`more than ${max} errors: stopped reading`, `错误超过 ${max} 个：已停止读取`),
} as const;

/** Things named in duplicate reasons. */
export const THINGS = {
  village: r('village', '村'),
  worker: r('worker', '儿童主任'),
  service: r('service point', '服务点'),
  unit: r('unit', '单位'),
  feature: r('feature', '要素'),
} as const;

/** A problem with a file as a whole (not one row): nothing of it is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly reason: Reason,
    /** the file inside a dataset folder or zip, empty for a single file */
    readonly file = '',
  ) {
    super(file ? `${file}: ${reason.en}` : reason.en);
  }
}

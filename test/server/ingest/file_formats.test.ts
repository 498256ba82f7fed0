import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../server/ingest/preview.ts';
import { detectEncoding, looksBinary } from '../../../server/ingest/text_encoding.ts';
import { readColumns } from '../../../server/store/read_columns.ts';
import { openTinyDb, tablesChecksum, villagesCsv } from '../../helpers/tiny_dataset.ts';
import { importFiles } from '../../helpers/import_files.ts';

/** Encodings and spreadsheets: what Chinese Excel writes, read back exactly. */
const { path: tempPath, save, run } = importFiles('file-formats', { fileName: 'f', kind: 'villages', crs: 'wgs84' });

/** The tiny villages with names that need more than GBK: GB18030's four-byte characters. */
function renamed(content: ReturnType<typeof openTinyDb>['content']) {
  const names = ['𠀀家村', '䶮村', '㐀坪村', '囗村'];
  return content.villages.map((v, i) => (i < names.length ? { ...v, name: names[i] } : v));
}

describe('text encodings', () => {
  it('tells UTF-8, GB18030 and UTF-16 apart, with or without a byte-order mark', () => {
    expect(detectEncoding(Buffer.from('村名,人口\n', 'utf8'))).toBe('utf8');
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf8');
    expect(detectEncoding(iconv.encode('村名,人口\n甲村,100\n', 'gbk'))).toBe('gb18030');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf16le');
    // a sample cut in the middle of a UTF-8 character is still UTF-8
    expect(detectEncoding(Buffer.from('村村', 'utf8').subarray(0, 4))).toBe('utf8');
    expect(looksBinary(Buffer.from([0x50, 0x00, 0x01, 0x02]), 'utf8')).toBe(true);
    expect(looksBinary(Buffer.from('a,b\r\n\tc', 'utf8'), 'utf8')).toBe(false);
  });

  for (const encoding of ['gbk', 'gb18030'] as const)
    it(`imports a ${encoding.toUpperCase()} file (Excel's "CSV" on a Chinese Windows) with every name intact`, async () => {
      const { db, content } = openTinyDb();
      // GBK cannot write the four-byte characters: keep those for GB18030
      const villages = encoding === 'gb18030' ? renamed(content) : content.villages.map((v, i) => (i === 0 ? { ...v, name: '甲村（东）' } : v));
      const out = await run(db, save('v.csv', iconv.encode(villagesCsv(villages).replace(/\n/g, '\r\n'), encoding)));
      expect(out.phase).toBe('done');
      const c = readColumns(db, out.datasetId!);
      expect(c.villages.name.slice(0, 4)).toEqual(villages.slice(0, 4).map((v) => v.name));
      const p = await previewImport(db, save('v.csv', iconv.encode(villagesCsv(villages), encoding)), 'v.csv');
      expect(p.encoding).toBe('gb18030');
    });

  it('imports UTF-8 with a byte-order mark (Excel\'s "CSV UTF-8") and UTF-16 with tabs (Excel\'s "Unicode text")', async () => {
    const { db, content } = openTinyDb();
    const villages = renamed(content);
    const bom = await run(db, save('v.csv', '\uFEFF' + villagesCsv(villages)));
    expect(bom.phase).toBe('done');
    expect(readColumns(db, bom.datasetId!).villages.name[0]).toBe('𠀀家村');
    const tsv = villagesCsv(villages).replace(/,/g, '\t');
    const utf16 = await run(db, save('v.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')])));
    expect(utf16.phase).toBe('done');
    expect(readColumns(db, utf16.datasetId!).villages.name.slice(0, 4)).toEqual(villages.slice(0, 4).map((v) => v.name));
  });
});

describe('XLSX', () => {
  async function workbook(content: ReturnType<typeof openTinyDb>['content']): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('说明');
    notes.addRow(['本表为示例']);
    const ws = wb.addWorksheet('村级数据');
    ws.addRow(['2024年村级儿童数据']);
    ws.mergeCells('A1:H1');
    ws.addRow(['行政区划代码', '村名称', '经度', '纬度', '户籍人口', '儿童数', '留守儿童', '项目覆盖年份']);
    content.villages.forEach((v, i) => {
      const row = ws.addRow([
        Number(v.code), // a code typed as a number, as Excel keeps it
        i === 0 ? { richText: [{ text: '甲' }, { text: '镇1村', font: { bold: true } }] } : v.name,
        v.lon,
        v.lat,
        i === 1 ? { formula: `${v.population / 5}*5`, result: v.population } : v.population,
        v.children,
        v.leftBehind,
        v.coveredSince,
      ]);
      row.commit();
    });
    const path = tempPath('book.xlsx');
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('finds the sheet, skips the title row, reads number codes, rich text and formula results', async () => {
    const { db, content } = openTinyDb();
    const path = await workbook(content);
    const p = await previewImport(db, path, '村级数据.xlsx', { sheet: '村级数据' });
    expect(p).toMatchObject({ format: 'xlsx', sheets: ['说明', '村级数据'], sheet: '村级数据', headerRow: 2, kind: 'villages', encoding: null });
    expect(p.sample[0].values).toMatchObject({ code: '140105001001', name: '甲镇1村' });
    const out = await run(db, path, { sheet: '村级数据' });
    expect([out.phase, out.errorCount, out.rowsRead]).toEqual(['done', 0, 36]);
    const c = readColumns(db, out.datasetId!);
    expect(c.villages.code).toEqual(content.villages.map((v) => v.code));
    expect([...c.villages.population]).toEqual(content.villages.map((v) => v.population));
    expect([...c.villages.leftBehind]).toEqual(content.villages.map((v) => v.leftBehind));
    // the categories without a column are read as 0
    expect(c.villages.disabled.every((x) => x === 0)).toBe(true);
  });

  it('says which sheet is missing, and that the first sheet has no header', async () => {
    const { db, content } = openTinyDb();
    const path = await workbook(content);
    const before = tablesChecksum(db);
    const missing = await run(db, path, { sheet: 'Sheet9' });
    expect(missing.errors.map((e) => e.reason)).toEqual(['no sheet named Sheet9']);
    const first = await run(db, path);
    expect(first.errors.map((e) => e.reason)).toEqual(['no header row found']);
    expect(tablesChecksum(db)).toBe(before);
  });

  it('refuses an old .xls file with a plain reason', async () => {
    const { db } = openTinyDb();
    const out = await run(db, save('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])));
    expect(out.errors[0].reason).toBe('old Excel (.xls) files cannot be read: save as .xlsx or CSV');
  });
});

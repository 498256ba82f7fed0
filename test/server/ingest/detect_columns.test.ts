import { describe, expect, it } from 'vitest';
import { crsFromHeaders, detectHeader, normalizeHeader, proposeColumns } from '../../../server/ingest/detect_columns.ts';

const columnsOf = (kind: Parameters<typeof proposeColumns>[0], header: string[]) =>
  Object.fromEntries(proposeColumns(kind, header).fields.filter((f) => f.column !== null).map((f) => [f.field, [header[f.column!], f.confidence]]));

describe('header detection', () => {
  it('reads the project format headers exactly', () => {
    const header = 'code,name,lon,lat,population,children,left_behind,disabled,orphaned,difficult,covered_since'.split(',');
    const p = proposeColumns('villages', header);
    expect(p.fields.filter((f) => f.column !== null).every((f) => f.confidence === 'exact' && header[f.column!] === f.field)).toBe(true);
    expect(p.requiredFound).toBe(6);
  });

  it('maps common Chinese village headers, with units and full-width brackets ignored', () => {
    const header = ['序号', '行政区划代码', '村（居）名称', '经度(°)', '纬度(°)', '户籍人口（人）', '0-17岁儿童', '留守儿童数', '残疾儿童', '孤儿和事实无人抚养儿童', '困境儿童', '项目覆盖年份'];
    expect(columnsOf('villages', header)).toEqual({
      code: ['行政区划代码', 'exact'],
      name: ['村（居）名称', 'exact'],
      lon: ['经度(°)', 'exact'],
      lat: ['纬度(°)', 'exact'],
      population: ['户籍人口（人）', 'exact'],
      children: ['0-17岁儿童', 'exact'],
      left_behind: ['留守儿童数', 'exact'],
      disabled: ['残疾儿童', 'exact'],
      orphaned: ['孤儿和事实无人抚养儿童', 'exact'],
      difficult: ['困境儿童', 'exact'],
      covered_since: ['项目覆盖年份', 'exact'],
    });
  });

  it('maps English headers in any case and with spaces', () => {
    const header = ['Village Code', 'Village Name', 'Longitude', 'Latitude', 'Population', 'Children', 'Left-behind', 'Disabled', 'Orphans', 'Difficult', 'Covered since'];
    const m = columnsOf('villages', header);
    expect(Object.keys(m).sort()).toEqual(['children', 'code', 'covered_since', 'difficult', 'disabled', 'lat', 'left_behind', 'lon', 'name', 'orphaned', 'population']);
    expect(Object.values(m).every(([, c]) => c === 'exact')).toBe(true);
  });

  it('guesses from headers that contain a known name, and says it guessed', () => {
    const m = columnsOf('villages', ['村级统计用区划代码', '所属行政村名称', '东经度数', '北纬度数', '年末户籍人口总数', '在册儿童人数']);
    expect(m.code).toEqual(['村级统计用区划代码', 'partial']);
    expect(m.name).toEqual(['所属行政村名称', 'partial']);
    expect(m.population[1]).toBe('partial');
    expect(m.children[1]).toBe('partial');
  });

  it('does not let a general name take a column a specific one claims (儿童 vs 留守儿童)', () => {
    const m = columnsOf('villages', ['留守儿童数', '儿童总数']);
    expect(m.left_behind[0]).toBe('留守儿童数');
    expect(m.children[0]).toBe('儿童总数');
  });

  it('maps Chinese worker and service point headers', () => {
    expect(columnsOf('workers', ['儿童主任编号', '姓名', '所在村代码', '经度', '纬度', '个案容量', '上岗年份', '负责村'])).toMatchObject({
      id: ['儿童主任编号', 'exact'], home_village: ['所在村代码', 'exact'], capacity: ['个案容量', 'exact'], start_year: ['上岗年份', 'exact'], roster: ['负责村', 'exact'],
    });
    expect(columnsOf('services', ['机构编号', '机构类型', '机构名称', '经度', '纬度', '床位数', '所属区划代码'])).toMatchObject({
      id: ['机构编号', 'exact'], type: ['机构类型', 'exact'], name: ['机构名称', 'exact'], capacity: ['床位数', 'exact'], admin_code: ['所属区划代码', 'exact'],
    });
  });

  it('skips title rows above the header and ranks the kinds', () => {
    const records = [
      ['某县2024年儿童福利服务点统计表', '', '', ''],
      ['填报单位：民政局', '', '', ''],
      ['编号', '类型', '名称', '经度', '纬度', '容量', '所属区划代码'],
      ['s1', '卫生院', '甲', '112', '37', '10', '140105001'],
    ];
    const guess = detectHeader(records)!;
    expect(guess.index).toBe(2);
    expect(guess.proposals[0].kind).toBe('services');
    expect(detectHeader([['a', 'b'], ['1', '2']])).toBeNull();
  });

  it('tells villages, workers and service points apart by their headers', () => {
    const kind = (h: string) => detectHeader([h.split(',')])!.proposals[0].kind;
    expect(kind('code,name,lon,lat,population,children')).toBe('villages');
    expect(kind('id,home_village,lon,lat,capacity,start_year,roster')).toBe('workers');
    expect(kind('id,type,name,lon,lat,capacity,admin_code')).toBe('services');
    expect(kind('村代码,村名,经度,纬度,人口,儿童数')).toBe('villages');
  });

  it('reads a coordinate system named in the headers', () => {
    expect(crsFromHeaders(['经度(GCJ02)', '纬度(GCJ02)'])).toBe('gcj02');
    expect(crsFromHeaders(['百度经度', '百度纬度'])).toBe('bd09');
    expect(crsFromHeaders(['lng_wgs84', 'lat_wgs84'])).toBe('wgs84');
    expect(crsFromHeaders(['经度', '纬度'])).toBeNull();
  });

  it('normalises width, case, spaces and bracketed units', () => {
    expect(normalizeHeader(' Ｖｉｌｌａｇｅ_Code ')).toBe('villagecode');
    expect(normalizeHeader('人口（人）')).toBe('人口');
    expect(normalizeHeader('经度 [deg]')).toBe('经度');
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Crs } from '../../../server/domain/import.ts';
import { fromWgs84 } from '../../../server/ingest/crs.ts';
import { normalizeAreaCode } from '../../../server/ingest/boundary_file.ts';
import { previewImport } from '../../../server/ingest/preview.ts';
import { writeZip } from '../../../server/ingest/zip.ts';
import { readBoundary } from '../../../server/store/datasets.ts';
import { listVersions } from '../../../server/store/dataset_versions.ts';
import { openTinyDb, SIDE, SOUTH, tablesChecksum, TOWNSHIPS } from '../../helpers/tiny_dataset.ts';
import { importFiles } from '../../helpers/import_files.ts';

/** Administrative boundaries from GeoJSON, TopoJSON and zipped shapefiles. */
const { save, run } = importFiles('boundary-file', { fileName: 'b', kind: 'boundaries', crs: 'wgs84' });

/** The tiny townships, each a square ring (clockwise, as shapefiles want outer rings), in `crs`. */
function townshipRings(crs: Crs = 'wgs84'): number[][][] {
  return TOWNSHIPS.map((t) => {
    const [w, e, s, nn] = [t.west, t.west + SIDE, SOUTH, SOUTH + SIDE];
    // dense edges, so a shift of a few hundred metres moves the whole outline
    const ring: number[][] = [];
    const steps = 10;
    for (let i = 0; i < steps; i++) ring.push([w, s + ((nn - s) * i) / steps]);
    for (let i = 0; i < steps; i++) ring.push([w + ((e - w) * i) / steps, nn]);
    for (let i = 0; i < steps; i++) ring.push([e, nn - ((nn - s) * i) / steps]);
    for (let i = 0; i < steps; i++) ring.push([e - ((e - w) * i) / steps, s]);
    ring.push([w, s]);
    return ring.map(([x, y]) => fromWgs84(x, y, crs));
  });
}

function geojson(props: (i: number) => Record<string, unknown>, crs: Crs = 'wgs84'): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: townshipRings(crs).map((ring, i) => ({ type: 'Feature', properties: props(i), geometry: { type: 'Polygon', coordinates: [ring] } })),
  });
}

/** A minimal polygon shapefile (.shp, .dbf in GBK without a .cpg, as Chinese GIS exports often are). */
function shapefile(rings: number[][][], rows: { code: string; name: string }[]): { shp: Buffer; dbf: Buffer } {
  const records = rings.map((ring, i) => {
    const content = Buffer.alloc(44 + 4 + ring.length * 16);
    content.writeInt32LE(5, 0);
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, k) => content.writeDoubleLE(v, 4 + 8 * k));
    content.writeInt32LE(1, 36);
    content.writeInt32LE(ring.length, 40);
    content.writeInt32LE(0, 44);
    ring.forEach(([x, y], k) => {
      content.writeDoubleLE(x, 48 + 16 * k);
      content.writeDoubleLE(y, 56 + 16 * k);
    });
    const header = Buffer.alloc(8);
    header.writeInt32BE(i + 1, 0);
    header.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([header, content]);
  });
  const body = Buffer.concat(records);
  const head = Buffer.alloc(100);
  head.writeInt32BE(9994, 0);
  head.writeInt32BE((100 + body.length) / 2, 24);
  head.writeInt32LE(1000, 28);
  head.writeInt32LE(5, 32);
  const all = rings.flat();
  [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))].forEach((v, k) =>
    head.writeDoubleLE(v, 36 + 8 * k),
  );
  const fields = [
    { name: 'XZQDM', length: 12 },
    { name: 'XZQMC', length: 40 },
  ];
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const dbfHead = Buffer.alloc(32 + 32 * fields.length + 1);
  dbfHead[0] = 3;
  dbfHead.writeUInt32LE(rows.length, 4);
  dbfHead.writeUInt16LE(dbfHead.length, 8);
  dbfHead.writeUInt16LE(recordLength, 10);
  dbfHead[29] = 0x4d; // language driver: GBK (code page 936)
  fields.forEach((f, k) => {
    dbfHead.write(f.name, 32 + 32 * k, 'latin1');
    dbfHead[32 + 32 * k + 11] = 'C'.charCodeAt(0);
    dbfHead[32 + 32 * k + 16] = f.length;
  });
  dbfHead[dbfHead.length - 1] = 0x0d;
  const dbfRows = rows.map((r) => {
    const rec = Buffer.alloc(recordLength, 0x20);
    iconv.encode(r.code, 'gbk').copy(rec, 1);
    iconv.encode(r.name, 'gbk').copy(rec, 1 + fields[0].length);
    return rec;
  });
  return { shp: Buffer.concat([head, body]), dbf: Buffer.concat([dbfHead, ...dbfRows, Buffer.from([0x1a])]) };
}

interface StoredFeature {
  properties: { code: string; name: string; label: [number, number] };
  geometry: { type: string; coordinates: number[][][] };
}
const stored = (db: Parameters<typeof readBoundary>[0], id: number, layer: 'townships' | 'counties') =>
  (JSON.parse(readBoundary(db, id, layer)!) as { features: StoredFeature[] }).features;

describe('boundary files', () => {
  it('imports GeoJSON with AMap-style codes as the township layer, keeping the other layers', async () => {
    const { db, datasetId } = openTinyDb();
    const path = save('t.geojson', geojson((i) => ({ adcode: Number(TOWNSHIPS[i].code + '000'), name: `${TOWNSHIPS[i].name}（新）` })));
    const p = await previewImport(db, path, 't.geojson');
    expect(p).toMatchObject({ format: 'geojson', kind: 'boundaries', layer: 'townships', counts: { features: 3, errors: 0 } });
    const out = await run(db, path);
    expect(out.phase).toBe('done');
    const features = stored(db, out.datasetId!, 'townships');
    expect(features.map((f) => [f.properties.code, f.properties.name])).toEqual(TOWNSHIPS.map((t) => [t.code, `${t.name}（新）`]));
    expect(features[0].properties.label).toEqual([112.025, 37.025]);
    expect(readBoundary(db, out.datasetId!, 'counties')).toBe(readBoundary(db, datasetId, 'counties'));
    expect(listVersions(db)[0].note).toBe('townships boundaries from b: 3 areas');
  });

  it('imports TopoJSON', async () => {
    const { db } = openTinyDb();
    const rings = townshipRings();
    const topology = {
      type: 'Topology',
      arcs: rings,
      objects: { towns: { type: 'GeometryCollection', geometries: rings.map((_, i) => ({ type: 'Polygon', arcs: [[i]], properties: { code: TOWNSHIPS[i].code } })) } },
    };
    const out = await run(db, save('t.topojson', JSON.stringify(topology)));
    expect(out.phase).toBe('done');
    const features = stored(db, out.datasetId!, 'townships');
    expect(features.map((f) => f.properties.code)).toEqual(TOWNSHIPS.map((t) => t.code));
    // no name in the file: the unit's name from the dataset
    expect(features[1].properties.name).toBe('乙镇');
    expect(features[0].geometry.coordinates[0]).toEqual(rings[0]);
  });

  it('imports a zipped shapefile whose attribute table is GBK without a .cpg', async () => {
    const { db } = openTinyDb();
    const { shp, dbf } = shapefile(townshipRings(), TOWNSHIPS.map((t) => ({ code: t.code, name: `${t.name}街道` })));
    const zip = writeZip([
      { name: '乡镇/乡镇界.shp', data: shp },
      { name: '乡镇/乡镇界.dbf', data: dbf },
    ]);
    const path = save('towns.zip', zip);
    const p = await previewImport(db, path, 'towns.zip');
    expect(p).toMatchObject({ format: 'shapefile', layer: 'townships', counts: { errors: 0 } });
    const out = await run(db, path);
    expect(out.phase).toBe('done');
    expect(stored(db, out.datasetId!, 'townships').map((f) => f.properties.name)).toEqual(TOWNSHIPS.map((t) => `${t.name}街道`));
  });

  it('refuses unknown and repeated codes, lines, and codes of another level, feature by feature', async () => {
    const { db } = openTinyDb();
    const before = tablesChecksum(db);
    const fc = JSON.parse(geojson((i) => ({ code: TOWNSHIPS[i].code }))) as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
    fc.features.push({ properties: { code: '140105009' }, geometry: fc.features[0].geometry });
    fc.features.push({ properties: { code: '140105001' }, geometry: fc.features[0].geometry });
    fc.features.push({ properties: { code: '140105002' }, geometry: { type: 'LineString', coordinates: [[112, 37], [112.1, 37.1]] } });
    fc.features.push({ properties: { code: '140105' }, geometry: fc.features[0].geometry });
    const out = await run(db, save('bad.geojson', JSON.stringify({ type: 'FeatureCollection', features: fc.features.map((f) => ({ type: 'Feature', ...f })) })));
    expect(out.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [4, 'code', 'no administrative unit 140105009'],
      [5, 'code', 'duplicate feature 140105001 (first in row 1)'],
      [6, 'geometry', 'not a polygon: LineString'],
      [7, 'code', 'features of different levels in one file'],
    ]);
    expect(tablesChecksum(db)).toBe(before);
  });

  it('warns when boundaries in GCJ-02 are imported as WGS84, and converts them when told', async () => {
    const { db } = openTinyDb(40);
    const path = save('gcj.geojson', geojson((i) => ({ code: TOWNSHIPS[i].code }), 'gcj02'));
    const p = await previewImport(db, path, 'gcj.geojson');
    expect(p.crsSuggestion?.crs).toBe('gcj02');
    const wrong = await run(db, path, { dryRun: true });
    expect(wrong.warnings.find((w) => w.code === 'shifted')?.crs).toBe('gcj02');
    expect(wrong.warnings.find((w) => w.code === 'outsideBoundaries')?.message).toMatch(/villages lie outside their area/);
    const right = await run(db, path, { crs: 'gcj02' });
    expect(right.warnings).toEqual([]);
    const ring = stored(db, right.datasetId!, 'townships')[0].geometry.coordinates[0];
    townshipRings()[0].forEach(([x, y], k) => {
      expect(ring[k][0]).toBeCloseTo(x, 5);
      expect(ring[k][1]).toBeCloseTo(y, 5);
    });
  });

  it('reads area codes however sources pad them', () => {
    expect(normalizeAreaCode('140000')).toBe('14');
    expect(normalizeAreaCode(140100)).toBe('1401');
    expect(normalizeAreaCode('140105')).toBe('140105');
    expect(normalizeAreaCode('140105000000')).toBe('140105');
    expect(normalizeAreaCode('140105001000')).toBe('140105001');
    expect(normalizeAreaCode('１４０１０５')).toBe('140105');
  });
});

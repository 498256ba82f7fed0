import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetVersion, ImportPreview, ImportStatus } from '../../../server/domain/import.ts';
import { importJobsFor, UploadTooLarge } from '../../../server/ingest/import_jobs.ts';
import type { Db } from '../../../server/store/db.ts';
import { HttpSession, trpcResult } from '../../helpers/http_session.ts';
import { openTinyDb, tablesChecksum, villagesCsv } from '../../helpers/tiny_dataset.ts';
import { serve } from './serve.ts';

/** The import as the browser drives it: upload, preview, commit, poll, versions, restore, error list. */
let db: Db;
let content: ReturnType<typeof openTinyDb>['content'];
let app: Awaited<ReturnType<typeof serve>>;
let http: HttpSession;

beforeAll(async () => {
  ({ db, content } = openTinyDb());
  app = await serve(db);
  http = new HttpSession(app.base);
});
afterAll(async () => {
  await app?.close();
  db?.close();
});

const data = async <T>(res: Promise<Response>): Promise<T> => {
  const r = await trpcResult<T>(await res);
  if (r.data === undefined) throw new Error(`HTTP ${r.status}: ${r.code} ${r.message}`);
  return r.data;
};

async function upload(name: string, body: string): Promise<string> {
  const res = await http.fetch(`/api/imports/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body });
  expect(res.status).toBe(200);
  const saved = (await res.json()) as { uploadId: string; name: string; size: number };
  expect(saved).toMatchObject({ name, size: Buffer.byteLength(body) });
  return saved.uploadId;
}

async function finished(id: string): Promise<ImportStatus> {
  for (;;) {
    const s = await data<ImportStatus>(http.query('imports.status', { id }));
    if (['done', 'failed', 'cancelled'].includes(s.phase)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('import over HTTP', () => {
  it('uploads, previews (writing nothing), commits off the request, and the new version becomes current; restore brings the old one back', async () => {
    const changed = content.villages.map((v, i) => (i === 0 ? { ...v, name: '新名字村' } : v));
    const uploadId = await upload('村.csv', villagesCsv(changed));
    const before = tablesChecksum(db);
    const preview = await data<ImportPreview>(http.query('imports.preview', { uploadId }));
    expect(preview).toMatchObject({ fileName: '村.csv', kind: 'villages', encoding: 'utf8', headerRow: 1, counts: { errors: 0, rowsChecked: 36 } });
    expect(tablesChecksum(db)).toBe(before);

    const started = await data<ImportStatus>(http.mutation('imports.commit', { uploadId, kind: 'villages', crs: 'wgs84' }));
    expect(['queued', 'reading']).toContain(started.phase);
    const done = await finished(started.id);
    expect(done).toMatchObject({ phase: 'done', version: 2, rowsRead: 36, errorCount: 0 });
    const versions = await data<DatasetVersion[]>(http.query('datasets.versions'));
    expect(versions.map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
    expect((await data<{ id: number } | null>(http.query('datasets.current')))?.id).toBe(done.datasetId);
    // the upload is gone once imported
    expect(existsSync(`${importJobsFor(db).uploadsDir}/${uploadId}`)).toBe(false);

    const restored = await data<DatasetVersion[]>(http.mutation('datasets.restore', { datasetId: versions[1].id }));
    expect(restored.map((v) => [v.version, v.current])).toEqual([[2, false], [1, true]]);
    expect(await trpcResult(await http.mutation('datasets.restore', { datasetId: 999 }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a failed import writes nothing and offers every error as CSV (UTF-8 with a BOM, for Excel)', async () => {
    const before = tablesChecksum(db);
    const bad = villagesCsv(content.villages).replace(/,37\.0/g, ',57.0');
    const uploadId = await upload('bad.csv', bad);
    const started = await data<ImportStatus>(http.mutation('imports.commit', { uploadId, kind: 'villages', crs: 'wgs84' }));
    const failed = await finished(started.id);
    expect(failed).toMatchObject({ phase: 'failed', errorCount: 36, datasetId: null });
    expect(tablesChecksum(db)).toBe(before);
    const csv = await http.fetch(`/api/imports/${started.id}/errors.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="import-errors-/);
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('file,row,column,value,reason,reason_zh');
    expect(lines).toHaveLength(37);
    expect(lines[1]).toMatch(/^,2,lon,"112\.\d+, 57\.\d+",position outside China,位置在中国境外$/);
    expect((await http.fetch('/api/imports/00000000-0000-0000-0000-000000000000/errors.csv')).status).toBe(404);
  });

  it('says NOT_FOUND for an upload that is not there, and refuses an empty one', async () => {
    const r = await trpcResult(await http.query('imports.preview', { uploadId: '00000000-0000-0000-0000-000000000000' }));
    expect(r.code).toBe('NOT_FOUND');
    const empty = await http.fetch('/api/imports/upload?name=e.csv', { method: 'POST', body: '' });
    expect(empty.status).toBe(400);
  });

  it('answers 413 at once to a declared body over 500 MB, and stops a streamed one at the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/api/imports/upload?name=huge.csv', app.base);
      const req = request(url, { method: 'POST', headers: { cookie: http.cookie, 'x-csrf-token': 'test-csrf-token-0123456789', 'content-length': String(600 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('code,name\n');
    });
    expect(status).toBe(413);
    const jobs = importJobsFor(db);
    const count = readdirSync(jobs.uploadsDir).length;
    await expect(jobs.saveUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 'x.csv', 1000)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(readdirSync(jobs.uploadsDir).length).toBe(count);
  });

  it('exports a version as a zip that imports back as a whole dataset', async () => {
    const zip = await http.fetch('/api/exports/dataset.zip');
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const body = Buffer.from(await zip.arrayBuffer());
    const res = await http.fetch('/api/imports/upload?name=dataset.zip', { method: 'POST', body });
    const { uploadId } = (await res.json()) as { uploadId: string };
    const preview = await data<ImportPreview>(http.query('imports.preview', { uploadId }));
    expect(preview).toMatchObject({ format: 'dataset', kind: 'dataset' });
    const started = await data<ImportStatus>(http.mutation('imports.commit', { uploadId, kind: 'dataset', crs: 'wgs84' }));
    expect(await finished(started.id)).toMatchObject({ phase: 'done', errorCount: 0 });
  });
});

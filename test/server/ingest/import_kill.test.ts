import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetVersion, ImportStatus } from '../../../server/domain/import.ts';
import { HttpSession, trpcResult } from '../../helpers/http_session.ts';
import { startServer, type RunningServer } from '../../helpers/server_process.ts';

/**
 * The server is killed (SIGKILL: no handler runs, no transaction is finished) while an import
 * of 200,000 villages is writing its new version. After a restart the previous version is the
 * current one, whole, and the database passes SQLite's integrity check.
 */
const DEFAULT_VILLAGES = fileURLToPath(new URL('../../../data/default/villages.csv', import.meta.url));
const ROWS = 200_000;

let server: RunningServer | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'import-kill-'));
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The default villages plus new ones in the same townships (unused codes, a neighbour's position), ROWS in all. */
function bigVillagesCsv(): string {
  const lines = readFileSync(DEFAULT_VILLAGES, 'utf8').trimEnd().split('\n');
  const codes = new Set(lines.slice(1).map((l) => l.slice(0, 12)));
  const extra: string[] = [];
  for (let i = 1; extra.length < ROWS - (lines.length - 1); i = (i % (lines.length - 1)) + 1) {
    const cells = lines[i].split(',');
    const township = cells[0].slice(0, 9);
    let suffix = 999;
    while (codes.has(township + String(suffix).padStart(3, '0'))) suffix--;
    const code = township + String(suffix).padStart(3, '0');
    codes.add(code);
    extra.push([code, `新村${extra.length}`, ...cells.slice(2)].join(','));
  }
  return [...lines, ...extra].join('\n') + '\n';
}

const data = async <T>(res: Promise<Response>): Promise<T> => {
  const r = await trpcResult<T>(await res);
  if (r.data === undefined) throw new Error(`HTTP ${r.status}: ${r.code} ${r.message}`);
  return r.data;
};

describe('SIGKILL during a large import', () => {
  it('leaves the previous version current, whole and usable after a restart', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    let http = new HttpSession(server.url);
    const before = await data<DatasetVersion[]>(http.query('datasets.versions'));
    expect(before.map((v) => [v.version, v.current, v.counts.villages])).toEqual([[1, true, 138_294]]);

    const csv = bigVillagesCsv();
    expect(csv.split('\n').length - 2).toBe(ROWS);
    const file = join(dataDir, 'big.csv');
    writeFileSync(file, csv);
    const upload = await http.fetch('/api/imports/upload?name=big.csv', { method: 'POST', body: readFileSync(file) });
    expect(upload.status).toBe(200);
    const { uploadId } = (await upload.json()) as { uploadId: string };
    const started = await data<ImportStatus>(http.mutation('imports.commit', { uploadId, kind: 'villages', crs: 'wgs84' }));

    // poll until the new version is being written, then kill the server outright
    let status = started;
    const seen = new Set<string>();
    for (;;) {
      status = await data<ImportStatus>(http.query('imports.status', { id: started.id }));
      seen.add(status.phase);
      if (status.phase === 'writing' && status.rowsWritten > 0) break;
      expect(['queued', 'reading', 'checking', 'writing'], JSON.stringify(status)).toContain(status.phase);
      await new Promise((r) => setTimeout(r, 15));
    }
    server.process.kill('SIGKILL');
    await new Promise((r) => server!.process.once('exit', r));
    expect(seen.has('reading')).toBe(true);
    expect(status.rowsRead).toBe(ROWS);
    expect(status.rowsWritten).toBeLessThan(ROWS);

    server = await startServer({ DATA_DIR: dataDir });
    http = new HttpSession(server.url);
    const after = await data<DatasetVersion[]>(http.query('datasets.versions'));
    expect(after.map((v) => [v.version, v.current, v.counts.villages])).toEqual([[1, true, 138_294]]);
    const summary = await data<{ villages: number }>(http.query('units.summary'));
    expect(summary.villages).toBe(138_294);
    const coverage = await data<{ unit: { villages: number; served: number } }>(http.query('analysis.coverage'));
    expect(coverage.unit.villages).toBe(138_294);
    expect(coverage.unit.served).toBeGreaterThan(0);
    await server.stop();
    server = null;

    const db = new Database(join(dataDir, 'coverage.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) AS n FROM village').get()).toEqual({ n: 138_294 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM dataset').get()).toEqual({ n: 1 });
    db.close();
  });
});

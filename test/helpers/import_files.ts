import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runImport, type ImportRequest } from '../../server/ingest/run_import.ts';

/**
 * A temporary folder for a test file's import inputs (removed afterwards), with `save` to write
 * a file into it under a unique name, `path` for a unique path, and `run` to import a file with
 * these defaults for the request.
 */
export function importFiles(prefix: string, defaults: Pick<ImportRequest, 'fileName' | 'kind' | 'crs'>) {
  let dir = '';
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string) => join(dir, `${n++}-${name}`);
  return {
    path,
    save(name: string, body: string | Buffer): string {
      const p = path(name);
      writeFileSync(p, body);
      return p;
    },
    run: (db: Parameters<typeof runImport>[0], file: string, req: Partial<ImportRequest> = {}) =>
      runImport(db, { path: file, ...defaults, ...req }, { workDir: path('work') }),
  };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDataset } from '../../../server/store/datasets.ts';
import { openDb } from '../../../server/store/db.ts';
import { listVersions } from '../../../server/store/dataset_versions.ts';
import { tinyContent } from '../../helpers/tiny_dataset.ts';

/** `npm run import` as a person runs it: what it prints and its exit code. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
  const db = openDb(join(dir, 'var'));
  insertDataset(db, tinyContent(3));
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(dir, 'var') }, encoding: 'utf8' });

describe('npm run import', () => {
  const content = tinyContent(3);
  // odd headers, in GBK, mapped on the command line
  const rows = content.servicePoints.map((s) => [s.id, s.type, s.name, s.lon, s.lat, s.capacity, s.adminCode].join(','));
  const text = ['甲,乙,丙,丁,戊,己,庚', ...rows].join('\n');

  it('prints the row errors and exits with 1, writing nothing', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, iconv.encode(text + '\nS9,卫生院,院,112.01,37.01,-3,140105001\n', 'gbk'));
    const r = cli(path, '--kind', 'services', '--map', '甲=id', '乙=type', '丙=name', 'D=lon', '5=lat', '己=capacity', '庚=admin_code');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('GBK / GB18030');
    expect(r.stdout).toMatch(/capacity +<- 己 \(column 6\)/);
    expect(r.stdout).toContain('1 errors: nothing was written.');
    expect(r.stdout).toContain(',6,己,-3,must be more than 0');
    expect(r.stdout).toMatch(/All errors: .*errors\.csv/);
  });

  it('writes a new version and exits with 0; a dry run writes nothing', () => {
    const path = join(dir, 'good.csv');
    writeFileSync(path, iconv.encode(text + '\n', 'gbk'));
    const map = ['--map', '甲=id', '乙=type', '丙=name', '丁=lon', '戊=lat', '己=capacity', '庚=admin_code'];
    const dry = cli(path, '--kind', 'services', '--crs', 'wgs84', '--dry-run', ...map);
    expect(dry.status, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: 4 rows read, no errors');
    const r = cli(path, '--kind', 'services', '--crs', 'wgs84', ...map);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/done: 4 rows read, 0 errors/);
    expect(r.stdout).toContain('Wrote version 2');
    const db = openDb(join(dir, 'var'));
    expect(listVersions(db).map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
    expect(db.prepare("SELECT user_name, path, ok FROM audit_log WHERE path = 'cli.import'").all()).toHaveLength(3);
    db.close();
  });

  it('explains bad usage with exit code 2', () => {
    const r = cli('--crs', 'wgs99', 'x.csv');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--crs is one of wgs84, gcj02, bd09');
  });
});

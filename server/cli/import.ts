/**
 * Imports a file into the dashboard's database as a new dataset version:
 *
 *   npm run import -- FILE [--kind villages|workers|services|boundaries|dataset]
 *     [--crs wgs84|gcj02|bd09] [--encoding auto|utf8|gbk] [--sheet NAME] [--header-row N]
 *     [--layer provinces|prefectures|counties|townships] [--map COLUMN=FIELD ...] [--dry-run]
 *
 * (`--map` takes one or more COLUMN=FIELD: `--map 区划代码=code 村名=name`.)
 *
 * Prints what it found (format, encoding, header, the column of each field), progress (rows
 * read, errors so far), then the row errors or the new version. Exit code 0 when the version is
 * written (or a dry run found no error), 1 on errors, 2 on bad usage, 130 when interrupted.
 * DATA_DIR names the data directory, as for `npm start` (default ./var); safe while the server
 * runs (WAL).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CRS_CHOICES, ENCODING_CHOICES, IMPORT_KINDS, BOUNDARY_IMPORT_LAYERS, type ColumnMapping, type ImportPreview } from '../domain/import.ts';
import { CRS_LABELS } from '../ingest/crs.ts';
import { errorCsvLine } from '../ingest/error_log.ts';
import { previewImport } from '../ingest/preview.ts';
import { runImport } from '../ingest/run_import.ts';
import { ENCODING_LABELS } from '../ingest/text_encoding.ts';
import { insertAudit } from '../store/audit.ts';
import { openDb } from '../store/db.ts';
import { currentDatasetId } from '../store/datasets.ts';
import { ensureDataset } from '../store/seed_default.ts';

const USAGE = `usage: npm run import -- FILE [--kind ${IMPORT_KINDS.join('|')}] [--crs ${CRS_CHOICES.join('|')}] [--encoding ${ENCODING_CHOICES.join('|')}]
         [--sheet NAME] [--header-row N] [--layer ${BOUNDARY_IMPORT_LAYERS.join('|')}] [--map COLUMN=FIELD ...] [--dry-run]`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      crs: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      layer: { type: 'string' },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
// `--map a=b c=d`: the mappings after the first come as positionals (they are not files)
const extraMaps = positionals.slice(1).filter((p) => p.includes('=') && !existsSync(p));
const files = positionals.filter((p) => !extraMaps.includes(p));
if (files.length !== 1) usage('name one file (or dataset folder) to import');
const file = files[0];
const mapArgs = [...(values.map ?? []), ...extraMaps];
const opt = <T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined => {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) usage(`--${name} is one of ${choices.join(', ')}`);
  return value as T;
};
const kindArg = opt('kind', values.kind, IMPORT_KINDS);
const crsArg = opt('crs', values.crs, CRS_CHOICES);
const encoding = opt('encoding', values.encoding, ENCODING_CHOICES) ?? 'auto';
const layer = opt('layer', values.layer, BOUNDARY_IMPORT_LAYERS);
let headerRow = values['header-row'] === undefined ? undefined : z.coerce.number().int().min(1).safeParse(values['header-row']).data;
if (values['header-row'] !== undefined && headerRow === undefined) usage('--header-row is a row number from 1');

try {
  statSync(file);
} catch {
  usage(`no file ${file}`);
}

const dataDir = z.string().default(fileURLToPath(new URL('../../var', import.meta.url))).parse(process.env.DATA_DIR);
const db = openDb(dataDir);
if (currentDatasetId(db) === null && kindArg !== 'dataset') {
  console.log('The database is empty: loading the default dataset first, as `npm start` would.');
  ensureDataset(db);
}

/** A column named by its header, its spreadsheet letter (A, B, ... AA) or its number from 1. */
function columnIndex(name: string, header: string[]): number | null {
  const exact = header.findIndex((h) => h === name);
  if (exact >= 0) return exact;
  if (/^\d+$/.test(name)) return Number(name) - 1;
  if (/^[A-Z]{1,3}$/.test(name)) return [...name].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  return null;
}

function mappingFrom(args: string[] | undefined, header: string[]): ColumnMapping | undefined {
  if (!args?.length) return undefined;
  const mapping: ColumnMapping = {};
  for (const a of args) {
    const i = a.lastIndexOf('=');
    if (i < 1) usage(`--map takes COLUMN=FIELD, not ${a}`);
    const index = columnIndex(a.slice(0, i), header);
    if (index === null) usage(`--map ${a}: no column ${a.slice(0, i)} (columns: ${header.join(', ')})`);
    mapping[a.slice(i + 1)] = index;
  }
  return mapping;
}

function printPreview(p: ImportPreview): void {
  const what = [p.format, p.encoding ? ENCODING_LABELS[p.encoding] : null, p.sheet ? `sheet ${p.sheet}` : null, p.headerRow ? `header in row ${p.headerRow}` : null]
    .filter(Boolean)
    .join(', ');
  console.log(`${p.fileName}: ${what}; ${p.kind}${p.layer ? ` (${p.layer})` : ''}`);
  for (const f of p.fields) {
    const column = f.column === null ? '-' : `${p.header[f.column] ?? '?'} (column ${f.column + 1})`;
    console.log(`  ${f.field.padEnd(14)} <- ${column}${f.confidence === 'partial' ? '  [guessed: check]' : ''}${f.required && f.column === null ? '  [required]' : ''}`);
  }
  if (p.crsSuggestion) console.log(`  coordinates: ${p.crsSuggestion.message}`);
}

const fileName = basename(file);
let preview = await previewImport(db, file, fileName, { kind: kindArg, encoding, sheet: values.sheet, headerRow, crs: crsArg, layer });
// headers nobody would recognise, mapped by hand: the header is the first row (or --header-row)
if (preview.header.length === 0 && mapArgs.length && kindArg) {
  headerRow ??= 1;
  preview = await previewImport(db, file, fileName, { kind: kindArg, encoding, sheet: values.sheet, headerRow, crs: crsArg, layer });
}
const mapping = mappingFrom(mapArgs, preview.header);
if (mapping) preview = await previewImport(db, file, fileName, { kind: kindArg, encoding, sheet: values.sheet, headerRow, crs: crsArg, layer, mapping });
printPreview(preview);
const kind = kindArg ?? preview.kind;
const crs = crsArg ?? preview.crs;
console.log(`Importing as ${kind}, coordinates ${CRS_LABELS[crs]}${values['dry-run'] ? ' (dry run: nothing is written)' : ''}.`);

const jobDir = join(dataDir, 'imports', `cli-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(jobDir, { recursive: true });
const errorCsvPath = join(jobDir, 'errors.csv');
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\nStopping: nothing of this import will be written.');
});
const tty = process.stdout.isTTY;
let lastLine = 0;
let lastPhase = '';
const started = Date.now();
const outcome = await runImport(
  db,
  { path: file, fileName, kind, encoding, sheet: values.sheet ?? preview.sheet ?? undefined, headerRow, mapping, crs, layer, dryRun: values['dry-run'] },
  {
    workDir: jobDir,
    errorCsvPath,
    stopped: () => interrupted,
    progress: (p) => {
      const now = Date.now();
      if (now - lastLine < (tty ? 200 : 2000) && p.phase === lastPhase) return;
      lastLine = now;
      lastPhase = p.phase;
      const written = p.phase === 'writing' ? `, ${p.rowsWritten.toLocaleString('en')} written` : '';
      const line = `${p.phase}: ${p.rowsRead.toLocaleString('en')} rows read, ${p.errorCount.toLocaleString('en')} errors${written} (${((now - started) / 1000).toFixed(1)} s)`;
      if (tty) process.stdout.write(`\r${line.padEnd(78)}`);
      else console.log(line);
    },
  },
);
if (tty) process.stdout.write('\n');
for (const w of outcome.warnings) console.log(`warning: ${w.message}`);
insertAudit(db, {
  userId: null,
  userName: '(command line)',
  path: 'cli.import',
  input: JSON.stringify({ file: fileName, kind, crs, encoding, dryRun: values['dry-run'] ?? false }),
  ok: outcome.phase === 'done',
  error: outcome.phase === 'done' ? null : (outcome.message ?? outcome.phase),
  before: null,
  after: outcome.datasetId === null ? null : JSON.stringify({ datasetId: outcome.datasetId, version: outcome.version }),
});
db.close();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (outcome.phase === 'done') {
  console.log(
    outcome.version === null
      ? `Dry run: ${outcome.rowsRead.toLocaleString('en')} rows read, no errors (${seconds} s).`
      : `Wrote version ${outcome.version}: ${outcome.rowsRead.toLocaleString('en')} rows read (${seconds} s). It is now the current version.`,
  );
  process.exit(0);
}
if (outcome.phase === 'cancelled') {
  console.log('Cancelled: nothing was written.');
  process.exit(130);
}
console.log(`${outcome.errorCount.toLocaleString('en')} errors: nothing was written.`);
console.log('file,row,column,value,reason');
for (const e of outcome.errors.slice(0, 50)) console.log(errorCsvLine(e, false));
if (outcome.errorCount > 50) console.log(`... and ${(outcome.errorCount - 50).toLocaleString('en')} more`);
console.log(`All errors: ${errorCsvPath}`);
process.exit(1);

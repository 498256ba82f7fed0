import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportFileError, REASONS } from './reasons.ts';
import { readZipEntry, type ZipEntry } from './zip.ts';

/** The files of a dataset in the project format (data/README.md). */
export const DATASET_TABLES = ['admin_units.csv', 'villages.csv', 'workers.csv', 'service_points.csv'] as const;

export interface DatasetFiles {
  dir: string;
  /** boundary layer name -> path of its GeoJSON */
  boundaries: Record<string, string>;
}

/** Largest file taken out of a dataset zip: the national villages.csv is about 45 MB. */
const MAX_ENTRY_BYTES = 1 << 30;

/**
 * A dataset folder as it is, or a zip of one extracted into `workDir` (the folder may be at
 * the top of the archive or one level down, as "zip the folder" tools make it).
 */
export function datasetFiles(path: string, zipEntries: ZipEntry[], workDir: string): DatasetFiles {
  let dir = path;
  if (!statSync(path).isDirectory()) {
    const manifest = zipEntries.find((e) => /(^|\/)manifest\.json$/.test(e.name) && !e.name.includes('__MACOSX'));
    const anchor = manifest ?? zipEntries.find((e) => /(^|\/)villages\.csv$/.test(e.name));
    if (!anchor) throw new ImportFileError(REASONS.datasetFileMissing('manifest.json'));
    const prefix = anchor.name.slice(0, anchor.name.lastIndexOf('/') + 1);
    dir = join(workDir, 'dataset');
    mkdirSync(join(dir, 'boundaries'), { recursive: true });
    for (const e of zipEntries) {
      if (!e.name.startsWith(prefix)) continue;
      const rest = e.name.slice(prefix.length);
      if (!/^(manifest\.json|[a-z_]+\.csv|boundaries\/[a-z_]+\.geojson)$/.test(rest)) continue;
      writeFileSync(join(dir, rest), readZipEntry(path, e, MAX_ENTRY_BYTES));
    }
  }
  for (const f of ['manifest.json', ...DATASET_TABLES])
    if (!existsSync(join(dir, f))) throw new ImportFileError(REASONS.datasetFileMissing(f), f);
  const boundaries: Record<string, string> = {};
  const bdir = join(dir, 'boundaries');
  if (existsSync(bdir))
    for (const f of readdirSync(bdir).sort()) {
      const m = f.match(/^([a-z_]+)\.geojson$/);
      if (m) boundaries[m[1]] = join(bdir, f);
    }
  return { dir, boundaries };
}

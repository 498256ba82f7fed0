import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Writers whose output depends only on their input: same data, same bytes. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(dir: string, file: string, header: string[], rows: (string | number | null)[][]): void {
  mkdirSync(dir, { recursive: true });
  const lines = [header.join(','), ...rows.map((r) => r.map(csvField).join(','))];
  writeFileSync(join(dir, file), lines.join('\n') + '\n');
}

export function writeGeoJson<P>(dir: string, file: string, features: Feature<Geometry, P>[]): void {
  mkdirSync(dir, { recursive: true });
  const fc: FeatureCollection<Geometry, P> = { type: 'FeatureCollection', features };
  // One feature per line: readable diffs, and still valid JSON.
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(join(dir, file), `{"type":"${fc.type}","features":[\n${body}\n]}\n`);
}

export function writeJson(dir: string, file: string, value: unknown): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), JSON.stringify(value, null, 2) + '\n');
}

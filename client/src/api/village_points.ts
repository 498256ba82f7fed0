import { tableFromIPC } from 'apache-arrow';

/** Village points as the map needs them: interleaved positions and the year covered (0 = not). */
export interface VillagePoints {
  length: number;
  positions: Float32Array;
  coveredSince: Uint16Array;
}

export async function fetchVillagePoints(datasetId: number): Promise<VillagePoints> {
  const res = await fetch(`/api/layers/villages.arrow?dataset=${datasetId}`);
  if (!res.ok) throw new Error(`village layer: HTTP ${res.status}`);
  const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  const lon = table.getChild('lon')!.toArray() as Float32Array;
  const lat = table.getChild('lat')!.toArray() as Float32Array;
  const positions = new Float32Array(lon.length * 2);
  for (let i = 0; i < lon.length; i++) {
    positions[2 * i] = lon[i];
    positions[2 * i + 1] = lat[i];
  }
  return { length: lon.length, positions, coveredSince: table.getChild('coveredSince')!.toArray() as Uint16Array };
}

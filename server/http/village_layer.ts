import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { VillageColumns } from '../engine/columns.ts';

/** A dataset version's villages never change: its layer is made once (and, being the same object, gzipped once by send). */
const made = new WeakMap<VillageColumns, Uint8Array>();

/**
 * Village points for the map as an Arrow IPC stream: positions as float32 (about a metre of
 * precision, half the bytes), the year covered and the code. The client reads the columns straight into
 * deck.gl attributes without parsing JSON.
 */
export function villageLayerIpc(villages: VillageColumns): Uint8Array {
  let ipc = made.get(villages);
  if (!ipc) {
    const table = tableFromArrays({
      lon: Float32Array.from(villages.lon),
      lat: Float32Array.from(villages.lat),
      coveredSince: villages.coveredSince,
      // 12-digit codes are exact in float64; the map needs them to open a village's card
      code: Float64Array.from(villages.code, Number),
    });
    ipc = tableToIPC(table, 'stream');
    made.set(villages, ipc);
  }
  return ipc;
}

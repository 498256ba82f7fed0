import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../store/db.ts';
import { runImport, type ImportOutcome, type ImportProgress, type ImportRequest } from './run_import.ts';

/**
 * Runs one import on its own thread and its own connection to the database file, so the server
 * keeps answering while a national file is read, and the dashboard's readers see the current
 * version (WAL) until the new one is committed.
 */
export interface ImportWorkerData {
  dbFile: string;
  request: ImportRequest;
  errorCsvPath: string;
  workDir: string;
  /** Int32 flag set to 1 by the server to cancel; read between chunks and batches */
  cancel: SharedArrayBuffer;
}

export type ImportWorkerMessage = { type: 'progress'; progress: ImportProgress } | { type: 'done'; outcome: ImportOutcome };

const data = workerData as ImportWorkerData;
const cancel = new Int32Array(data.cancel);
const db = openDb(dirname(data.dbFile));
// a larger page cache for the big inserts of this connection
db.pragma('cache_size = -65536');
try {
  const outcome = await runImport(db, data.request, {
    workDir: data.workDir,
    errorCsvPath: data.errorCsvPath,
    stopped: () => Atomics.load(cancel, 0) === 1,
    progress: (progress) => parentPort!.postMessage({ type: 'progress', progress } satisfies ImportWorkerMessage),
  });
  parentPort!.postMessage({ type: 'done', outcome } satisfies ImportWorkerMessage);
} finally {
  db.close();
}

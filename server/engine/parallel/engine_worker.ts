import { parentPort } from 'node:worker_threads';
import type { AttachedDataset, TypeResult, TypesRequest, WorkerReply } from './protocol.ts';
import { serviceTypeTask } from './service_type_task.ts';
import { TypeQueue } from './type_queue.ts';

/** The engine's second thread: computes service types, taken from a queue it shares with the main thread, for datasets attached to it. */
const attached = new Map<string, AttachedDataset>();

parentPort!.on('message', (req: TypesRequest) => {
  const queue = new TypeQueue(req.types, req.queue);
  try {
    if (req.attach) {
      attached.set(req.key, req.attach);
      // keep the two most recent datasets, as the main thread's cache does
      while (attached.size > 2) attached.delete(attached.keys().next().value!);
    }
    const dataset = attached.get(req.key);
    if (!dataset) throw new Error(`dataset ${req.key} is not attached`);
    const results: TypeResult[] = [];
    let t = queue.takeFront();
    // the main thread waits for this before it takes any: so a small dataset is still shared
    queue.markWorkerStarted();
    for (; t >= 0; t = queue.takeFront()) results.push(serviceTypeTask(dataset, t));
    const transfer = results.flatMap((r) => [r.nearest.buffer, r.km.buffer, r.stats.mean.buffer, r.stats.median.buffer, r.stats.p90.buffer]);
    parentPort!.postMessage({ id: req.id, results } satisfies WorkerReply, transfer as ArrayBuffer[]);
  } catch (err) {
    queue.markWorkerStarted();
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
});

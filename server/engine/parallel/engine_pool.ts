import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AttachedDataset, TypeResult, TypesRequest, WorkerReply } from './protocol.ts';
import type { TypeQueue } from './type_queue.ts';

/**
 * One engine worker thread beside the main one (the machines this runs on have two cores or
 * more). If the worker cannot start or dies, callers fall back to computing on the main thread.
 */
export class EnginePool {
  private worker: Worker | null = null;
  private readonly attached = new Set<string>();
  private readonly pending = new Map<number, { resolve: (r: TypeResult[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  /** Has the worker take types from the queue until it is empty; resolves to what it computed. */
  computeTypes(key: string, attach: () => AttachedDataset, queue: TypeQueue): Promise<TypeResult[]> {
    const worker = this.start();
    const id = this.nextId++;
    const req: TypesRequest = { id, key, types: queue.types, queue: queue.state };
    if (!this.attached.has(key)) {
      req.attach = attach();
      this.attached.add(key);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(req);
    });
  }

  close(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = null;
    return w?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./engine_worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.results);
    });
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.attached.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`engine worker exited with ${code}`)));
    this.worker = worker;
    return worker;
  }
}

let shared: EnginePool | null | undefined;

/** The process's engine pool, or null on a single-core machine or when ENGINE_THREADS=1. */
export function enginePool(): EnginePool | null {
  if (shared === undefined) shared = availableParallelism() > 1 && process.env.ENGINE_THREADS !== '1' ? new EnginePool() : null;
  return shared;
}

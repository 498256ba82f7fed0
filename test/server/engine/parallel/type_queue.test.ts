import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { TypeQueue } from '../../../../server/engine/parallel/type_queue.ts';

describe('TypeQueue', () => {
  it('hands out each type once, the front from the start of the list and the back from its end', () => {
    const q = new TypeQueue([5, 2, 0, 4, 1, 3]);
    expect([q.takeFront(), q.takeBack(), q.takeBack(), q.takeFront(), q.takeBack(), q.takeFront()]).toEqual([5, 3, 1, 2, 4, 0]);
    expect([q.takeFront(), q.takeBack()]).toEqual([-1, -1]);
    expect(new TypeQueue([]).takeBack()).toBe(-1);
  });

  it('hands out each type exactly once when two threads take at the same time', async () => {
    const types = Array.from({ length: 20_000 }, (_, i) => i);
    const q = new TypeQueue(types);
    // the other thread takes from the front through the same class, as fast as it can
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       import('tsx/esm/api').then(async ({ register }) => {
         register();
         const { TypeQueue } = await import(workerData.module);
         const q = new TypeQueue(workerData.types, workerData.state);
         const got = [];
         q.markWorkerStarted();
         for (let t = q.takeFront(); t >= 0; t = q.takeFront()) got.push(t);
         parentPort.postMessage(got);
       });`,
      { eval: true, workerData: { state: q.state, types, module: new URL('../../../../server/engine/parallel/type_queue.ts', import.meta.url).href } },
    );
    const fromWorker = new Promise<number[]>((resolve) => worker.once('message', resolve));
    expect(await q.workerStarted(20_000)).toBe(true);
    const here: number[] = [];
    for (let t = q.takeBack(); t >= 0; t = q.takeBack()) here.push(t);
    const there = await fromWorker;
    await worker.terminate();
    expect([...here, ...there].sort((a, b) => a - b)).toEqual(types);
  });

  it('tells the main thread when the worker has begun, and gives up waiting after the timeout', async () => {
    const q = new TypeQueue([0, 1]);
    expect(await q.workerStarted(20)).toBe(false);
    setTimeout(() => q.markWorkerStarted(), 5);
    expect(await q.workerStarted(5000)).toBe(true);
  });
});

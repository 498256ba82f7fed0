import { describe, expect, it } from 'vitest';
import { AnalysisGate, AnalysisTimeoutError, ServerBusyError } from '../../../server/limits/analysis_gate.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = <T>(p: Promise<T>) => p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));

describe('AnalysisGate', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, refuses the rest at once', async () => {
    const gate = new AnalysisGate({ concurrency: 2, queue: 1, timeoutMs: 5000 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++running);
      await sleep(30);
      running--;
      return 'done';
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => settle(gate.run(task))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(2);
    for (const r of refused) expect((r as { e: unknown }).e).toBeInstanceOf(ServerBusyError);
    expect(peak).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    // and takes work again once drained
    await expect(gate.run(task)).resolves.toBe('done');
  });

  it('answers a timeout for a task past the limit, waiting or running, and frees its place when it ends', async () => {
    const gate = new AnalysisGate({ concurrency: 1, queue: 5, timeoutMs: 40 });
    const slow = gate.run(() => sleep(120).then(() => 'slow'));
    const queued = gate.run(() => Promise.resolve('never started in time'));
    await expect(slow).rejects.toBeInstanceOf(AnalysisTimeoutError);
    await expect(queued).rejects.toThrow(/longer than the limit of 0.04 s/);
    expect(gate.load.running).toBe(1); // the slow task still runs; its result is not lost to the engine's cache
    await sleep(120);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('passes a task failure through and frees the place', async () => {
    const gate = new AnalysisGate({ concurrency: 1, queue: 0, timeoutMs: 1000 });
    await expect(gate.run(() => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
    await expect(gate.run(() => { throw new Error('thrown'); })).rejects.toThrow('thrown');
    await expect(gate.run(async () => 1)).resolves.toBe(1);
  });
});

/**
 * The service types of one preparation, shared by the two threads: the engine worker takes
 * them from the front (most work first), the main thread from the back, each as soon as it is
 * free, so neither waits while the other has work left. One 32-bit word on shared memory holds
 * how many were taken from each end; compare-and-swap makes each type taken exactly once.
 */
export class TypeQueue {
  readonly state: Int32Array;

  /** @param state two words on a SharedArrayBuffer: taken counts, and whether the worker has begun */
  constructor(
    readonly types: number[],
    state?: Int32Array,
  ) {
    if (types.length > 0xffff) throw new Error('a TypeQueue holds at most 65535 entries');
    this.state = state ?? new Int32Array(new SharedArrayBuffer(8));
  }

  /** The next type from the front, or -1 when none is left. */
  takeFront(): number {
    const k = this.take(1);
    return k < 0 ? -1 : this.types[k];
  }

  /** The next type from the back, or -1 when none is left. */
  takeBack(): number {
    const k = this.take(0x10000);
    return k < 0 ? -1 : this.types[this.types.length - 1 - k];
  }

  /** Marks that the worker has taken its first type, or failed: the main thread waits for this. */
  markWorkerStarted(): void {
    Atomics.store(this.state, 1, 1);
    Atomics.notify(this.state, 1);
  }

  /** Resolves once the worker has begun, or after timeoutMs; true if it has. Never blocks the event loop. */
  async workerStarted(timeoutMs: number): Promise<boolean> {
    // (Atomics.waitAsync is in Node but not yet in TypeScript's ES2023 library)
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    const w = waitAsync(this.state, 1, 0, timeoutMs);
    return (w.async ? await w.value : w.value) !== 'timed-out';
  }

  /** Takes one from the front (step 1) or the back (step 0x10000); the index within that end, or -1. */
  private take(step: number): number {
    for (;;) {
      const old = Atomics.load(this.state, 0);
      const front = old & 0xffff, back = old >>> 16;
      if (front + back >= this.types.length) return -1;
      if (Atomics.compareExchange(this.state, 0, old, old + step) === old) return step === 1 ? front : back;
    }
  }
}

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };

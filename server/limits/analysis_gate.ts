/** The analysis queue is full: the request is refused at once (503) rather than left to wait. */
export class ServerBusyError extends Error {
  constructor(readonly retryAfterS: number) {
    super('server busy: too many analyses waiting; try again in a moment');
  }
}

/** An analysis waited and ran longer than the time limit (504). */
export class AnalysisTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`the analysis took longer than the limit of ${limitMs / 1000} s; it goes on in the background, so try again shortly`);
  }
}

/**
 * Bounds analysis requests: at most `concurrency` run at once, at most `queue` wait, and each
 * gets `timeoutMs` from arrival to answer. Tasks start on the next turn of the event loop, so a
 * burst of requests read together meets the queue together: beyond it they are refused at once
 * instead of each waiting for all the others. The limit cannot stop an analysis mid-computation
 * (the engine runs synchronously); a request past it gets its answer replaced by a timeout, and
 * the finished results stay cached for the next request.
 */
export class AnalysisGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limits: { concurrency: number; queue: number; timeoutMs: number }) {}

  get load() {
    return { running: this.running, waiting: this.waiting.length };
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const { concurrency, queue, timeoutMs } = this.limits;
    if (this.running >= concurrency && this.waiting.length >= queue) return Promise.reject(new ServerBusyError(1));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        f();
      };
      const start = () => {
        this.running++;
        setImmediate(() => {
          if (done) return this.release();
          Promise.resolve()
            .then(task)
            .then(
              (v) => finish(() => resolve(v)),
              (e: unknown) => finish(() => reject(e)),
            )
            .finally(() => this.release());
        });
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(start);
        if (i >= 0) this.waiting.splice(i, 1);
        finish(() => reject(new AnalysisTimeoutError(timeoutMs)));
      }, timeoutMs);
      if (this.running < concurrency) start();
      else this.waiting.push(start);
    });
  }

  private release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

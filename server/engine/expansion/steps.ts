/**
 * Long analyses are generators that yield their progress now and then, so the server can report
 * it, give other requests a turn, and stop a cancelled run between steps. Tests and benchmarks
 * just run them to the end.
 */
export interface Progress {
  done: number;
  total: number;
}

export function runToEnd<T>(gen: Generator<unknown, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

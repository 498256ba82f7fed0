import { Worker } from 'node:worker_threads';
import type { ExactModel } from '../engine/expansion/exact_model.ts';

export interface SolverProgress {
  primal: number | null;
  dual: number | null;
  gap: number | null;
}

export interface SolverResult {
  optimal: boolean;
  timeLimit: boolean;
  infeasible: boolean;
  /** HiGHS's name for how the solve ended */
  status: string;
  /** the best plan's value, null when none was found */
  objective: number | null;
  /** the proven upper bound on the optimum */
  dualBound: number;
  /** relative gap between the two, as HiGHS reports it */
  gap: number;
  colValue: Float64Array | null;
}

export class SolverCancelled extends Error {
  constructor() {
    super('the solve was cancelled');
  }
}

/** The gap HiGHS may stop at and still call the result optimal. */
export const RELATIVE_GAP = 1e-4;

/**
 * Solves the model with HiGHS on a worker thread. `signal` cancels (the worker is terminated);
 * `onProgress` hears the solver's incumbent, bound and gap a few times a second.
 */
export function solveExact(
  model: ExactModel,
  o: { start: Float64Array | null; timeLimitS: number; signal?: AbortSignal; onProgress?: (p: SolverProgress) => void },
): Promise<SolverResult> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new SolverCancelled());
    const worker = new Worker(new URL('./highs_worker.mjs', import.meta.url), {
      workerData: { model, start: o.start, timeLimitS: o.timeLimitS, relativeGap: RELATIVE_GAP },
    });
    const onAbort = () => {
      void worker.terminate();
      reject(new SolverCancelled());
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => o.signal?.removeEventListener('abort', onAbort);
    worker.on('message', (msg: ({ kind: 'progress' } & SolverProgress) | ({ kind: 'done' } & SolverResult)) => {
      if (msg.kind === 'progress') return o.onProgress?.(msg);
      settle();
      resolve(msg);
      void worker.terminate();
    });
    worker.on('error', (err) => {
      settle();
      reject(err);
    });
    worker.on('exit', (code) => {
      settle();
      if (code !== 0) reject(new Error(`the solver stopped (exit code ${code})`));
    });
  });
}

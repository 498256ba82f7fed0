import { randomBytes } from 'node:crypto';
import { Memo } from '../engine/memo.ts';
import type { PlanProgress, PlanRequest, PlanResult } from '../domain/index.ts';
import { PlanCancelled, PlanInputError, runPlan, type PlanOutcome, type PlanSubject } from './run_plan.ts';

interface Job {
  id: string;
  progress: PlanProgress;
  outcome: PlanOutcome | null;
  /** the chosen plan while its bound is still being tightened */
  provisional: PlanResult | null;
  controller: AbortController;
  finishedAt: number | null;
}

export class PlanningBusy extends Error {}

/**
 * Planning runs in progress and recently finished, by an unguessable id. A run goes on after
 * the request that started it has returned; the client polls its status. Finished runs are kept
 * for a while (to save as scenarios, or to explain their choices), then dropped.
 */
export class PlanJobs {
  private readonly jobs = new Map<string, Job>();
  /** saved scenarios rebuilt as runs, to explain their choices without rebuilding each time */
  readonly savedOutcomes = new Memo<Promise<PlanOutcome>>(2);

  constructor(
    private readonly maxRunning = 2,
    private readonly keepMs = 2 * 60 * 60 * 1000,
    private readonly maxKept = 20,
  ) {}

  start(subject: PlanSubject, request: PlanRequest): string {
    this.prune();
    if ([...this.jobs.values()].filter((j) => j.progress.state === 'running').length >= this.maxRunning)
      throw new PlanningBusy(`${this.maxRunning} planning runs are already in progress; wait for one to finish or cancel it`);
    const id = randomBytes(16).toString('hex');
    const job: Job = { id, progress: { state: 'running', step: 'preparing', done: 0, total: 1, message: null }, outcome: null, provisional: null, controller: new AbortController(), finishedAt: null };
    this.jobs.set(id, job);
    runPlan(subject, request, {
      signal: job.controller.signal,
      onProgress: (p) => (job.progress = { state: 'running', ...p }),
      onProvisional: (result) => (job.provisional = result),
    })
      .then((outcome) => {
        job.outcome = outcome;
        job.progress = { state: 'done', step: 'finished', done: 1, total: 1, message: null };
      })
      .catch((err: unknown) => {
        const cancelled = err instanceof PlanCancelled;
        if (!cancelled && !(err instanceof PlanInputError)) console.error(err);
        job.progress = { ...job.progress, state: cancelled ? 'cancelled' : 'failed', message: err instanceof Error ? err.message : String(err) };
      })
      .finally(() => (job.finishedAt = Date.now()));
    return id;
  }

  status(id: string): { progress: PlanProgress; result: PlanResult | null; provisional: PlanResult | null } | null {
    const job = this.jobs.get(id);
    return job ? { progress: job.progress, result: job.outcome?.result ?? null, provisional: job.outcome ? null : job.provisional } : null;
  }

  outcome(id: string): PlanOutcome | null {
    return this.jobs.get(id)?.outcome ?? null;
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null).sort((a, b) => a.finishedAt! - b.finishedAt!);
    finished.forEach((j, i) => {
      if (now - j.finishedAt! > this.keepMs || finished.length - i > this.maxKept) this.jobs.delete(j.id);
    });
  }
}

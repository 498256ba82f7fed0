import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanRequestInput } from '../../../server/domain/index.ts';
import { useTRPC } from './trpc.ts';

/** Where a plan comes from: a finished run of this page (kept two hours on the server), or a saved scenario. */
export type PlanSource = { job: string } | { scenario: number };

/** A well-formed id no run has, for disabled queries. */
const NO_JOB = '0000000000000000';
/** How often a running plan's progress is asked for. */
export const PLAN_POLL_MS = 300;

/**
 * The message of a failed request, plainly: the server's own text, or the messages of an input
 * check (tRPC sends those as a JSON list of issues).
 */
export function plainError(err: unknown): string | null {
  if (!err) return null;
  const message = err instanceof Error ? err.message : String(err);
  try {
    const issues = JSON.parse(message) as unknown;
    if (Array.isArray(issues) && issues.every((i) => typeof (i as { message?: unknown }).message === 'string'))
      return issues.map((i: { message: string; path?: unknown[] }) => (i.path?.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  } catch {
    // not JSON: the message as it is
  }
  return message;
}

/** One planning run at a time: start it, hear its progress every PLAN_POLL_MS while it runs, cancel it. */
export function usePlanRun() {
  const trpc = useTRPC();
  const [run, setRun] = useState<{ id: string; request: PlanRequestInput } | null>(null);
  // cancel asked for before the server has answered the start
  const cancelEarly = useRef(false);
  const [cancelAsked, setCancelAsked] = useState(false);
  const start = useMutation(trpc.planning.start.mutationOptions());
  const cancel = useMutation(trpc.planning.cancel.mutationOptions());
  const status = useQuery({
    ...trpc.planning.status.queryOptions({ id: run?.id ?? NO_JOB }),
    enabled: run !== null,
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data && q.state.data.progress.state !== 'running' ? false : PLAN_POLL_MS),
  });
  const progress = run ? (status.data?.progress ?? null) : null;
  return {
    /** the run shown, with the request it was started with */
    run,
    progress,
    result: run ? (status.data?.result ?? null) : null,
    /** the plan so far while the bound is still tightening */
    provisional: run && progress?.state === 'running' ? (status.data?.provisional ?? null) : null,
    running: start.isPending || progress?.state === 'running' || (run !== null && !progress),
    error: plainError(start.error ?? status.error ?? cancel.error),
    begin(request: PlanRequestInput) {
      setRun(null);
      cancel.reset();
      cancelEarly.current = false;
      setCancelAsked(false);
      start.mutate(request, {
        onSuccess: ({ id }) => {
          setRun({ id, request });
          if (cancelEarly.current) cancel.mutate({ id });
        },
      });
    },
    /** cancel was asked for and the run has not stopped yet */
    cancelling: cancelAsked && !cancel.isError,
    cancel() {
      setCancelAsked(true);
      if (run) cancel.mutate({ id: run.id });
      else if (start.isPending) cancelEarly.current = true;
    },
  };
}
export type PlanRun = ReturnType<typeof usePlanRun>;

/** The villages each site of a plan newly serves (codes, by rank). */
export function usePlanServed(source: PlanSource | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.planning.served.queryOptions(source ?? { job: NO_JOB }), enabled: source !== null, staleTime: Infinity });
}

/** Why a plan chose the site in a village: what it serves, the best village nearby it did not choose. */
export function useSiteExplanation(source: PlanSource | null, code: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.planning.why.queryOptions({ source: source ?? { job: NO_JOB }, code: code ?? '000000000000' }),
    enabled: source !== null && code !== null,
    staleTime: Infinity,
  });
}

export function useScenarios(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.scenarios.list.queryOptions(), enabled });
}

/** A saved scenario: its name, request and result. */
export function useScenario(id: number | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.scenarios.get.queryOptions({ id: id ?? 1 }), enabled: id !== null, staleTime: Infinity });
}

export function useScenarioComparison(a: number | null, b: number | null) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.scenarios.compare.queryOptions({ a: a ?? 1, b: b ?? 1 }), enabled: a !== null && b !== null });
}

/** Saving, renaming and deleting scenarios; each refreshes what is shown of scenarios. */
export function useScenarioChanges() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: trpc.scenarios.pathKey() });
  return {
    save: useMutation({ ...trpc.scenarios.save.mutationOptions(), onSuccess: refresh }),
    rename: useMutation({ ...trpc.scenarios.rename.mutationOptions(), onSuccess: refresh }),
    remove: useMutation({ ...trpc.scenarios.delete.mutationOptions(), onSuccess: refresh }),
  };
}

export function scenarioExportHref(id: number, format: 'csv' | 'geojson'): string {
  return `/api/exports/scenarios/${id}.${format}`;
}

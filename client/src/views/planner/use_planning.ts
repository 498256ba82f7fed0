import { useState } from 'react';
import type { PlanRequestInput, PlanResult } from '../../../../server/domain/index.ts';
import { plainError, usePlanRun, usePlanServed, useScenario, type PlanRun, type PlanSource } from '../../api/planning.ts';

/** The plan the page shows (in the planning panel and on the map): the last finished run, or a saved scenario. */
export interface ShownPlan {
  source: PlanSource;
  result: PlanResult;
  request: PlanRequestInput;
  /** the scenario's name; null for a run not saved */
  name: string | null;
}

export interface Planning {
  run: PlanRun;
  shown: ShownPlan | null;
  /** villages each shown site newly serves (codes, by rank), once loaded */
  served: string[][] | null;
  /** a saved scenario asked for (URL) could not be loaded */
  error: string | null;
  /** starts a run, taking a shown scenario off the map */
  begin(request: PlanRequestInput): void;
  /** takes the shown plan off the map and out of the panel */
  hide(): void;
}

/**
 * What the planning panel and the map share: the run of this page, and which plan is shown. A
 * scenario in the URL wins over the run; a new run takes the scenario off.
 */
export function usePlanning(scenarioId: number | null, showScenario: (id: number | null) => void): Planning {
  const run = usePlanRun();
  const [runHidden, setRunHidden] = useState(false);
  const scenario = useScenario(scenarioId);
  let shown: ShownPlan | null = null;
  if (scenarioId !== null) {
    if (scenario.data && scenario.data.id === scenarioId)
      shown = { source: { scenario: scenarioId }, result: scenario.data.result, request: scenario.data.request, name: scenario.data.name };
  } else if (run.run && run.result && !runHidden) shown = { source: { job: run.run.id }, result: run.result, request: run.run.request, name: null };
  const served = usePlanServed(shown?.source ?? null);
  return {
    run,
    shown,
    served: served.data ?? null,
    error: scenarioId !== null ? plainError(scenario.error) : plainError(served.error),
    begin(request) {
      if (scenarioId !== null) showScenario(null);
      setRunHidden(false);
      run.begin(request);
    },
    hide() {
      if (scenarioId !== null) showScenario(null);
      setRunHidden(true);
    },
  };
}

import {
  DEFAULT_NEW_WORKER_CAPACITY,
  MAX_PHASES,
  type AnalysisParamsInput,
  type PlanMethod,
  type PlanRequestInput,
} from '../../../../server/domain/index.ts';

/** What the planning form holds, as typed (text fields stay text until a run is asked for). */
export interface PlanForm {
  method: PlanMethod;
  target: 'workers' | 'budget';
  /** per-phase amounts, e.g. "300, 300, 400" (workers) or "3000000, 3000000" (yuan) */
  phases: string;
  costPerSite: string;
  capacity: string;
  countyMinimum: string;
  firstYear: string;
  timeLimitS: string;
}

export const DEFAULT_PLAN_FORM: PlanForm = {
  method: 'greedy',
  target: 'workers',
  phases: '10',
  costPerSite: '30000',
  capacity: String(DEFAULT_NEW_WORKER_CAPACITY),
  countyMinimum: '0',
  firstYear: '2027',
  timeLimitS: '30',
};

/** The exact solver is offered for a county (6 digits) or a township (9); larger units have too many candidates. */
export function exactAvailable(unit: string | null): boolean {
  return unit !== null && unit.length >= 6;
}

/** Per-phase amounts from text: numbers separated by commas (either width), semicolons or spaces. Null when not all are positive numbers. */
export function parsePhases(text: string): number[] | null {
  const parts = text
    .split(/[,，;；、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_PHASES) return null;
  const values = parts.map((s) => Number(s.replace(/_/g, '')));
  return values.every((v) => Number.isFinite(v) && v > 0) ? values : null;
}

/** The years of the phases, from the first year on. */
export function phaseYears(count: number, firstYear: number): number[] {
  return Array.from({ length: count }, (_, i) => firstYear + i);
}

/** Why the form cannot be run (an i18n key and its field), or the request it makes. */
export type PlanFormCheck = { ok: true; request: PlanRequestInput } | { ok: false; error: 'planBadPhases' | 'planBadWorkers' | 'planBadNumber'; field?: keyof PlanForm };

const wholeNumber = (s: string, min: number, max: number): number | null => {
  const v = Number(s.trim());
  return s.trim() !== '' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};

/** The planning request for the form, the unit in view and the view's analysis parameters. */
export function planRequest(form: PlanForm, unit: string | null, params: AnalysisParamsInput, datasetId?: number): PlanFormCheck {
  const perPhase = parsePhases(form.phases);
  if (!perPhase) return { ok: false, error: 'planBadPhases', field: 'phases' };
  if (form.target === 'workers' && !perPhase.every(Number.isInteger)) return { ok: false, error: 'planBadWorkers', field: 'phases' };
  const capacity = wholeNumber(form.capacity, 1, 10_000);
  if (capacity === null) return { ok: false, error: 'planBadNumber', field: 'capacity' };
  const countyMinimum = wholeNumber(form.countyMinimum, 0, 1000);
  if (countyMinimum === null) return { ok: false, error: 'planBadNumber', field: 'countyMinimum' };
  const firstYear = wholeNumber(form.firstYear, 2000, 2100);
  if (firstYear === null) return { ok: false, error: 'planBadNumber', field: 'firstYear' };
  let target: PlanRequestInput['target'];
  if (form.target === 'budget') {
    const cost = Number(form.costPerSite.trim());
    if (!(form.costPerSite.trim() !== '' && cost > 0 && cost <= 1e12)) return { ok: false, error: 'planBadNumber', field: 'costPerSite' };
    target = { kind: 'budget', perPhase, costPerSite: cost };
  } else target = { kind: 'workers', perPhase };
  const method = form.method === 'exact' && exactAvailable(unit) ? 'exact' : 'greedy';
  let timeLimitS: number | undefined;
  if (method === 'exact') {
    const limit = Number(form.timeLimitS.trim());
    if (!(limit >= 1 && limit <= 600)) return { ok: false, error: 'planBadNumber', field: 'timeLimitS' };
    timeLimitS = limit;
  }
  return {
    ok: true,
    request: {
      ...(datasetId !== undefined ? { datasetId } : {}),
      params,
      unit,
      target,
      newWorkerCapacity: capacity,
      countyMinimum,
      method,
      firstYear,
      ...(timeLimitS !== undefined ? { timeLimitS } : {}),
    },
  };
}

/** A plan's note code ('exhausted', 'tooLarge:N', 'equityInfeasible', 'solverStopped:status') as an i18n key and its values; unknown codes as they are. */
export function noteKey(note: string): { key: string; values: Record<string, string> } | null {
  const [code, arg = ''] = note.split(/:(.*)/s);
  switch (code) {
    case 'exhausted':
      return { key: 'planNoteExhausted', values: {} };
    case 'tooLarge':
      return { key: 'planNoteTooLarge', values: { villages: arg } };
    case 'equityInfeasible':
      return { key: 'planNoteEquityInfeasible', values: {} };
    case 'solverStopped':
      return { key: 'planNoteSolverStopped', values: { status: arg } };
    default:
      return null;
  }
}

/** The solver's running gap from a progress message such as "gap 1.23%", as a fraction; null when there is none. */
export function solverGap(message: string | null): number | null {
  const m = message?.match(/^gap ([\d.]+)%$/);
  return m ? Number(m[1]) / 100 : null;
}

import { z } from 'zod';
import { adminCodeSchema, analysisParamsSchema, serviceTypeSchema, villageCodeSchema, type AnalysisParamsInput, type ServiceType } from '../../../../server/domain/index.ts';

/**
 * Everything that defines what the planner sees, kept in the URL so that a copied link
 * reproduces the view. Parsed with the server's own schemas; anything invalid falls back to
 * its default instead of breaking the page.
 */
export const COLOR_MODES = ['coverage', 'status', 'distance'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
export const OVERLAYS = ['services', 'workers'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export interface ViewState {
  unit: string | null;
  color: ColorMode;
  type: ServiceType;
  overlays: Overlay[];
  village: string | null;
  params: AnalysisParamsInput;
}

export const DEFAULT_VIEW: ViewState = { unit: null, color: 'coverage', type: 'school', overlays: [], village: null, params: {} };

const or = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
  const r = schema.safeParse(value);
  return r.success ? r.data : fallback;
};

export function parseViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
  let params: AnalysisParamsInput = {};
  try {
    const raw = q.get('p');
    if (raw && analysisParamsSchema.safeParse(JSON.parse(raw)).success) params = JSON.parse(raw) as AnalysisParamsInput;
  } catch {
    params = {};
  }
  return {
    unit: or(adminCodeSchema.nullable(), q.get('unit'), null),
    color: or(z.enum(COLOR_MODES), q.get('color'), DEFAULT_VIEW.color),
    type: or(serviceTypeSchema, q.get('type'), DEFAULT_VIEW.type),
    overlays: (q.get('layers') ?? '').split(',').filter((o): o is Overlay => (OVERLAYS as readonly string[]).includes(o)),
    village: or(villageCodeSchema.nullable(), q.get('village'), null),
    params,
  };
}

export function serializeViewState(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.unit) q.set('unit', v.unit);
  if (v.color !== DEFAULT_VIEW.color) q.set('color', v.color);
  if (v.type !== DEFAULT_VIEW.type) q.set('type', v.type);
  if (v.overlays.length) q.set('layers', v.overlays.join(','));
  if (v.village) q.set('village', v.village);
  if (Object.keys(v.params).length) q.set('p', JSON.stringify(v.params));
  const s = q.toString();
  return s ? `?${s}` : '';
}

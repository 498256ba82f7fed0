import { z } from 'zod';
import { adminCodeSchema, analysisParamsSchema, scenarioIdSchema, serviceTypeSchema, villageCodeSchema, type AnalysisParamsInput, type ServiceType } from '../../../../server/domain/index.ts';

/**
 * Everything that defines what the planner sees, kept in the URL so that a copied link
 * reproduces the view. Parsed with the server's own schemas; anything invalid falls back to
 * its default instead of breaking the page.
 */
export const COLOR_MODES = ['coverage', 'status', 'distance'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
/** Layers drawn over the villages, listed in the URL as `layers=services,workers,catchments,gaps,quality`. */
export const OVERLAYS = ['services', 'workers', 'catchments', 'gaps', 'quality'] as const;
export type Overlay = (typeof OVERLAYS)[number];
/**
 * What the areas one level down are filled by (URL `choro`): the share of villages served (%),
 * the children in villages not served (count), or the gap villages (count).
 */
export const CHOROPLETH_MEASURES = ['share', 'unreached', 'gaps'] as const;
export type ChoroplethMeasure = (typeof CHOROPLETH_MEASURES)[number];

export interface ViewState {
  unit: string | null;
  color: ColorMode;
  type: ServiceType;
  overlays: Overlay[];
  /** the areas one level down filled by a measure, or null for none (URL `choro`) */
  choropleth: ChoroplethMeasure | null;
  /** whether village points are drawn (URL `points=0` when not) */
  points: boolean;
  /** whether distance colours are aggregated to hexagons when zoomed out (URL `hex=0` when not) */
  hexagons: boolean;
  village: string | null;
  params: AnalysisParamsInput;
  /** the saved expansion scenario drawn on the map and shown in the planning panel (URL `scenario`) */
  scenario: number | null;
}

export const DEFAULT_VIEW: ViewState = {
  unit: null,
  color: 'coverage',
  type: 'school',
  overlays: [],
  choropleth: null,
  points: true,
  hexagons: true,
  village: null,
  params: {},
  scenario: null,
};

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
    overlays: [...new Set((q.get('layers') ?? '').split(','))].filter((o): o is Overlay => (OVERLAYS as readonly string[]).includes(o)),
    choropleth: or(z.enum(CHOROPLETH_MEASURES).nullable(), q.get('choro'), null),
    points: q.get('points') !== '0',
    hexagons: q.get('hex') !== '0',
    village: or(villageCodeSchema.nullable(), q.get('village'), null),
    params,
    scenario: or(z.coerce.number().pipe(scenarioIdSchema).nullable(), q.get('scenario'), null),
  };
}

export function serializeViewState(v: ViewState): string {
  const q = new URLSearchParams();
  if (v.unit) q.set('unit', v.unit);
  if (v.color !== DEFAULT_VIEW.color) q.set('color', v.color);
  if (v.type !== DEFAULT_VIEW.type) q.set('type', v.type);
  if (v.overlays.length) q.set('layers', v.overlays.join(','));
  if (v.choropleth) q.set('choro', v.choropleth);
  if (!v.points) q.set('points', '0');
  if (!v.hexagons) q.set('hex', '0');
  if (v.village) q.set('village', v.village);
  if (Object.keys(v.params).length) q.set('p', JSON.stringify(v.params));
  if (v.scenario !== null) q.set('scenario', String(v.scenario));
  const s = q.toString();
  return s ? `?${s}` : '';
}

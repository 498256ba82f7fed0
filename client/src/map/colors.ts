/** Colours shared by map layers and legends, so the two always agree. RGB. */
export const STATUS_COLORS = {
  covered: [0, 140, 120],
  notCovered: [226, 88, 34],
} as const satisfies Record<string, readonly [number, number, number]>;

export const cssColor = ([r, g, b]: readonly number[]): string => `rgb(${r}, ${g}, ${b})`;

/**
 * Village status in the worker network (served, reachable but over capacity, not covered), as
 * charts and status layers draw it. RGB.
 */
export const VILLAGE_STATUS_COLORS = {
  served: [26, 150, 65],
  overCapacity: [244, 165, 28],
  notCovered: [215, 48, 39],
} as const satisfies Record<'served' | 'overCapacity' | 'notCovered', readonly [number, number, number]>;

/** Colours of chart marks that are not a village status. RGB. */
export const CHART_COLORS = {
  /** distance bins within the service standard */
  withinStandard: [70, 120, 170],
  /** distance bins beyond the standard, and villages beyond the last bin */
  beyondStandard: [214, 140, 69],
  standardLine: [60, 56, 50],
  /** cumulative coverage line and area */
  growth: [0, 140, 120],
  axis: [107, 101, 88],
  grid: [226, 221, 210],
} as const satisfies Record<string, readonly [number, number, number]>;

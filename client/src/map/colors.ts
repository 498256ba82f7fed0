/** Colours shared by map layers and legends, so the two always agree. RGB. */
export const STATUS_COLORS = {
  covered: [0, 140, 120],
  notCovered: [226, 88, 34],
} as const satisfies Record<string, readonly [number, number, number]>;

export const cssColor = ([r, g, b]: readonly number[]): string => `rgb(${r}, ${g}, ${b})`;

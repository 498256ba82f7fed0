/** JSON has no Infinity or NaN: they become null ("no such service", "no villages"). */
export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Words a village tooltip needs, in the interface language. */
export interface VillageTooltipLabels {
  served: string;
  overCapacity: string;
  notCovered: string;
  /** a distance in km, already rounded to 0.1 km, e.g. `3.2 km` */
  km: (value: number) => string;
}

/**
 * The plain text of a village's hover tooltip, one fact a line: its 12-digit code, its status in
 * the worker network (0 served, 1 over capacity, 2 not covered, as the server sends) and its
 * distance to the nearest service of the chosen type. A fact not known (yet) is left out; a
 * village with no service of the type at all shows a dash.
 */
export function villageTooltip(
  code: number,
  status: number | undefined,
  km: number | undefined,
  typeLabel: string,
  labels: VillageTooltipLabels,
): string {
  const lines = [String(code).padStart(12, '0')];
  const statusLabel = status === undefined ? undefined : [labels.served, labels.overCapacity, labels.notCovered][status];
  if (statusLabel) lines.push(statusLabel);
  if (km !== undefined && !Number.isNaN(km)) lines.push(`${typeLabel}: ${Number.isFinite(km) && km >= 0 ? labels.km(Math.round(km * 10) / 10) : '—'}`);
  return lines.join('\n');
}

import type { GapRow } from '../../../../server/domain/index.ts';
import type { CatchmentProps } from '../../../../server/engine/worker_catchments.ts';
import type { ChoroplethMeasure } from './view_state.ts';
import type { ChoroplethProps } from '../../map/choropleth_layer.ts';
import { formatNumber } from '../../i18n/index.ts';
import { TYPE_LABEL_KEYS } from './type_labels.ts';

/** The translation function, as far as tooltips need it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const VALUE_KEYS: Record<ChoroplethMeasure, string> = { share: 'valuePercent', unreached: 'valueChildren', gaps: 'valueVillages' };
const STATUS_KEYS = { served: 'served', overCapacity: 'overCapacity', notCovered: 'notCoveredStatus' } as const;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** An area of the choropleth: its name, its value with the measure's unit, and what a click does. */
export function choroplethTooltip(t: Translate, lang: string, measure: ChoroplethMeasure, p: ChoroplethProps): string {
  const value = p.value === null ? t('noVillages') : t(VALUE_KEYS[measure], { value: formatNumber(measure === 'share' ? round1(p.value) : p.value, lang) });
  return `${p.name}\n${value}\n${t('clickToOpen')}`;
}

/** A worker's catchment: villages served, caseload against capacity, and the children who look to them. */
export function catchmentTooltip(t: Translate, lang: string, p: CatchmentProps): string {
  const n = (x: number) => formatNumber(x, lang);
  return t('tipCatchment', { id: p.workerId, villages: n(p.villages), caseload: n(p.caseload), capacity: n(p.capacity), demand: n(p.demand) });
}

/** A ranked gap village: rank, name, need score, status and the standards it misses. */
export function gapTooltip(t: Translate, lang: string, row: GapRow): string {
  const head = t('tipGap', { rank: row.rank, name: row.name, need: formatNumber(Math.round(row.need), lang), status: t(STATUS_KEYS[row.status]) });
  return row.missed.length ? `${head}\n${t('tipMissed', { types: row.missed.map((m) => t(TYPE_LABEL_KEYS[m])).join(', ') })}` : head;
}

/** A hexagon of villages: how many, and their mean distance to the service type (km). */
export function hexagonTooltip(t: Translate, lang: string, villages: number, meanKm: number | null): string {
  return t('tipHexagon', { villages: formatNumber(villages, lang), km: meanKm === null ? '—' : formatNumber(round1(meanKm), lang) });
}

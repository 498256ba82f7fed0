import type { PlanRequestInput, PlanSite } from '../../../../server/domain/index.ts';
import { formatNumber, formatPercent } from '../../i18n/index.ts';
import type { Translate } from './map_tooltips.ts';

/** Text shared by the planning panel, the "why" card and the map: amounts with their units, in the page's language. */

export const VULNERABLE = ['leftBehind', 'disabled', 'orphaned', 'difficult'] as const;

export const whole = (x: number, lang: string) => formatNumber(Math.round(x), lang);

/** Weighted children: one decimal at most (weights such as 1.5 give halves). */
export const weighted = (x: number, lang: string) => formatNumber(Math.round(x * 10) / 10, lang);

/** What a plan costs: yuan for a budget, a number of new workers otherwise. */
export function costText(t: Translate, lang: string, cost: number, target: PlanRequestInput['target']['kind']): string {
  return target === 'budget' ? t('planYuan', { value: whole(cost, lang) }) : t('planWorkersCount', { value: whole(cost, lang) });
}

/** How close the plan is to the best possible: "optimal", or at most this far below, with the bound. */
export function qualityText(t: Translate, lang: string, r: { optimal: boolean; gapPercent: number; bound: number }): string {
  return r.optimal ? t('planOptimal') : t('planGap', { gap: formatPercent(r.gapPercent / 100, lang), bound: whole(r.bound, lang) });
}

/** A planned site under the pointer: rank, name, year and children newly served. */
export function planSiteTooltip(t: Translate, lang: string, site: PlanSite): string {
  return t('planTip', { rank: site.rank, name: site.name, year: site.year, phase: site.phase, children: whole(site.served.children, lang) });
}

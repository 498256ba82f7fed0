import type { Count } from '../../../server/domain/reach.ts';
import { formatNumber } from './index.ts';

/** A count as the server gave it: a number formatted for the language, or a withheld "<5" as it is. */
export function formatCount(value: Count, lang: string): string {
  return typeof value === 'number' ? formatNumber(value, lang) : value;
}

/** A count's value for drawing (bar lengths, line heights): a withheld count draws as 0. */
export function countValue(value: Count): number {
  return typeof value === 'number' ? value : 0;
}

/** A date in the language's long form: 2026年11月29日, 29 November 2026. */
export function formatDate(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long' }).format(d);
}

/** A date and time to the minute, in the language's form. */
export function formatDateTime(iso: string | Date, lang: string): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

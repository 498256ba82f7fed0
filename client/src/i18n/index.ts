import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('lang') : null;
export const initialLanguage: Language = stored === 'en' ? 'en' : 'zh-CN';
// the page says which language it is in from the start (screen readers, fonts, and tests of a reload)
if (typeof document !== 'undefined') document.documentElement.lang = initialLanguage;

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: Language): void {
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

export function formatPercent(value: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';

/** Switches between Chinese and English; the choice persists (see setLanguage). */
export function LanguageButton() {
  const { t, i18n } = useTranslation();
  return (
    <button type="button" className="lang" data-testid="language" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
      {t('language')}
    </button>
  );
}

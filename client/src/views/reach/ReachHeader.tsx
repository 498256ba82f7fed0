import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';
import { NavLinks } from '../common/NavLinks.tsx';

/** The page header of the reach and snapshot pages: the dashboard's name, the page's, navigation, and the language switch. */
export function ReachHeader({ title, nav = true }: { title: string; nav?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="header">
      <h1>{t('title')}</h1>
      <span className="reach-page-title">{title}</span>
      {nav && <NavLinks />}
      <button className="lang" data-testid="language" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
        {t('language')}
      </button>
    </header>
  );
}

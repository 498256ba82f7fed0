import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageButton } from './LanguageButton.tsx';
import { NavLinks } from './NavLinks.tsx';

/** A page's header: the dashboard's name, the page's own title, navigation, what the page adds, and the language switch. */
export function PageHeader({ title, nav = true, children }: { title?: string; nav?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="header">
      <h1>{t('title')}</h1>
      {title && <span className="page-title">{title}</span>}
      {nav && <NavLinks />}
      {children}
      <LanguageButton />
    </header>
  );
}

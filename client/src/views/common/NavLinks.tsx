import { useTranslation } from 'react-i18next';
import { ROUTES } from '../routes.ts';

/** Links to the dashboard's pages; plain links, so each page is its own URL. */
export function NavLinks() {
  const { t } = useTranslation();
  const here = window.location.pathname;
  const pages = ROUTES.filter((r) => r.nav);
  if (pages.length < 2) return null;
  return (
    <nav className="nav" data-testid="nav">
      {pages.map((r) => (
        <a key={r.path} href={r.path} aria-current={r.path === here ? 'page' : undefined}>
          {t(r.nav!)}
        </a>
      ))}
    </nav>
  );
}

import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../../server/domain/user.ts';
import { useMe } from '../../api/auth.ts';
import { ROUTES } from '../routes.ts';
import { UserMenu } from './UserMenu.tsx';

/** Links to the pages the user may open (plain links, so each page is its own URL), and who is signed in. */
export function NavLinks() {
  const { t } = useTranslation();
  const user = useMe().data?.user ?? null;
  const here = window.location.pathname;
  const pages = ROUTES.filter((r) => r.nav && (r.role === 'public' || (user && roleAtLeast(user.role, r.role ?? 'viewer'))));
  return (
    <>
      {pages.length >= 2 && (
        <nav className="nav" data-testid="nav">
          {pages.map((r) => (
            <a key={r.path} href={r.path} aria-current={r.path === here ? 'page' : undefined}>
              {t(r.nav!)}
            </a>
          ))}
        </nav>
      )}
      <UserMenu />
    </>
  );
}

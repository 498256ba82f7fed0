import { useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../../server/domain/user.ts';
import { useMe } from '../../api/auth.ts';
import { loginUrl } from '../../api/errors.ts';
import { useTRPC } from '../../api/trpc.ts';
import { ROUTES, type Route } from '../routes.ts';
import { NavLinks } from './NavLinks.tsx';

/**
 * Shows a page only to who may open it: nobody signed in (in accounts mode) goes to /login, a
 * role below the page's sees a short message instead. The server checks every request anyway;
 * this spares the page a burst of refused requests.
 */
export function AuthGate({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (route.needsDataset) void queryClient.prefetchQuery(trpc.datasets.current.queryOptions());
  }, [route, queryClient, trpc]);
  const required = route.role ?? 'viewer';
  const user = me.data?.user ?? null;
  const mustSignIn = required !== 'public' && me.isSuccess && !user;
  const allowed = required === 'public' || (!!user && roleAtLeast(user.role, required));
  // at the home page, someone whose role does not reach it goes to the first page that it does
  const elsewhere =
    user && !allowed && window.location.pathname === '/'
      ? ROUTES.find((r) => r.nav && r.role !== 'public' && roleAtLeast(user.role, r.role ?? 'viewer'))
      : undefined;
  useEffect(() => {
    if (mustSignIn) window.location.assign(loginUrl());
    else if (elsewhere) window.location.replace(elsewhere.path);
  }, [mustSignIn, elsewhere]);
  if (required === 'public') return children;
  if (me.isError) return <div className="page-message error-text">{`${t('loadError')}: ${me.error.message}`}</div>;
  if (!user || elsewhere) return null;
  if (!allowed)
    return (
      <div className="app">
        <header className="header">
          <h1>{t('title')}</h1>
          <NavLinks />
        </header>
        <div className="page-message" data-testid="forbidden-page">
          <p>{t('noticeForbidden')}</p>
          <p>
            <a href="/login">{t('loginSwitchUser')}</a>
          </p>
        </div>
      </div>
    );
  return children;
}

import { lazy, type ComponentType, type ReactElement } from 'react';
import type { zhCN } from '../i18n/zh-CN.ts';
import type { Role } from '../../../server/domain/user.ts';
import { PlannerView } from './planner/PlannerView.tsx';

/**
 * The dashboard's pages, by URL path. The planner is in the main bundle so the first map does
 * not wait for another chunk; other pages load when first visited (React.lazy). The header's
 * navigation lists the pages with a `nav` label, in this order.
 */
export interface Route {
  path: string;
  nav?: keyof typeof zhCN;
  page: ComponentType;
  /**
   * The least role that may open the page (default viewer: anyone signed in); 'public' for the
   * sign-in page. The navigation lists a page only to those who may open it.
   */
  role?: Role | 'public';
  /**
   * Whether the page's first query is the current dataset: AuthGate then asks for it in the same
   * request as who is signed in, instead of a round trip later (the first map waits on it).
   */
  needsDataset?: true;
}

export const ROUTES: Route[] = [
  { path: '/', nav: 'navPlanner', page: PlannerView, role: 'planner', needsDataset: true },
  { path: '/data', nav: 'navData', page: lazyPage(() => import('./data/DataView.tsx'), 'DataView'), role: 'planner' },
  // what the programme reaches (donors; a viewer's home), a published snapshot's link, presentation mode (issue 6)
  { path: '/reach', nav: 'navReach', page: lazyPage(() => import('./reach/ReachView.tsx'), 'ReachView'), role: 'viewer' },
  { path: '/s/', page: lazyPage(() => import('./reach/SnapshotView.tsx'), 'SnapshotView'), role: 'public' },
  { path: '/present', page: lazyPage(() => import('./reach/PresentView.tsx'), 'PresentView'), role: 'public' },
  { path: '/login', page: lazyPage(() => import('./login/LoginView.tsx'), 'LoginView'), role: 'public' },
  { path: '/admin', nav: 'navAdmin', page: lazyPage(() => import('./admin/AdminView.tsx'), 'AdminView'), role: 'admin' },
];

/** Lazily loaded page: `lazyPage(() => import('./x/XView.tsx'), 'XView')`. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, () => ReactElement>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: () => ReactElement }> => ({ default: (await load())[name] }));
}

export function routeFor(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // a path ending in '/' takes everything below it (/s/<token>)
  return ROUTES.find((r) => r.path === path || (r.path.length > 1 && r.path.endsWith('/') && path.startsWith(r.path))) ?? ROUTES[0];
}

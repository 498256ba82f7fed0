import { lazy, type ComponentType, type ReactElement } from 'react';
import type { zhCN } from '../i18n/zh-CN.ts';
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
}

export const ROUTES: Route[] = [
  { path: '/', nav: 'navPlanner', page: PlannerView },
];

/** Lazily loaded page: `lazyPage(() => import('./x/XView.tsx'), 'XView')`. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, () => ReactElement>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: () => ReactElement }> => ({ default: (await load())[name] }));
}

export function routeFor(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTES.find((r) => r.path === path) ?? ROUTES[0];
}

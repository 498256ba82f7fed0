import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../api/auth.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';

export const ROLE_LABELS = { viewer: 'roleViewer', planner: 'rolePlanner', admin: 'roleAdmin' } as const satisfies Record<string, keyof typeof zhCN>;

/** Who is signed in, with a sign-out button; in local mode, a badge saying there are no accounts. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe().data;
  const logout = useLogout();
  if (!me?.user) return null;
  if (me.mode === 'local')
    return (
      <span className="user-menu muted" data-testid="user-menu" title={t('loginLocalMode')}>
        {t('localModeBadge')}
      </span>
    );
  return (
    <span className="user-menu" data-testid="user-menu">
      {t('signedInAs', { name: me.user.name, role: t(ROLE_LABELS[me.user.role]) })}
      <button className="link-button" data-testid="logout" onClick={() => logout.mutate()}>
        {t('logout')}
      </button>
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';
import { NavLinks } from '../common/NavLinks.tsx';
import { AuditPanel } from './AuditPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

/** For admins: the users and their roles, and the audit log of every change. */
export function AdminView() {
  const { t, i18n } = useTranslation();
  return (
    <div className="app admin-page">
      <header className="header">
        <h1>{t('title')}</h1>
        <NavLinks />
        <button className="lang" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      <div className="admin-body">
        <UsersPanel />
        <AuditPanel />
      </div>
    </div>
  );
}

import { PageHeader } from '../common/PageHeader.tsx';
import { AuditPanel } from './AuditPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

/** For admins: the users and their roles, and the audit log of every change. */
export function AdminView() {
  return (
    <div className="app admin-page">
      <PageHeader />
      <div className="admin-body">
        <UsersPanel />
        <AuditPanel />
      </div>
    </div>
  );
}

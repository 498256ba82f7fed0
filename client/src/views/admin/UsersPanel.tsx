import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserRow } from '../../../../server/domain/user.ts';
import { useTRPC } from '../../api/trpc.ts';
import { ROLE_LABELS } from '../common/UserMenu.tsx';

/** The user list: add a user, change a role, disable or enable, reset a password. */
export function UsersPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() });
  };
  const create = useMutation({ ...trpc.users.create.mutationOptions(), onSuccess: refresh });
  const setRole = useMutation({ ...trpc.users.setRole.mutationOptions(), onSuccess: refresh });
  const setDisabled = useMutation({ ...trpc.users.setDisabled.mutationOptions(), onSuccess: refresh });
  const resetPassword = useMutation({ ...trpc.users.resetPassword.mutationOptions(), onSuccess: refresh });
  const failed = [create, setRole, setDisabled, resetPassword].find((m) => m.error);

  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setNewRole] = useState<Role>('viewer');
  const add = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, password, role }, { onSuccess: () => (setName(''), setPassword('')) });
  };

  return (
    <section className="admin-section" data-testid="users">
      <h2>{t('usersTitle')}</h2>
      {failed?.error && (
        <p className="error-text" role="alert" data-testid="users-error">
          {t('actionFailed', { message: failed.error.message })}
        </p>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('userName')}</th>
            <th>{t('userRole')}</th>
            <th>{t('userStatus')}</th>
            <th>{t('userLastLogin')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <UserLine
              key={u.id}
              user={u}
              onRole={(r) => setRole.mutate({ id: u.id, role: r })}
              onDisabled={(d) => setDisabled.mutate({ id: u.id, disabled: d })}
              onPassword={(p) => resetPassword.mutate({ id: u.id, password: p })}
            />
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={add} data-testid="add-user">
        <h3>{t('userAdd')}</h3>
        <input name="name" placeholder={t('userName')} value={name} onChange={(e) => setName(e.target.value)} required />
        <input name="password" type="password" autoComplete="new-password" placeholder={t('userNewPassword')} value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} />
        <select name="role" value={role} onChange={(e) => setNewRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABELS[r])}
            </option>
          ))}
        </select>
        <button type="submit" disabled={create.isPending}>
          {t('userAdd')}
        </button>
      </form>
    </section>
  );
}

function UserLine({ user, onRole, onDisabled, onPassword }: { user: UserRow; onRole: (r: Role) => void; onDisabled: (d: boolean) => void; onPassword: (p: string) => void }) {
  const { t, i18n } = useTranslation();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  return (
    <tr data-testid={`user-${user.name}`} className={user.disabled ? 'disabled' : undefined}>
      <td>{user.name}</td>
      <td>
        <select aria-label={t('userRole')} value={user.role} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABELS[r])}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? t('userDisabled') : t('userActive')}</td>
      <td>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString(i18n.language) : t('never')}</td>
      <td className="actions">
        <button onClick={() => onDisabled(!user.disabled)}>{user.disabled ? t('userEnable') : t('userDisable')}</button>
        {resetting ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onPassword(password);
              setResetting(false);
              setPassword('');
            }}
          >
            <input type="password" autoComplete="new-password" placeholder={t('userNewPassword')} value={password} onChange={(e) => setPassword(e.target.value)} minLength={10} required />
            <button type="submit">{t('save')}</button>
            <button type="button" onClick={() => setResetting(false)}>
              {t('cancel')}
            </button>
          </form>
        ) : (
          <button onClick={() => setResetting(true)}>{t('userResetPassword')}</button>
        )}
      </td>
    </tr>
  );
}

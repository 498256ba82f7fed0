import { LanguageButton } from '../common/LanguageButton.tsx';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { errorCodeOf, safeNext } from '../../api/errors.ts';
import { useTRPC } from '../../api/trpc.ts';

/** The sign-in page; in local mode it says there is nothing to sign in to. */
export function LoginView() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe().data;
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(new URLSearchParams(window.location.search).get('next'));
  const login = useMutation({ ...trpc.auth.login.mutationOptions(), onSuccess: () => window.location.assign(next) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ name, password });
  };
  const code = login.error ? errorCodeOf(login.error) : null;
  const failure = code === 'UNAUTHORIZED' ? t('loginFailed') : code === 'TOO_MANY_REQUESTS' ? t('loginTooMany') : login.error?.message;

  return (
    <div className="login-page">
      <form className="login-form" onSubmit={submit} data-testid="login-form">
        <h1>{t('title')}</h1>
        <h2>{t('loginTitle')}</h2>
        {me?.mode === 'local' ? (
          <p data-testid="local-mode">
            {t('loginLocalMode')} <a href="/">{t('backToMap')}</a>
          </p>
        ) : (
          <>
            <label>
              {t('loginName')}
              <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
            </label>
            <label>
              {t('loginPassword')}
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
            {failure && (
              <p className="error-text" role="alert" data-testid="login-error">
                {failure}
              </p>
            )}
            <button type="submit" disabled={login.isPending}>
              {t('loginSubmit')}
            </button>
          </>
        )}
        <LanguageButton />
      </form>
    </div>
  );
}

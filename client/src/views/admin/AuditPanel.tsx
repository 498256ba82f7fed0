import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api/trpc.ts';

const PAGE_SIZE = 50;

/** The audit log, newest first, filtered by user and by action (a procedure path or its beginning). */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [filter, setFilter] = useState({ user: '', path: '' });
  const [draft, setDraft] = useState(filter);
  const [page, setPage] = useState(0);
  const log = useQuery({
    ...trpc.audit.list.queryOptions({ user: filter.user || undefined, path: filter.path || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / PAGE_SIZE));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setPage(0);
  };

  return (
    <section className="admin-section" data-testid="audit">
      <h2>{t('auditTitle')}</h2>
      <form className="admin-form" onSubmit={apply}>
        <input placeholder={t('auditFilterUser')} value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} />
        <input placeholder={t('auditFilterAction')} value={draft.path} onChange={(e) => setDraft({ ...draft, path: e.target.value })} />
        <button type="submit">{t('auditApply')}</button>
      </form>
      <table className="admin-table audit-table">
        <thead>
          <tr>
            <th>{t('auditTime')}</th>
            <th>{t('auditUser')}</th>
            <th>{t('auditAction')}</th>
            <th>{t('auditResult')}</th>
            <th>{t('auditDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {(log.data?.rows ?? []).map((r) => (
            <tr key={r.id} data-testid="audit-row" data-path={r.path}>
              <td className="nowrap">{new Date(r.at).toLocaleString(i18n.language)}</td>
              <td>{r.userName || '—'}</td>
              <td>
                <code>{r.path}</code>
              </td>
              <td className={r.ok ? undefined : 'error-text'}>{r.ok ? t('auditOk') : r.error}</td>
              <td className="details">
                {r.input && <code>{r.input}</code>}
                {r.before && (
                  <code>
                    <span className="muted">{t('auditBefore')} </span>
                    {r.before}
                  </code>
                )}
                {r.after && (
                  <code>
                    <span className="muted">{t('auditAfter')} </span>
                    {r.after}
                  </code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('previousPage')}
        </button>
        <span>{t('pageOf', { page: page + 1, pages })}</span>
        <button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
          {t('nextPage')}
        </button>
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../api/trpc.ts';
import { formatNumber } from '../../i18n/index.ts';

/**
 * Every dataset version, newest first: what made it, its size, which is current. Restoring makes
 * an older version current again; nothing is copied or deleted.
 */
export function VersionList() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.datasets.versions.queryOptions());
  const restore = useMutation(trpc.datasets.restore.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries() }));
  const num = (x: number) => formatNumber(x, i18n.language);
  return (
    <section className="panel versions" data-testid="versions">
      <h2>{t('dataVersions')}</h2>
      {versions.error && <div className="error-text">{versions.error.message}</div>}
      <ol>
        {(versions.data ?? []).map((v) => (
          <li key={v.id} data-testid={`version-${v.version}`} data-current={v.current} className={v.current ? 'current' : undefined}>
            <div className="version-head">
              <strong>{t('dataVersion', { version: v.version })}</strong>
              <span className="muted">{new Date(v.createdAt).toLocaleString(i18n.language)}</span>
              {v.current ? (
                <span className="badge current-badge">{t('dataCurrent')}</span>
              ) : (
                <button
                  className="link-button"
                  data-testid={`restore-${v.version}`}
                  disabled={restore.isPending}
                  onClick={() => window.confirm(t('dataRestoreConfirm', { version: v.version })) && restore.mutate({ datasetId: v.id })}
                >
                  {t('dataRestore')}
                </button>
              )}
            </div>
            {v.note && <div className="version-note">{v.note}</div>}
            <div className="muted">
              {t('dataVersionCounts', { villages: num(v.counts.villages), workers: num(v.counts.workers), services: num(v.counts.servicePoints) })}
              {' · '}
              <a href={`/api/exports/dataset.zip?dataset=${v.id}`}>{t('dataDownload')}</a>
            </div>
          </li>
        ))}
      </ol>
      {restore.error && <div className="error-text">{restore.error.message}</div>}
    </section>
  );
}

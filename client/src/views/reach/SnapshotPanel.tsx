import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisParamsInput } from '../../../../server/domain/index.ts';
import { useScenarios } from '../../api/planning.ts';
import { snapshotUrl, useSnapshotChanges, useSnapshotList } from '../../api/reach.ts';
import { formatDateTime } from '../../i18n/formats.ts';

interface Props {
  /** the unit on the page (null: the whole dataset) */
  code: string | null;
  params: AnalysisParamsInput;
  datasetId: number;
}

/**
 * For planners: publish what the page shows as a frozen snapshot behind an unguessable link
 * (bilingual title, optionally a saved scenario's totals), copy its link, revoke it; present the
 * live ones full screen.
 */
export function SnapshotPanel({ code, params, datasetId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [scenario, setScenario] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const scenarios = useScenarios();
  const list = useSnapshotList(true);
  const { publish, revoke } = useSnapshotChanges();
  const published = publish.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate(
      { title: { zh: zh.trim(), en: en.trim() }, datasetId, code, params, scenarioId: scenario ? Number(scenario) : null, view: window.location.search },
      {
        onSuccess: () => {
          setZh('');
          setEn('');
        },
      },
    );
  };
  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(snapshotUrl(token));
      setCopied(token);
    } catch {
      setCopied(null);
    }
  };
  const live = (list.data ?? []).filter((s) => !s.revokedAt);

  return (
    <section className="panel snapshot-panel" data-testid="snapshot-panel">
      <h2>{t('snapTitle')}</h2>
      <p className="muted">{t('snapHelp')}</p>
      <form onSubmit={submit} data-testid="snapshot-form">
        <label>
          {t('snapTitleZh')}
          <input name="title-zh" lang="zh-CN" value={zh} onChange={(e) => setZh(e.target.value)} required maxLength={120} />
        </label>
        <label>
          {t('snapTitleEn')}
          <input name="title-en" lang="en" value={en} onChange={(e) => setEn(e.target.value)} required maxLength={120} />
        </label>
        <label>
          {t('snapScenario')}
          <select name="scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
            <option value="">{t('snapNoScenario')}</option>
            {(scenarios.data ?? []).map((s) => (
              <option key={s.id} value={s.id} data-proper-name="">
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={publish.isPending} data-testid="snapshot-publish">
          {t('snapPublish')}
        </button>
        {publish.error && <p className="error-text">{t('actionFailed', { message: publish.error.message })}</p>}
      </form>
      {published && (
        <p className="snapshot-new" data-testid="snapshot-new" data-token={published.token}>
          {t('snapPublishedLink')}{' '}
          <a href={`/s/${published.token}`} data-testid="snapshot-link">
            {snapshotUrl(published.token)}
          </a>
        </p>
      )}
      <h3>{t('snapList')}</h3>
      {list.data && list.data.length === 0 && <p className="muted">{t('snapNone')}</p>}
      <ul className="snapshot-list" data-testid="snapshot-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id} data-testid="snapshot-row" data-id={s.id} data-token={s.token} data-revoked={s.revokedAt ? 'true' : 'false'}>
            <div className="snapshot-title" data-proper-name="">
              {lang === 'en' ? s.title.en : s.title.zh}
            </div>
            <div className="muted">
              {s.revokedAt ? t('snapRevokedOn', { date: formatDateTime(s.revokedAt, lang) }) : t('snapPublishedOn', { date: formatDateTime(s.createdAt, lang) })}
            </div>
            {!s.revokedAt && (
              <div className="snapshot-actions">
                <a href={`/s/${s.token}`}>{t('snapOpen')}</a>
                <button type="button" className="link-button" onClick={() => void copy(s.token)}>
                  {copied === s.token ? t('snapCopied') : t('snapCopy')}
                </button>
                <button type="button" className="link-button danger" data-testid="snapshot-revoke" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: s.id })}>
                  {t('snapRevoke')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {live.length > 0 && (
        <p>
          <a href="/present" data-testid="present-link">
            {t('presentAll', { count: live.length })}
          </a>
        </p>
      )}
    </section>
  );
}

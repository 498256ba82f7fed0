import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotPayload } from '../../../../server/domain/index.ts';
import { errorCodeOf } from '../../api/errors.ts';
import { useSnapshot, type BoundarySource } from '../../api/reach.ts';
import { formatCount, formatDate } from '../../i18n/formats.ts';
import { formatPercent } from '../../i18n/index.ts';
import { parseViewState } from '../planner/view_state.ts';
import { SyntheticNote } from '../common/SyntheticNote.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { HeadlineFigures } from './HeadlineFigures.tsx';
import { ReachCharts } from './ReachCharts.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { ReachMap } from './ReachMap.tsx';
import { CATEGORY_LABEL_KEYS, parameterRows, unitName } from './reach_text.ts';
import { useReachMap } from './use_reach_map.ts';
import './reach.css';

/** The token of a snapshot link: /s/<token>. */
export function tokenFromPath(pathname: string): string {
  return decodeURIComponent(pathname.replace(/^\/s\/?/, '').replace(/\/+$/, ''));
}

/** A snapshot's title in the current language. */
export function snapshotTitle(title: SnapshotPayload['title'], lang: string): string {
  return lang === 'en' ? title.en : title.zh;
}

/**
 * A published snapshot, for anyone with its link (no account): the figures frozen when it was
 * published, whatever the data has become since; a plain message once it is revoked.
 */
export function SnapshotView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const token = tokenFromPath(window.location.pathname);
  const snap = useSnapshot(token);
  const payload = snap.data;
  const source = useMemo<BoundarySource | null>(() => (payload ? { snapshot: token } : null), [payload, token]);
  const map = useReachMap(payload?.reach, source);
  const code = snap.error ? errorCodeOf(snap.error) : null;
  const gone = code === 'NOT_FOUND' || code === 'BAD_REQUEST' || token.length === 0;

  if (gone || snap.error)
    return (
      <div className="app reach-page">
        <PageHeader title={t('snapPageTitle')} />
        <div className="page-message" data-testid="snapshot-gone">
          <p>{gone ? t('snapGone') : `${t('loadError')}: ${snap.error!.message}`}</p>
        </div>
      </div>
    );
  if (!payload)
    return (
      <div className="app reach-page">
        <PageHeader title={t('snapPageTitle')} />
        <div className="page-message">{t('loading')}</div>
      </div>
    );
  const s = payload.reach;
  const title = snapshotTitle(payload.title, lang);
  const params = parseViewState(payload.view).params;
  return (
    <div className="app reach-page snapshot-page" data-testid="snapshot-page" data-token={token}>
      <PageHeader title={t('snapPageTitle')} />
      <div className="subheader">
        <span className="muted" data-testid="snapshot-published">
          {t('snapPublishedOn', { date: formatDate(payload.publishedAt, lang) })}
        </span>
        <span className="muted">{t('snapFrozen')}</span>
        <a href={`/present?s=${encodeURIComponent(token)}`} data-testid="snapshot-present">
          {t('presentThis')}
        </a>
      </div>
      {s.dataset.synthetic && <SyntheticNote />}
      <div className="reach-body" data-testid="reach-body" data-unit={s.unit.code ?? ''}>
        <main className="reach-main">
          <h2 className="snapshot-heading" data-testid="snapshot-title" data-proper-name="">
            {title}
          </h2>
          <p className="reach-unit-line">
            <span {...(s.unit.code ? { 'data-proper-name': '' } : {})}>{unitName(t, s)}</span>
          </p>
          <HeadlineFigures summary={s} />
          {payload.scenario && <ScenarioTotals scenario={payload.scenario} />}
          <ReachMap map={map} />
        </main>
        <aside className="reach-side">
          <ReachCharts summary={s} />
          <ExportPanel summary={s} mapSource={map.mapSource} title={title} params={parameterRows(t, lang, s, params, { snapshot: payload })} published={payload.publishedAt} fileBase="snapshot" />
        </aside>
      </div>
    </div>
  );
}

/** A saved plan's totals, as frozen in the snapshot: never its villages. */
function ScenarioTotals({ scenario }: { scenario: NonNullable<SnapshotPayload['scenario']> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const c = (v: Parameters<typeof formatCount>[0]) => formatCount(v, lang);
  return (
    <section className="scenario-totals" data-testid="snapshot-scenario">
      <h3>
        {t('snapScenario')}: <span data-proper-name="">{scenario.name}</span>
      </h3>
      <dl className="facts">
        <div className="fact">
          <dt>{t('planSites')}</dt>
          <dd data-testid="scenario-sites" data-value={String(scenario.sites)}>
            {t('planWorkersCount', { value: c(scenario.sites) })}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('planVillagesServed')}</dt>
          <dd>{t('planVillagesCount', { value: c(scenario.villagesServed) })}</dd>
        </div>
        <div className="fact">
          <dt>{t('planChildrenServed')}</dt>
          <dd>{t('planChildrenCount', { value: c(scenario.served.children) })}</dd>
        </div>
        {(['leftBehind', 'disabled', 'orphaned', 'difficult'] as const).map((k) => (
          <div className="fact" key={k}>
            <dt>{t(CATEGORY_LABEL_KEYS[k])}</dt>
            <dd>{t('planChildrenCount', { value: c(scenario.served[k]) })}</dd>
          </div>
        ))}
        <div className="fact">
          <dt>{t('planCompareGap')}</dt>
          <dd>{formatPercent(scenario.gapPercent / 100, lang)}</dd>
        </div>
        <div className="fact">
          <dt>{t('planTableYear')}</dt>
          <dd>{scenario.years.join(', ')}</dd>
        </div>
      </dl>
    </section>
  );
}

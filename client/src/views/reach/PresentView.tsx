import { LanguageButton } from '../common/LanguageButton.tsx';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasRole, useMe } from '../../api/auth.ts';
import { errorCodeOf } from '../../api/errors.ts';
import { useSnapshot, useSnapshotList, type BoundarySource } from '../../api/reach.ts';
import { formatCount, formatDate } from '../../i18n/formats.ts';
import { formatNumber } from '../../i18n/index.ts';
import { HeadlineFigures } from './HeadlineFigures.tsx';
import { ReachMap } from './ReachMap.tsx';
import { unitName } from './reach_text.ts';
import { useReachMap } from './use_reach_map.ts';
import './reach.css';

const NEXT_KEYS = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'PageUp']);

/** The snapshots to present: `?s=token1,token2` in that order, else every live snapshot, oldest first (planners). */
function useSlides(): { tokens: string[]; loading: boolean } {
  const chosen = useMemo(() => {
    const s = new URLSearchParams(window.location.search).get('s');
    return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : null;
  }, []);
  const planner = useHasRole('planner');
  const me = useMe();
  const list = useSnapshotList(chosen === null && planner);
  if (chosen) return { tokens: chosen, loading: false };
  const tokens = (list.data ?? [])
    .filter((s) => !s.revokedAt)
    .sort((a, b) => a.id - b.id)
    .map((s) => s.token);
  return { tokens, loading: me.isPending || (planner && list.isPending) };
}

/** Whether the page is full screen, and a toggle (the Fullscreen API needs a user's click). */
function useFullscreen(): [boolean, () => void] {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const change = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return [on, toggle];
}

/**
 * Presentation for ministry staff: one snapshot per slide in large type, its title in both
 * languages, its map and headline figures; the arrow keys (also Page Up / Page Down and Space)
 * step through the slides, the button goes full screen.
 */
export function PresentView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { tokens, loading } = useSlides();
  const [index, setIndex] = useState(0);
  const [fullscreen, toggleFullscreen] = useFullscreen();
  const count = tokens.length;
  const step = useCallback((by: number) => setIndex((i) => Math.min(Math.max(0, i + by), Math.max(0, count - 1))), [count]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      if (NEXT_KEYS.has(e.key)) step(1);
      else if (PREVIOUS_KEYS.has(e.key)) step(-1);
      else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(Math.max(0, count - 1));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, count]);

  const token = tokens[Math.min(index, Math.max(0, count - 1))] ?? null;
  // the next slide's figures load while this one is shown
  useSnapshot(tokens[index + 1] ?? null);

  return (
    <div className={fullscreen ? 'present fullscreen' : 'present'} data-testid="present" data-index={index} data-count={count}>
      <div className="present-bar">
        <button onClick={() => step(-1)} disabled={index === 0} data-testid="present-previous" aria-label={t('presentPrevious')}>
          ‹
        </button>
        <span className="present-position" data-testid="present-position">
          {count > 0 ? `${formatNumber(index + 1, lang)} / ${formatNumber(count, lang)}` : ''}
        </span>
        <button onClick={() => step(1)} disabled={index >= count - 1} data-testid="present-next" aria-label={t('presentNext')}>
          ›
        </button>
        <span className="present-hint">{t('presentKeys')}</span>
        <button onClick={toggleFullscreen} data-testid="present-fullscreen">
          {fullscreen ? t('presentExitFullscreen') : t('presentFullscreen')}
        </button>
        <LanguageButton />
      </div>
      {token ? (
        <Slide key={token} token={token} />
      ) : (
        <div className="page-message" data-testid="present-empty">
          {loading ? t('loading') : t('presentEmpty')}
        </div>
      )}
    </div>
  );
}

function Slide({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const snap = useSnapshot(token);
  const payload = snap.data;
  const source = useMemo<BoundarySource | null>(() => (payload ? { snapshot: token } : null), [payload, token]);
  const map = useReachMap(payload?.reach, source);
  if (snap.error) {
    const code = errorCodeOf(snap.error);
    return (
      <div className="page-message" data-testid="slide-gone">
        {code === 'NOT_FOUND' || code === 'BAD_REQUEST' ? t('snapGone') : `${t('loadError')}: ${snap.error.message}`}
      </div>
    );
  }
  if (!payload) return <div className="page-message">{t('loading')}</div>;
  const s = payload.reach;
  return (
    <section className="slide" data-testid="slide" data-token={token}>
      <header className="slide-titles">
        <h1 lang="zh-CN" data-testid="slide-title-zh" data-proper-name="">
          {payload.title.zh}
        </h1>
        <h2 lang="en" data-testid="slide-title-en" data-proper-name="">
          {payload.title.en}
        </h2>
      </header>
      <div className="slide-body">
        <ReachMap map={map} large />
        <div className="slide-figures">
          <p className="slide-unit" {...(s.unit.code ? { 'data-proper-name': '' } : {})}>
            {unitName(t, s)}
          </p>
          <HeadlineFigures summary={s} large />
          {payload.scenario && (
            <p className="slide-scenario">
              {t('presentScenario', { sites: formatCount(payload.scenario.sites, lang), children: formatCount(payload.scenario.served.children, lang) })}{' '}
              <span data-proper-name="">{payload.scenario.name}</span>
            </p>
          )}
        </div>
      </div>
      <footer className="slide-footer">
        <span>{t('snapPublishedOn', { date: formatDate(payload.publishedAt, lang) })}</span>
        {s.dataset.synthetic && (
          <span>
            <strong className="badge">{t('syntheticBadge')}</strong>
            {t('exportSyntheticLabel')}
          </span>
        )}
      </footer>
    </section>
  );
}

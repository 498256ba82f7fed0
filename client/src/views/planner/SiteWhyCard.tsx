import { useTranslation } from 'react-i18next';
import type { SiteExplanation } from '../../../../server/domain/index.ts';
import { formatNumber } from '../../i18n/index.ts';
import { VULNERABLE, weighted, whole } from './plan_text.ts';

interface Props {
  /** the chosen village's code, shown while its explanation loads */
  code: string;
  why: SiteExplanation | undefined;
  error: string | null;
  onClose: () => void;
}

/** Why the plan chose this village: its rank, what it newly serves, and the best village nearby it did not choose. */
export function SiteWhyCard({ code, why, error, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (x: number) => whole(x, lang);
  const km = (x: number) => t('km', { value: formatNumber(Math.round(x * 10) / 10, lang) });
  const site = why?.site;
  return (
    <aside className="village-card plan-why" data-testid="plan-why" data-code={code}>
      <button className="close" onClick={onClose} aria-label={t('close')}>
        ×
      </button>
      <div className="muted">{t('planWhyTitle')}</div>
      <h2>{site?.name ?? code}</h2>
      {error && <div className="error-text">{t('planFailed', { message: error })}</div>}
      {!why && !error && <div className="muted">{t('loading')}</div>}
      {why && site && (
        <>
          <div className="muted">
            {t('code')} {site.code}
          </div>
          <div data-testid="plan-why-rank">{t('planWhyRank', { rank: site.rank, sites: n(why.sites), year: site.year, phase: site.phase })}</div>
          <dl className="facts">
            <dt>{t('planWhyGain')}</dt>
            <dd>{weighted(site.gain, lang)}</dd>
            <dt>{t('planChildrenServed')}</dt>
            <dd>{t('planChildrenCount', { value: n(site.served.children) })}</dd>
            {VULNERABLE.map((c) => (
              <div key={c} className="fact">
                <dt>{t(c)}</dt>
                <dd>{t('planChildrenCount', { value: n(site.served[c]) })}</dd>
              </div>
            ))}
          </dl>
          <h3>{t('planWhyServes', { count: why.villages.length })}</h3>
          {why.villages.length === 0 ? (
            <div className="muted">{t('planWhyNone')}</div>
          ) : (
            <table className="distances" data-testid="plan-why-villages">
              <tbody>
                {why.villages.map((v) => (
                  <tr key={v.code}>
                    <td>{v.name}</td>
                    <td>{km(v.km)}</td>
                    <td>{t('planChildrenCount', { value: n(v.served.children) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('planWhyAlternativeTitle')}</h3>
          <div data-testid="plan-why-alternative">
            {why.alternative
              ? t('planWhyAlternative', { name: why.alternative.name, km: km(why.alternative.km), gain: weighted(why.alternative.gain, lang), own: weighted(site.gain, lang) })
              : t('planWhyNoAlternative')}
          </div>
        </>
      )}
    </aside>
  );
}

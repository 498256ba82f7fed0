import { useTranslation } from 'react-i18next';
import type { ReachSummary } from '../../../../server/domain/index.ts';
import { formatCount } from '../../i18n/formats.ts';
import { headlineFigures } from './reach_text.ts';

/**
 * The headline figures with their units. Each keeps the value the server sent in data-value
 * (a number, or "<5" where it was withheld).
 */
export function HeadlineFigures({ summary, large = false }: { summary: ReachSummary; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <dl className={large ? 'headline large' : 'headline'} data-testid="headline">
      {headlineFigures(t, lang, summary).map((f) => (
        <div key={f.key} className={`headline-figure headline-${f.key}`}>
          <dt>{f.label}</dt>
          <dd data-testid={`headline-${f.key}`} data-value={String(f.value)}>
            <span className="headline-value">{formatCount(f.value, lang)}</span> <span className="headline-unit">{f.unit}</span>
          </dd>
          {f.of && (
            <dd className="headline-of" data-testid={`headline-${f.of.key}`} data-value={String(f.of.value)}>
              {f.of.text}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

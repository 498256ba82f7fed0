import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from '../../api/hooks.ts';

/** Finds a unit or village by name or code; picking one drills down to it. */
export function SearchBox({ datasetId, onPick }: { datasetId: number | undefined; onPick: (code: string, level: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const hits = useSearch(datasetId, q);
  return (
    <div className="search">
      <input value={q} placeholder={t('search')} data-testid="search" onChange={(e) => setQ(e.target.value)} />
      {q.trim() && hits.data && (
        <ul className="search-results" data-testid="search-results">
          {hits.data.length === 0 && <li className="muted">{t('noResults')}</li>}
          {hits.data.map((h) => (
            <li key={h.code}>
              <button
                data-testid={`hit-${h.code}`}
                onClick={() => {
                  onPick(h.code, h.level);
                  setQ('');
                }}
              >
                {h.name} <span className="muted">{h.context || h.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useTranslation } from 'react-i18next';

interface Props {
  path: { code: string; name: string }[];
  onSelect: (code: string | null) => void;
}

/** Province › prefecture › county › township: each step clickable, "all" goes back to the top. */
export function Breadcrumbs({ path, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <nav className="breadcrumbs" data-testid="breadcrumbs" aria-label="breadcrumbs">
      <button onClick={() => onSelect(null)}>{t('allUnits')}</button>
      {path.map((p) => (
        <span key={p.code}>
          {' › '}
          <button data-testid={`crumb-${p.code}`} onClick={() => onSelect(p.code)}>
            {p.name}
          </button>
        </span>
      ))}
    </nav>
  );
}

import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '../../../../server/domain/dataset.ts';

/** Drills one level down: the units inside the current one. */
export function ChildPicker({ units, onSelect }: { units: UnitSummary[]; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  if (units.length === 0) return null;
  return (
    <select aria-label={t('drillDown')} data-testid="pick-child" value="" onChange={(e) => e.target.value && onSelect(e.target.value)}>
      <option value="">{t('drillDown')}</option>
      {units.map((u) => (
        <option key={u.code} value={u.code!}>
          {u.name}
        </option>
      ))}
    </select>
  );
}

import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '../../../../server/domain/dataset.ts';

interface Props {
  provinces: UnitSummary[];
  prefectures: UnitSummary[];
  province: string | null;
  prefecture: string | null;
  onChange: (code: string | null) => void;
}

/** Chooses the unit in view: all provinces, one province, or one prefecture. */
export function UnitPicker({ provinces, prefectures, province, prefecture, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="unit-picker">
      <select aria-label={t('province')} data-testid="pick-province" value={province ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('allUnits')}</option>
        {provinces.map((p) => (
          <option key={p.code} value={p.code!}>
            {p.name}
          </option>
        ))}
      </select>
      {province && (
        <select aria-label={t('prefecture')} data-testid="pick-prefecture" value={prefecture ?? ''} onChange={(e) => onChange(e.target.value || province)}>
          <option value="">{t('allPrefectures')}</option>
          {prefectures.map((p) => (
            <option key={p.code} value={p.code!}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

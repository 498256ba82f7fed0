import { useTranslation } from 'react-i18next';

/** Shown wherever synthetic data is on screen: the default dataset must never pass for real. */
export function SyntheticNote() {
  const { t } = useTranslation();
  return (
    <div className="synthetic-note" data-testid="synthetic-note" role="note">
      <strong className="badge">{t('syntheticBadge')}</strong> {t('syntheticNote')}
    </div>
  );
}

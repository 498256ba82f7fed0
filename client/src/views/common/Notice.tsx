import { useTranslation } from 'react-i18next';
import { showNotice, useNotice } from '../../api/notices.ts';

/** A short message when a request was refused (not allowed, too many, server busy), until dismissed. */
export function Notice() {
  const { t } = useTranslation();
  const key = useNotice();
  if (!key) return null;
  return (
    <div className="notice" role="alert" data-testid="notice" data-notice={key}>
      {t(key)}
      <button className="link-button" onClick={() => showNotice(null)}>
        {t('dismiss')}
      </button>
    </div>
  );
}

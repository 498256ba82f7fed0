import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';
import { NavLinks } from '../common/NavLinks.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { QualitySummary } from './QualitySummary.tsx';
import { VersionList } from './VersionList.tsx';
import './data.css';

/** For planners: import the programme office's own files, see and restore dataset versions, and the data's quality. */
export function DataView() {
  const { t, i18n } = useTranslation();
  return (
    <div className="app data-page">
      <header className="header">
        <h1>{t('title')}</h1>
        <NavLinks />
        <button className="lang" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      <div className="data-body">
        <ImportPanel />
        <aside className="data-side">
          <VersionList />
          <QualitySummary />
        </aside>
      </div>
    </div>
  );
}

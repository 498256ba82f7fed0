import { PageHeader } from '../common/PageHeader.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { QualitySummary } from './QualitySummary.tsx';
import { VersionList } from './VersionList.tsx';
import './data.css';

/** For planners: import the programme office's own files, see and restore dataset versions, and the data's quality. */
export function DataView() {
  return (
    <div className="app data-page">
      <PageHeader />
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

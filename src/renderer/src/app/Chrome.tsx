/** The fixed frame around a section: sidebar navigation, top bar (switcher and file actions), status bar. */
import type { ReactNode } from 'react';
import type { WorkspaceEntry } from '../db/workspaces';
import { SECTIONS, routeHref, type Route } from './routes';
import { formatCount } from './format';
import { useViewerMode } from '../features/sharing/viewer-mode';

export function Sidebar({ route, workspace }: { route: Route; workspace: WorkspaceEntry }): React.JSX.Element {
  const counts: Partial<Record<Route['section'], number>> = {
    sources: workspace.counts.sources,
    codebook: workspace.counts.tags,
    themes: workspace.counts.clusterings,
    insights: workspace.counts.insights,
    reports: workspace.counts.reports,
  };
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          L
        </span>
        Loupe
      </div>
      {SECTIONS.map((s) => (
        <a key={s.id} className="nav-link" href={routeHref({ section: s.id, param: null })} aria-current={route.section === s.id ? 'page' : undefined}>
          <span className="nav-icon" aria-hidden="true">
            {s.icon}
          </span>
          {s.label}
          {counts[s.id] === undefined || counts[s.id] === 0 ? null : (
            <span className="nav-count num" aria-hidden="true">
              {counts[s.id]}
            </span>
          )}
        </a>
      ))}
    </nav>
  );
}

export interface TopBarProps {
  workspace: WorkspaceEntry;
  onSwitch: () => void;
  onOpen: () => void;
  /** Import survey exports, transcripts and notes into this workspace. */
  onImport: () => void;
  onSave: () => void;
  onSaveAs: () => void;
  onExport: () => void;
  /** The workspace search box (features/search). */
  search?: ReactNode;
}

export function TopBar({ workspace, onSwitch, onOpen, onImport, onSave, onSaveAs, onExport, search }: TopBarProps): React.JSX.Element {
  // Reading mode (features/sharing): no editing controls; Save stays, so comments can be shared back.
  const { readingMode } = useViewerMode(workspace.id);
  return (
    <header className="topbar">
      <button type="button" className="switcher-button" aria-haspopup="dialog" aria-label={`Workspace: ${workspace.name}. Switch workspace`} onClick={onSwitch}>
        <span className="ws-name">{workspace.name}</span>
        <span className="chevron" aria-hidden="true">
          ▼
        </span>
      </button>
      {search}
      <span className="topbar-spacer" />
      {readingMode ? (
        <span className="reading-badge" role="note">
          Reading mode
        </span>
      ) : (
        <button type="button" className="btn" onClick={onImport}>
          Import…
        </button>
      )}
      <button type="button" className="btn btn-ghost" onClick={onOpen}>
        Open…
      </button>
      <button type="button" className="btn btn-ghost" onClick={onSaveAs}>
        Save As…
      </button>
      <button type="button" className="btn btn-ghost" onClick={onExport}>
        Export
      </button>
      <button type="button" className="btn btn-primary" onClick={onSave}>
        Save
      </button>
    </header>
  );
}

/** `children`: extra items from features (e.g. the coder's name), shown before the version. */
export function StatusBar({ workspace, appVersion, children }: { workspace: WorkspaceEntry; appVersion: string; children?: ReactNode }): React.JSX.Element {
  const state = workspace.dirty ? 'Unsaved changes' : workspace.fileName === undefined ? 'Not saved to a file' : `Saved to ${workspace.fileName}`;
  return (
    <footer className="statusbar" aria-label="Status">
      <span>{workspace.name}</span>
      <span className="status-state" role="status">
        <span className="dot" aria-hidden="true" style={{ background: workspace.dirty ? 'var(--warning)' : workspace.fileName === undefined ? 'var(--text-faint)' : 'var(--success)' }} />
        {state}
      </span>
      <span className="num">{formatCount(workspace.counts.sources, 'source')}</span>
      <span className="num">{formatCount(workspace.counts.units, 'unit')}</span>
      <span className="num">{formatCount(workspace.counts.tags, 'tag')}</span>
      {children}
      <span className="status-right">Loupe {appVersion}</span>
    </footer>
  );
}

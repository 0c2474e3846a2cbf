/**
 * The application root: first-launch sample, the current workspace, routing, menu commands and dialogs.
 * Sections live in src/features; data comes through db/hooks.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MenuCommand } from '../../../shared/api';
import { useCurrentWorkspace } from '../db/hooks';
import type { WorkspaceEntry } from '../db/workspaces';
import type { Platform } from '../platform';
import { CodebookView } from '../features/codebook/CodebookView';
import { CoderStatus } from '../features/coding/CoderStatus';
import { SharingHost } from '../features/sharing/SharingHost';
import { SharingStatus } from '../features/sharing/SharingStatus';
import { useViewerMode } from '../features/sharing/viewer-mode';
import { CodingProvider } from '../features/coding/CodingProvider';
import { DropOverlay, useWindowFileDrop } from '../features/import/FileDrop';
import { ImportDialogHost } from '../features/import/ImportDialog';
import { useImport } from '../features/import/useImport';
import { ChartsView } from '../features/charts/ChartsView';
import { InsightsView } from '../features/insights/InsightsView';
import { ReportsView } from '../features/reports/ReportsView';
import { ResponsesView } from '../features/responses/ResponsesView';
import { SearchBox } from '../features/search/SearchBox';
import { SearchIndexProvider } from '../features/search/SearchIndexProvider';
import { SourcesView } from '../features/sources/SourcesView';
import { ThemesView } from '../features/themes/ThemesView';
import { checkStorage, ensureFirstLaunch, loadSample, requestPersistentStorage } from './bootstrap';
import { DatabaseOpenError } from '../db/connections';
import { RecoveryScreen } from './RecoveryScreen';
import { Sidebar, StatusBar, TopBar } from './Chrome';
import { ConflictDialog } from './ConflictDialog';
import { AlertDialog } from './Dialog';
import { userMessage } from './errors';
import { useRoute, type Route } from './routes';
import { useWorkspaceFiles, type FileDialog } from './useWorkspaceFiles';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import './shell.css';

type AppDialog = FileDialog | { kind: 'switcher' };

export function App({ platform }: { platform: Platform }): React.JSX.Element {
  const [bootError, setBootError] = useState<string | null>(null);
  const [booted, setBooted] = useState(false);
  // Stored data that cannot be opened: the recovery screen replaces the app until the user acts. `attempt` re-runs the boot.
  const [storageError, setStorageError] = useState<DatabaseOpenError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [appVersion, setAppVersion] = useState('');
  const [dialog, setDialog] = useState<AppDialog | null>(null);
  const [route, navigate] = useRoute();
  const current = useCurrentWorkspace();

  useEffect(() => {
    let live = true;
    void platform.getInfo().then((info) => live && setAppVersion(info.appVersion));
    void requestPersistentStorage();
    checkStorage()
      .then(() => ensureFirstLaunch(platform))
      .then(
        () => {
          if (!live) return;
          setStorageError(null);
          setBooted(true);
        },
        (error: unknown) => {
          if (!live) return;
          if (error instanceof DatabaseOpenError) setStorageError(error);
          else setBootError(`The sample workspace could not be loaded. ${userMessage(error)}`);
          setBooted(true);
        },
      );
    return () => {
      live = false;
    };
  }, [platform, attempt]);

  const closeDialog = useCallback(() => setDialog(null), []);
  const onOpened = useCallback(() => {
    setDialog(null);
    navigate({ section: 'sources', param: null });
  }, [navigate]);
  const files = useWorkspaceFiles(platform, appVersion, current ?? null, setDialog, onOpened);
  // Reading mode (features/sharing): nothing to import into — the button, menu command and file drops do nothing.
  const { readingMode } = useViewerMode(current?.id);
  const importer = useImport(platform, readingMode ? null : (current?.id ?? null));
  const dragging = useWindowFileDrop(importer.addFiles);
  const showImported = useCallback(
    (sourceId: string) => {
      importer.session.close();
      navigate({ section: 'sources', param: sourceId });
    },
    [importer.session, navigate],
  );

  // Menu commands and OS-opened files: subscribe once, always call the latest handlers.
  const commandRef = useRef<(command: MenuCommand) => void>(() => undefined);
  useEffect(() => {
    commandRef.current = (command) => {
      if (command === 'new') setDialog({ kind: 'switcher' });
      else if (command === 'open') void files.open();
      else if (command === 'import') importer.start();
      else if (command === 'save') void files.save(false);
      else if (command === 'save-as') void files.save(true);
      else if (command === 'export') void files.exportWorkspace();
      else if (command === 'about') setDialog({ kind: 'alert', title: 'About Loupe', message: `Loupe ${appVersion} — an offline research workbench.` });
      // undo/redo: handled by the CodingProvider (features/coding), which owns the workspace's history.
    };
  }, [files, appVersion, importer]);
  const openFileRef = useRef(files.openFile);
  useEffect(() => {
    openFileRef.current = files.openFile;
  }, [files.openFile]);
  useEffect(() => platform.onCommand((c) => commandRef.current(c)), [platform]);
  useEffect(() => platform.onOpenFile((f) => void openFileRef.current(f)), [platform]);

  const dialogs = (
    <>
      {dialog?.kind === 'alert' ? <AlertDialog title={dialog.title} message={dialog.message} onClose={closeDialog} /> : null}
      {dialog?.kind === 'conflict' ? (
        <ConflictDialog
          fileName={dialog.file.name}
          existing={dialog.existing}
          bytes={dialog.bytes}
          snapshot={dialog.snapshot}
          appVersion={appVersion}
          onCancel={closeDialog}
          onCopy={() => void files.resolveConflict('copy', dialog)}
        />
      ) : null}
      {dialog?.kind === 'switcher' ? (
        <WorkspaceSwitcher
          platform={platform}
          currentId={current?.id ?? null}
          onClose={closeDialog}
          onOpenFile={() => void files.open()}
          onOpenRecent={(entry) => void platform.openRecent(entry).then((file) => (file === null ? undefined : files.openFile(file)))}
        />
      ) : null}
    </>
  );

  if (storageError !== null) {
    return <RecoveryScreen error={storageError} platform={platform} onRetry={() => setAttempt((n) => n + 1)} />;
  }

  if (!booted || current === undefined) {
    return (
      <div className="splash" role="status">
        Loading your workspace…
      </div>
    );
  }

  if (current === null) {
    return (
      <>
        <Welcome
          error={bootError}
          onCreate={() => setDialog({ kind: 'switcher' })}
          onOpen={() => void files.open()}
          onSample={() => void loadSample(platform).catch((e: unknown) => setDialog({ kind: 'alert', title: 'The sample could not be loaded', message: userMessage(e) }))}
        />
        {dialogs}
      </>
    );
  }

  return (
    <CodingProvider workspaceId={current.id} platform={platform}>
    <SearchIndexProvider workspaceId={current.id}>
    <div className="shell">
      <Sidebar route={route} workspace={current} />
      <TopBar
        workspace={current}
        onSwitch={() => setDialog({ kind: 'switcher' })}
        onOpen={() => void files.open()}
        onImport={importer.start}
        onSave={() => void files.save(false)}
        onSaveAs={() => void files.save(true)}
        onExport={() => void files.exportWorkspace()}
        search={<SearchBox workspaceId={current.id} navigate={navigate} />}
      />
      <main className="content" aria-label="Content">
        <Section key={current.id} route={route} workspace={current} navigate={navigate} onImport={importer.start} platform={platform} />
      </main>
      <StatusBar workspace={current} appVersion={appVersion}>
        <CoderStatus />
        <SharingStatus workspace={current} />
      </StatusBar>
      {dialogs}
      <SharingHost platform={platform} workspace={current} onSave={() => void files.save(false)} />
      <ImportDialogHost session={importer.session} onAddFiles={importer.pickMore} onShowSource={showImported} />
      {dragging ? <DropOverlay /> : null}
    </div>
    </SearchIndexProvider>
    </CodingProvider>
  );
}

function Section({ route, workspace, navigate, onImport, platform }: { route: Route; workspace: WorkspaceEntry; navigate: (r: Route) => void; onImport: () => void; platform: Platform }): React.JSX.Element {
  switch (route.section) {
    case 'sources':
      return <SourcesView workspaceId={workspace.id} selectedId={route.param} focus={route.focus ?? null} onSelect={(id) => navigate({ section: 'sources', param: id })} onImport={onImport} />;
    case 'responses':
      return <ResponsesView workspaceId={workspace.id} routeFilter={route.param} onClearRouteFilter={() => navigate({ section: 'responses', param: null })} />;
    case 'codebook':
      return <CodebookView workspaceId={workspace.id} />;
    case 'themes':
      return <ThemesView workspaceId={workspace.id} />;
    case 'insights':
      return <InsightsView workspaceId={workspace.id} insightId={route.param} navigate={navigate} />;
    case 'charts':
      return <ChartsView workspaceId={workspace.id} navigate={navigate} />;
    case 'reports':
      return <ReportsView workspaceId={workspace.id} reportId={route.param} navigate={navigate} platform={platform} />;
  }
}

function Welcome({ error, onCreate, onOpen, onSample }: { error: string | null; onCreate: () => void; onOpen: () => void; onSample: () => void }): React.JSX.Element {
  return (
    <main className="welcome" aria-label="Welcome">
      <div className="welcome-card">
        <span className="brand-mark welcome-mark" aria-hidden="true">
          L
        </span>
        <h1>Welcome to Loupe</h1>
        <p className="muted">Import interviews and survey exports, code them, find themes and share insights — all on this computer.</p>
        {error === null ? null : (
          <p role="alert" className="welcome-error">
            {error}
          </p>
        )}
        <div className="welcome-actions">
          <button type="button" className="btn btn-primary" onClick={onCreate}>
            Create a workspace
          </button>
          <button type="button" className="btn" onClick={onOpen}>
            Open file…
          </button>
          <button type="button" className="btn" onClick={onSample}>
            Load the sample
          </button>
        </div>
      </div>
    </main>
  );
}

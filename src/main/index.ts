/**
 * Electron main entry: app lifecycle only. Wires the protocol, IPC, menu and window modules together,
 * keeps one instance running, and routes .loupe files from the OS (double-click, command line,
 * second instance, macOS open-file) to the window.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { EVENTS, type RecentFile } from '../shared/api';
import { showExportDialog, showOpenWorkspaceDialog, showSaveWorkspaceDialog } from './dialogs';
import { createPathGrants, createRecentStore } from './files';
import { registerIpcHandlers } from './ipc';
import { renderReportPdf } from './pdf';
import { installApplicationMenu, sendMenuCommand } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { findWorkspaceArg } from './argv';
import { createMainWindow, hardenSession, hardenWebContents, rendererDevUrl } from './window';
import { createWorkspaceService, type WorkspaceService } from './workspace-service';

let mainWindow: BrowserWindow | null = null;
let service: WorkspaceService | null = null;
/** Files the OS handed us before the window could receive them. */
const pendingPaths: string[] = [];

function whenLoaded(window: BrowserWindow): Promise<void> {
  if (!window.webContents.isLoading()) return Promise.resolve();
  return new Promise((resolve) => window.webContents.once('did-finish-load', () => resolve()));
}

async function deliverFile(path: string): Promise<void> {
  const window = mainWindow;
  if (service === null || window === null || window.isDestroyed()) {
    pendingPaths.push(path);
    return;
  }
  try {
    const file = await service.openTrustedPath(path);
    await whenLoaded(window);
    if (!window.isDestroyed()) window.webContents.send(EVENTS.openFile, file);
  } catch (error) {
    dialog.showErrorBox('Could not open the file', error instanceof Error ? error.message : String(error));
  }
}

function flushPending(): void {
  for (const path of pendingPaths.splice(0)) void deliverFile(path);
}

function focusMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openWindow(): void {
  mainWindow = createMainWindow(join(__dirname, '../preload/index.js'));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  flushPending();
}

function rebuildMenu(recent: readonly RecentFile[]): void {
  installApplicationMenu({
    isDev: !app.isPackaged,
    recent,
    sendCommand: (command) => sendMenuCommand(mainWindow, command),
    openRecent: (path) => void deliverFile(path),
    clearRecent: () => {
      recentStore.clear().then(
        () => rebuildMenu([]),
        (error: unknown) => console.warn('Loupe: could not clear recent files', error),
      );
    },
  });
}

// Chromium's sandbox for every renderer, whatever a future BrowserWindow forgets to set.
app.enableSandbox();
registerAppScheme();

const recentStore = createRecentStore(join(app.getPath('userData'), 'recent-files.json'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow === null && app.isReady()) openWindow();
    focusMainWindow();
    const path = findWorkspaceArg(argv, workingDirectory);
    if (path !== null) void deliverFile(path);
  });

  // macOS: Finder double-click or drop on the Dock icon, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void deliverFile(path);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app
    .whenReady()
    .then(async () => {
      handleAppProtocol(join(__dirname, '../renderer'));
      hardenSession(session.defaultSession);
      service = createWorkspaceService({
        getWindow: () => mainWindow,
        getInfo: () => ({ appVersion: app.getVersion(), platform: process.platform }),
        dialogs: { open: showOpenWorkspaceDialog, save: showSaveWorkspaceDialog, export: showExportDialog },
        recent: recentStore,
        grants: createPathGrants(),
        onRecentChanged: rebuildMenu,
      });
      registerIpcHandlers({ getWindow: () => mainWindow, devServerUrl: rendererDevUrl(), handlers: { ...service.handlers, renderPdf: ({ html }) => renderReportPdf(html) } });
      rebuildMenu(await recentStore.list());
      const startupPath = findWorkspaceArg(process.argv);
      if (startupPath !== null) pendingPaths.push(startupPath);
      openWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Loupe could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}

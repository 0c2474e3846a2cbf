/**
 * The native application menu. Commands that the app's own state must handle (new, open, save, undo...)
 * are sent to the renderer as EVENTS.menuCommand; Undo/Redo are not `role`s so the workspace history, not
 * Chromium's text-field history, decides what they undo. Nothing here opens a remote URL.
 */
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { EVENTS, type MenuCommand, type RecentFile } from '../shared/api';

export interface MenuOptions {
  platform: NodeJS.Platform;
  isDev: boolean;
  appName: string;
  recent: readonly RecentFile[];
  /** Delivers a command to the renderer of the focused (or main) window. */
  sendCommand(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

const sep: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => options.sendCommand(cmd),
  });

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...options.recent.map((file) => ({
            label: file.name,
            toolTip: file.path,
            click: () => options.openRecent(file.path),
          })),
          sep,
          { label: 'Clear Recent', click: () => options.clearRecent() },
        ];

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      command(`About ${options.appName}`, 'about'),
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      command('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentItems },
      sep,
      command('Import…', 'import', 'CmdOrCtrl+I'),
      command('Import REFI-QDA Project (.qdpx)…', 'import-refi'),
      sep,
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      command('Export…', 'export', 'CmdOrCtrl+E'),
      {
        label: 'Export As',
        submenu: [command('REFI-QDA Project (.qdpx)…', 'export-qdpx'), command('REFI-QDA Codebook (.qdc)…', 'export-qdc')],
      },
      sep,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', 'CmdOrCtrl+Shift+Z'),
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'toggleDevTools' }, sep]
    : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...devItems,
      command('Comments…', 'comments'),
      command('Intercoder Agreement…', 'agreement'),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...(isMac ? [] : [command(`About ${options.appName}`, 'about'), sep]),
      {
        label: 'Learn More',
        click: () => {
          void dialog.showMessageBox({
            type: 'info',
            title: `About ${options.appName}`,
            message: `${options.appName} works entirely offline.`,
            detail:
              'Your workspaces are .loupe files on your own disk; nothing is uploaded. ' +
              'Import feedback, code it, cluster it and report it without a network connection.',
          });
        },
      },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  return isMac
    ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu];
}

/** Sends a menu command to the focused window, falling back to the given main window. */
export function sendMenuCommand(fallback: BrowserWindow | null, command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? fallback;
  if (target && !target.isDestroyed()) target.webContents.send(EVENTS.menuCommand, command);
}

export function installApplicationMenu(options: Omit<MenuOptions, 'platform' | 'appName'>): void {
  const template = buildMenuTemplate({ ...options, platform: process.platform, appName: app.name });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * The main window and the hardening every web contents gets: locked-down webPreferences, no popups,
 * no navigation away from the app, no <webview>, and no permissions (camera, notifications, ...).
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  nativeTheme,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './csp';
import { confirmOpenExternal } from './external-links';

const LIGHT_BACKGROUND = '#ffffff';
const DARK_BACKGROUND = '#1b1b1f';

/** The electron-vite dev server URL, honoured only in an unpackaged (development) build. */
export function rendererDevUrl(): string | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && url ? url : null;
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

const hardened = new WeakSet<WebContents>();

/** Applied to every web contents the app creates (see app 'web-contents-created' in index.ts). Idempotent. */
export function hardenWebContents(contents: WebContents, devServerUrl: string | null = rendererDevUrl()): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  // No window ever opens; an http(s) link is offered to the system browser after the user confirms.
  contents.setWindowOpenHandler(({ url }) => {
    void confirmOpenExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, devServerUrl)) return;
    event.preventDefault();
    void confirmOpenExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** The app needs no browser permission; deny them all, asked or merely checked. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

function themeBackground(): string {
  return nativeTheme.shouldUseDarkColors ? DARK_BACKGROUND : LIGHT_BACKGROUND;
}

export function createMainWindow(preloadPath = join(__dirname, '../preload/index.js')): BrowserWindow {
  nativeTheme.themeSource = 'system';
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Loupe',
    show: false,
    backgroundColor: themeBackground(),
    webPreferences: secureWebPreferences(preloadPath),
  });
  const devServerUrl = rendererDevUrl();
  hardenWebContents(window.webContents, devServerUrl);
  hardenSession(window.webContents.session);

  const onThemeUpdated = (): void => {
    if (!window.isDestroyed()) window.setBackgroundColor(themeBackground());
  };
  nativeTheme.on('updated', onThemeUpdated);
  window.on('closed', () => nativeTheme.off('updated', onThemeUpdated));
  window.once('ready-to-show', () => window.show());

  window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Loupe: could not load the app window', error);
  });
  return window;
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakes/electron'));

const fake = await import('./fakes/electron');
const { createMainWindow, secureWebPreferences } = await import('../../src/main/window');

function navigate(contents: InstanceType<typeof fake.FakeWebContents>, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('main window security', () => {
  beforeEach(() => {
    fake.windows.length = 0;
    delete process.env['ELECTRON_RENDERER_URL'];
  });
  afterEach(() => {
    delete process.env['ELECTRON_RENDERER_URL'];
  });

  it('creates every window with the locked-down webPreferences', () => {
    createMainWindow('/app/out/preload/index.js');
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0]?.options['webPreferences'];
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs).toEqual(secureWebPreferences('/app/out/preload/index.js'));
  });

  it('loads the app origin, not a dev server, in a packaged build', () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    createMainWindow('/p.js');
    expect(fake.windows[0]?.loadURL).toHaveBeenCalledWith('loupe://app/index.html');
  });

  it('follows the OS theme and paints a matching background', () => {
    createMainWindow('/p.js');
    expect(fake.nativeTheme.themeSource).toBe('system');
    expect(fake.windows[0]?.options['backgroundColor']).toBe('#ffffff');
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect(fake.windows[0]?.setBackgroundColor).toHaveBeenCalledWith('#1b1b1f');
    fake.nativeTheme.shouldUseDarkColors = false;
  });

  it('blocks navigation away from loupe://app and allows it within', () => {
    createMainWindow('/p.js');
    const contents = fake.windows[0]!.webContents;
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'loupe://other/x')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'loupe://app/x')).toBe(false);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('denies window.open and <webview>', () => {
    createMainWindow('/p.js');
    const contents = fake.windows[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(navigate(contents, 'will-attach-webview', 'loupe://app/x')).toBe(true);
  });

  it('denies every permission request and check', () => {
    createMainWindow('/p.js');
    const session = fake.windows[0]!.webContents.session;
    const granted: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      session.permissionRequestHandler?.(null, permission, (ok) => granted.push(ok), {});
      expect(session.permissionCheckHandler?.(null, permission, 'loupe://app', {})).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false]);
  });
});

// Electron's security checklist, the items test/main does not already prove (npm run security:report maps every
// item to its test). Electron is faked; static checks read the sources, the packaging config and the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../main/fakes/electron'));

const fake = await import('../main/fakes/electron');
const { createMainWindow, hardenWebContents } = await import('../../src/main/window');
const { confirmOpenExternal, externalWebUrl } = await import('../../src/main/external-links');
const { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, isAppUrl } = await import('../../src/main/csp');
const { pdfWebPreferences } = await import('../../src/main/pdf');
const { renderReportHtml, REPORT_CSP } = await import('../../src/core/report');
const { CHANNELS } = await import('../../src/shared/api');

const ROOT = resolve(__dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function mainSources(): { path: string; text: string }[] {
  return readdirSync(join(ROOT, 'src/main'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ path: `src/main/${f}`, text: read(`src/main/${f}`) }));
}

/** Directives of a CSP string, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== undefined && parts[0] !== '')
      .map(([name, ...values]) => [name!, values]),
  );
}

function assertStrictPolicy(policy: string): void {
  const d = directives(policy);
  expect(d.get('default-src')).toEqual(["'none'"]);
  for (const values of d.values()) {
    expect(values).not.toContain("'unsafe-eval'");
    expect(values).not.toContain('*');
  }
  // Scripts: only our own bundle, never inline or eval.
  const scripts = d.get('script-src') ?? d.get('default-src') ?? [];
  expect(scripts.every((v) => v === "'self'" || v === "'none'")).toBe(true);
  expect(d.get('object-src') ?? d.get('default-src')).toEqual(["'none'"]);
}

function metaCsp(html: string): string | undefined {
  return /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.dialog.showMessageBox.mockReset();
  fake.shell.openExternal.mockClear();
});

describe('checklist: isolation and sandbox on every window', () => {
  it('builds every BrowserWindow in src/main from the locked-down preferences', () => {
    const constructions = mainSources().flatMap(({ path, text }) => [...text.matchAll(/new BrowserWindow\(([\s\S]*?)\);/g)].map((m) => ({ path, args: m[1] ?? '' })));
    expect(constructions.length).toBeGreaterThanOrEqual(2);
    for (const { args } of constructions) expect(args).toMatch(/webPreferences: (secureWebPreferences|pdfWebPreferences)\(/);
    // The report window keeps every lock and additionally runs no script at all.
    expect(pdfWebPreferences()).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, javascript: false });
  });

  it('turns on the Chromium sandbox for every renderer before the app is ready', () => {
    const index = read('src/main/index.ts');
    expect(index).toMatch(/app\.enableSandbox\(\)/);
    expect(index.indexOf('app.enableSandbox()')).toBeLessThan(index.indexOf('.whenReady()'));
    for (const { text } of mainSources()) {
      expect(text).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/);
    }
  });
});

describe('checklist: Content-Security-Policy', () => {
  it('sends a strict policy as a header, and the page carries the same policy in a meta tag (source and build)', () => {
    assertStrictPolicy(CONTENT_SECURITY_POLICY);
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    expect(metaCsp(read('src/renderer/index.html'))).toBe(CONTENT_SECURITY_POLICY_META);
    // The built page (when a build exists) keeps the meta tag: a bundler must not drop it.
    const built = join(ROOT, 'out/renderer/index.html');
    if (existsSync(built)) expect(metaCsp(readFileSync(built, 'utf8'))).toBe(CONTENT_SECURITY_POLICY_META);
    // The e2e server sends the same header, so the browser tests run under the real policy.
    expect(read('test/e2e/serve.mjs')).toMatch(/Content-Security-Policy/);
  });

  it('gives the report page (preview and PDF) its own policy: no scripts, no network', () => {
    const html = renderReportHtml({ title: 'T', subtitle: 'S', anonymized: false, sections: [] });
    const policy = metaCsp(html);
    expect(policy).toBe(REPORT_CSP);
    const d = directives(REPORT_CSP);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.has('script-src')).toBe(false);
    expect(d.get('img-src')).toEqual(['data:']);
    expect(html).not.toMatch(/<script\b/i);
    // The meta tag comes before anything it must govern.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });
});

describe('checklist: navigation and new windows', () => {
  it.each([
    'loupe://app.evil.example/index.html',
    'loupe://app:8080/',
    'loupe://APP.evil/',
    'https://app/',
    'http://loupe://app/',
    'javascript:alert(1)//loupe://app/',
    'data:text/html,<script>1</script>',
    'file:///C:/loupe/app/index.html',
    'about:blank',
    'not a url',
  ])('refuses to navigate to %s (the allowlist parses the URL)', (url) => {
    expect(isAppUrl(url, null)).toBe(false);
    const contents = new fake.FakeWebContents();
    hardenWebContents(contents as never, null);
    let prevented = false;
    contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('compares the dev server by origin, not by prefix', () => {
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
  });

  it('denies every window.open, whatever the URL, and opens no window', () => {
    createMainWindow('/p.js');
    const contents = fake.windows[0]!.webContents;
    for (const url of ['loupe://app/index.html', 'https://example.org', 'file:///etc/passwd', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.windows).toHaveLength(1);
  });
});

describe('checklist: shell.openExternal only for confirmed http(s) links', () => {
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'https://user:pw@example.org/', 'loupe://app/x', 'mailto:a@b.c'])(
    'never opens %s and never asks',
    async (url) => {
      expect(externalWebUrl(url)).toBeNull();
      await expect(confirmOpenExternal(url, null)).resolves.toBe(false);
      expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
      expect(fake.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('asks with a native dialog naming the address and opens only when the user confirms', async () => {
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await expect(confirmOpenExternal('https://example.org/a?b=1', null)).resolves.toBe(false);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    const [options] = fake.dialog.showMessageBox.mock.calls[0] as [{ detail: string; cancelId: number; defaultId: number }];
    expect(options).toMatchObject({ detail: 'https://example.org/a?b=1', cancelId: 0, defaultId: 0 });

    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(confirmOpenExternal('http://example.org/', null)).resolves.toBe(true);
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(fake.shell.openExternal.mock.calls[0]?.[0]).toBe('http://example.org/');
  });

  it('routes window.open and link navigation of a window through the confirmation', async () => {
    createMainWindow('/p.js');
    const contents = fake.windows[0]!.webContents;
    fake.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/paper' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://example.org/other', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    contents.emit('will-navigate', { url: 'file:///etc/passwd', preventDefault: () => undefined });
    await flush();
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(fake.shell.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.org/paper', 'https://example.org/other']);
    // Nothing but main calls shell: the renderer has no way to ask for it directly.
    for (const { path, text } of mainSources()) {
      if (path !== 'src/main/external-links.ts') expect(text).not.toMatch(/shell\.openExternal/);
    }
    expect(read('src/preload/index.ts')).not.toMatch(/shell/);
  });
});

describe('checklist: custom protocol instead of file://', () => {
  it('loads the app from loupe://app and never from a file URL', () => {
    createMainWindow('/p.js');
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('loupe://app/index.html');
    expect(read('src/main/window.ts')).not.toMatch(/loadFile\(|file:\/\//);
    expect(read('src/main/index.ts')).toMatch(/handleAppProtocol\(/);
    // The only loadFile is the script-less PDF window's fallback for reports too long for a data: URL.
    const loaders = mainSources().filter(({ text }) => /\.loadFile\(/.test(text)).map((s) => s.path);
    expect(loaders.every((p) => p === 'src/main/pdf.ts')).toBe(true);
  });
});

describe('checklist: the preload exposes no raw Electron API', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../src/preload/index');
    const exposed = fake.exposed.get('loupe');
    if (typeof exposed !== 'object' || exposed === null) throw new Error('window.loupe was not exposed');
    api = { ...exposed };
  });

  it('exposes one object of plain functions that never return ipcRenderer or an event', async () => {
    expect([...fake.exposed.keys()]).toEqual(['loupe']);
    for (const [name, value] of Object.entries(api)) {
      expect(typeof value, name).toBe('function');
      expect(name).not.toMatch(/^(send|on|invoke|ipc|ipcRenderer|require|process|electron)$/i);
      expect(value).not.toBe(fake.ipcRenderer);
    }
    const onMenu = api['onMenuCommand'];
    if (typeof onMenu !== 'function') throw new Error('no onMenuCommand');
    const unsubscribe: unknown = onMenu(() => undefined);
    expect(typeof unsubscribe).toBe('function');
    expect(unsubscribe).not.toBe(fake.ipcRenderer.removeListener);
    if (typeof unsubscribe === 'function') unsubscribe();
    // Invoke results are whatever main answered, never the bridge itself.
    fake.ipcRenderer.invoke.mockResolvedValueOnce(undefined);
    const getInfo = api['getInfo'];
    if (typeof getInfo !== 'function') throw new Error('no getInfo');
    expect(await getInfo()).not.toBe(fake.ipcRenderer);
  });

  it('has exactly one exposeInMainWorld and no channel chosen by the page (source and build)', () => {
    const source = read('src/preload/index.ts');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    // Every invoke names a fixed CHANNELS entry; no method forwards a caller-chosen channel.
    const invokes = [...source.matchAll(/ipcRenderer\.invoke\(([^,)]+)/g)].map((m) => m[1]?.trim());
    expect(invokes.length).toBe(Object.keys(CHANNELS).length);
    for (const channel of invokes) expect(channel).toMatch(/^CHANNELS\.\w+$/);
    expect(source).not.toMatch(/ipcRenderer\.(send|sendSync|postMessage)\(/);
    const built = join(ROOT, 'out/preload/index.js');
    if (existsSync(built)) expect(readFileSync(built, 'utf8').match(/exposeInMainWorld\(/g)).toHaveLength(1);
  });
});

describe('checklist: Electron fuses in the packaging config', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR-only loading', () => {
    const yml = read('electron-builder.yml');
    const block = /^electronFuses:\n((?:[ \t]+.*\n?)*)/m.exec(yml)?.[1] ?? '';
    const fuses = new Map([...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(Object.fromEntries(fuses)).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // ASAR must stay on for the integrity fuses to mean anything.
    expect(yml).not.toMatch(/^asar:\s*false/m);
  });
});

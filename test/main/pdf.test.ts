// PDF printing in main with electron faked: a hidden window with the app's secure options and JavaScript off,
// the report loaded as a data: URL, printToPDF's bytes returned, the window destroyed, bad payloads refused.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakes/electron'));

const fake = await import('./fakes/electron');
const { renderReportPdf, pdfWebPreferences, PDF_PARTITION } = await import('../../src/main/pdf');
const { registerIpcHandlers } = await import('../../src/main/ipc');
const { CHANNELS } = await import('../../src/shared/api');
const { CONTENT_SECURITY_POLICY_META, REPORT_STYLE_HASH } = await import('../../src/main/csp');
const { printableReportHtml, renderReportHtml } = await import('../../src/core/report');

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const printToPDF = vi.fn(async (_options: unknown) => Buffer.from(PDF));
const destroy = vi.fn();
const HTML = renderReportHtml({ title: 'Q1 readout', subtitle: 'Executive summary', anonymized: false, sections: [] });

beforeEach(() => {
  fake.windows.length = 0;
  printToPDF.mockClear();
  destroy.mockClear();
  Object.assign(fake.FakeWebContents.prototype, { printToPDF });
  Object.assign(fake.FakeBrowserWindow.prototype, { destroy });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('renderReportPdf', () => {
  it('prints in a hidden window with the secure options, no preload and JavaScript off', async () => {
    const bytes = await renderReportPdf(HTML);
    expect([...bytes]).toEqual([...PDF]);
    expect(fake.windows).toHaveLength(1);
    const options = fake.windows[0]!.options;
    expect(options['show']).toBe(false);
    const prefs = options['webPreferences'];
    expect(prefs).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, partition: PDF_PARTITION });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).toEqual(pdfWebPreferences());
    const url = String(fake.windows[0]!.loadURL.mock.calls[0]?.[0]);
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    // The report as rendered, plus the @page rule (A4, margins) the CLI prints with too.
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8')).toBe(printableReportHtml(HTML));
    expect(printableReportHtml(HTML)).toContain('@page { size: A4;');
    expect(printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true }));
    expect(destroy).toHaveBeenCalled();
  });

  it('refuses HTML that is not a report or carries scripts, before any window exists', async () => {
    await expect(renderReportPdf('')).rejects.toThrow();
    await expect(renderReportPdf('<p>not a document</p>')).rejects.toThrow(/report document/);
    await expect(renderReportPdf(HTML.replace('</main>', '<script>alert(1)</script></main>'))).rejects.toThrow(/active content/);
    expect(fake.windows).toHaveLength(0);
  });

  it('destroys the window when printing fails', async () => {
    printToPDF.mockRejectedValueOnce(new Error('printer on fire'));
    await expect(renderReportPdf(HTML)).rejects.toThrow('printer on fire');
    expect(destroy).toHaveBeenCalled();
  });
});

describe('the renderPdf IPC channel', () => {
  let unregister: () => void = () => undefined;
  afterEach(() => unregister());

  it('rejects bad payloads and passes a valid one to the handler', async () => {
    const appWindow = new fake.FakeBrowserWindow({});
    const renderPdf = vi.fn(async () => PDF);
    const handlers = {
      getInfo: vi.fn(),
      openWorkspaceFile: vi.fn(),
      openRecent: vi.fn(),
      listRecent: vi.fn(),
      saveWorkspace: vi.fn(),
      exportFile: vi.fn(),
      renderPdf,
    };
    // Only renderPdf is exercised; the other spies satisfy the registry's shape.
    unregister = registerIpcHandlers({ getWindow: () => appWindow as never, devServerUrl: null, handlers: handlers as never });
    const listener = fake.ipcHandlers.get(CHANNELS.renderPdf)!;
    const event = { sender: appWindow.webContents, senderFrame: appWindow.webContents.mainFrame };
    for (const bad of [[], [{}], [{ html: 42 }], [{ html: '<p>x</p>' }], [{ html: HTML, extra: 1 }], ['<!doctype html>']]) {
      await expect(Promise.resolve().then(() => listener(event, ...bad))).rejects.toThrow(/Invalid arguments for renderPdf/);
    }
    await expect(Promise.resolve().then(() => listener({ sender: {}, senderFrame: { url: 'https://evil.example' } }, { html: HTML }))).rejects.toThrow(/IPC refused/);
    expect(renderPdf).not.toHaveBeenCalled();
    await expect(listener(event, { html: HTML })).resolves.toEqual(PDF);
    expect(renderPdf).toHaveBeenCalledWith({ html: HTML });
  });
});

describe('report preview CSP', () => {
  it("allows exactly the report stylesheet by hash, in csp.ts and index.html alike", async () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(HTML)?.[1] ?? '';
    const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
    // If this fails, the report CSS changed: put the new hash in src/main/csp.ts, src/renderer/index.html and test/e2e/serve.mjs.
    expect(REPORT_STYLE_HASH).toBe(hash);
    expect(CONTENT_SECURITY_POLICY_META).toContain(`style-src 'self' ${hash}`);
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('unsafe-inline');
    const indexHtml = await readFile(join(__dirname, '../../src/renderer/index.html'), 'utf8');
    expect(indexHtml).toContain(hash);
  });
});

// A report built from the sample workspace and exported as PDF, end to end, in Chromium.
//
// Why a stand-in for the preload and main, and what it is: the renderer picks its platform by `window.loupe`
// (src/renderer/src/platform/index.ts): absent → the browser platform, which has no PDF export (a web page
// cannot print to a file without a dialog, and the test must not pretend it can). Electron itself cannot run
// here. So this test installs, before the app loads, a `window.loupe` object with the DesktopApi's methods —
// the part the preload plays — and answers its calls in the test process — the part main plays:
//   - every call goes through one Playwright binding, refused unless it comes from the app's main frame at the
//     app's origin, with its arguments checked by the same zod schemas main's IPC uses (src/shared/api.ts);
//   - renderPdf runs main's own checks (assertPrintableHtml) and prints the way src/main/pdf.ts does: a fresh,
//     isolated page with JavaScript off and no network, loading the same printed copy (printableReportHtml:
//     the renderer's HTML plus the @page rule) from the same data: URL (reportDataUrl), printed by Chromium
//     with the same options (PDF_PRINT_OPTIONS) — page.pdf() instead of webContents.printToPDF(), both
//     Chromium's own printing;
//   - exportFile writes the bytes to a file, as main does after its Save dialog.
// Everything on the renderer side is the real app: the desktop platform adapter (platform/desktop.ts), the
// report builder, the document and HTML renderers, the Export PDF button. What is not covered: the real
// preload bundle (test/e2e/preload-bundle.spec.ts), main's IPC wiring (test/main), and the Electron window.
//
// The PDF is then read back with poppler: page count, its text (title and a quote from the preview), and two
// pages turned into PNG (test-results/screenshots/report-pdf-page-*.png) to look at.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { printableReportHtml } from '../../src/core/report/print';
import { assertPrintableHtml, PDF_PRINT_OPTIONS, reportDataUrl } from '../../src/main/pdf-document';
import { ARG_SCHEMAS, CHANNELS } from '../../src/shared/api';

const OUT = 'test-results/screenshots';
const SAMPLE = /Workspace: Relay customer research \(sample\)/;
const TITLE = 'Relay Q1 2026: full findings';

type Channel = keyof typeof CHANNELS;
const isChannel = (name: string): name is Channel => Object.hasOwn(CHANNELS, name);

/** Bytes cross the binding as { $bytes: base64 } (the binding carries JSON). */
function decodeBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBytes);
  if (typeof value === 'object' && value !== null) {
    if ('$bytes' in value && typeof value.$bytes === 'string') return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBytes(v)]));
  }
  return value;
}

/** What src/main/pdf.ts does, with Chromium's own printing: isolated page, JavaScript off, offline, same URL and options. */
async function printLikeMain(browser: Browser, html: string, requests: string[]): Promise<Uint8Array> {
  assertPrintableHtml(html);
  const url = reportDataUrl(printableReportHtml(html));
  if (url === null) throw new Error('the sample report should fit a data: URL');
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    context.on('request', (r) => requests.push(r.url().slice(0, 80)));
    const page = await context.newPage();
    await page.goto(url);
    return await page.pdf({ format: PDF_PRINT_OPTIONS.pageSize, printBackground: PDF_PRINT_OPTIONS.printBackground, preferCSSPageSize: PDF_PRINT_OPTIONS.preferCSSPageSize });
  } finally {
    await context.close();
  }
}

interface Desktop {
  exported: { name: string; path: string }[];
  printRequests: string[];
}

async function installDesktop(page: Page, browser: Browser, dir: string, origin: string): Promise<Desktop> {
  const desktop: Desktop = { exported: [], printRequests: [] };
  await page.exposeBinding('__loupeMain', async (source, name: string, rawArgs: unknown) => {
    if (source.frame !== page.mainFrame() || new URL(source.frame.url()).origin !== origin) throw new Error('IPC refused: only the app window may call.');
    if (!isChannel(name)) throw new Error(`No such channel: ${name}`);
    const parsed = ARG_SCHEMAS[name].safeParse(decodeBytes(rawArgs));
    if (!parsed.success) throw new Error(`Invalid arguments for ${name}: ${parsed.error.message}`);
    const args: unknown[] = parsed.data;
    switch (name) {
      case 'getInfo':
        return { appVersion: 'e2e', platform: 'linux' };
      case 'listRecent':
        return [];
      case 'openWorkspaceFile':
      case 'saveWorkspace':
        return null;
      case 'openRecent':
        throw new Error('No recent files in this test.');
      case 'exportFile': {
        const request = ARG_SCHEMAS.exportFile.parse(args)[0];
        const path = join(dir, request.suggestedName);
        await writeFile(path, request.bytes);
        desktop.exported.push({ name: request.suggestedName, path });
        return { name: request.suggestedName, path };
      }
      case 'renderPdf': {
        const pdf = await printLikeMain(browser, ARG_SCHEMAS.renderPdf.parse(args)[0].html, desktop.printRequests);
        return { $bytes: Buffer.from(pdf).toString('base64') };
      }
    }
  });
  // The preload's part: one object, plain functions, bytes encoded for the trip and decoded on return.
  await page.addInitScript(() => {
    const toBase64 = (bytes: Uint8Array): string => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const encode = (v: unknown): unknown => {
      if (v instanceof Uint8Array) return { $bytes: toBase64(v) };
      if (Array.isArray(v)) return v.map(encode);
      if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
      return v;
    };
    const decode = (v: unknown): unknown => {
      if (typeof v === 'object' && v !== null && '$bytes' in v && typeof v.$bytes === 'string') return Uint8Array.from(atob(v.$bytes), (c) => c.charCodeAt(0));
      return v;
    };
    const w = window as unknown as { __loupeMain: (name: string, args: unknown) => Promise<unknown>; loupe: unknown };
    const call =
      (name: string) =>
      async (...args: unknown[]): Promise<unknown> =>
        decode(await w.__loupeMain(name, encode(args)));
    w.loupe = {
      getInfo: call('getInfo'),
      openWorkspaceFile: call('openWorkspaceFile'),
      openRecent: call('openRecent'),
      listRecent: call('listRecent'),
      saveWorkspace: call('saveWorkspace'),
      exportFile: call('exportFile'),
      renderPdf: call('renderPdf'),
      onMenuCommand: () => () => undefined,
      onOpenFile: () => () => undefined,
    };
  });
  return desktop;
}

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();

test('a "Full findings" report from the sample exports as a PDF with its title, quotes and charts', async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const dir = testInfo.outputPath('exports');
  await mkdir(dir, { recursive: true });
  await mkdir(OUT, { recursive: true });
  const desktop = await installDesktop(page, browser, dir, new URL(baseURL ?? '').origin);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/index.html');
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Reports/ }).click();
  await page.getByRole('button', { name: 'New report' }).click();
  const dialog = page.getByRole('dialog', { name: 'New report' });
  await dialog.getByRole('radio', { name: /Full findings/ }).check();
  await dialog.getByLabel('Title').fill(TITLE);
  await dialog.getByRole('button', { name: 'Create report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit report' })).toBeVisible();

  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const quote = normalize((await preview.locator('blockquote p').first().textContent()) ?? '');
  expect(quote.length).toBeGreaterThan(10);
  const charts = await preview.locator('figure svg').count();
  expect(charts).toBeGreaterThanOrEqual(4);

  // The desktop adapter is in use: PDF is offered, the browser build's note is not shown.
  await expect(page.getByText(/PDF export needs the Loupe desktop app/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Export PDF' }).click();
  await expect(page.getByText('Saved Relay Q1 2026 full findings.pdf.')).toBeVisible({ timeout: 60_000 });
  expect(desktop.exported).toHaveLength(1);
  const pdfPath = desktop.exported[0]!.path;
  const bytes = await readFile(pdfPath);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The print page asked for nothing (the data: URL itself raises no request event; any image, font or
  // stylesheet the report tried to load would, offline or not).
  expect(desktop.printRequests).toEqual([]);

  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  expect(pages).toBeGreaterThan(1);
  expect(info).toMatch(/Page size:.*\(A4\)/);
  const text = normalize(execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }));
  expect(text).toContain(TITLE);
  expect(text).toContain(quote);
  expect(text).toContain('Likelihood to recommend');
  expect(text).toContain('Appendix: codebook');

  // Two pages as PNG, to look at: the first, and the one with the NPS charts.
  const npsPage = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })
    .split('\f')
    .findIndex((p) => p.includes('Likelihood to recommend'));
  for (const n of [1, npsPage + 1]) {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(n), '-l', String(n), '-singlefile', pdfPath, join(OUT, `report-pdf-page-${n}`)]);
  }
  expect(errors).toEqual([]);
});

/**
 * Report HTML → PDF bytes. A hidden window with the app's locked-down webPreferences, no preload and
 * JavaScript off, in its own in-memory session, loads the report (self-contained: its own strict CSP, inline
 * CSS and SVG, no scripts) and Chromium prints it. The renderer saves the bytes through exportFile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import { MAX_REPORT_HTML_CHARS } from '../shared/api';
import { UserFacingError } from './files';
import { hardenSession, hardenWebContents, secureWebPreferences } from './window';

/** An in-memory partition (no "persist:"): nothing the print window does outlives it. */
export const PDF_PARTITION = 'loupe-pdf';
/** Chromium refuses longer URLs; larger reports go through a temp file instead of a data: URL. */
const MAX_DATA_URL_CHARS = 1_500_000;
const DEFAULT_TIMEOUT_MS = 60_000;

export function pdfWebPreferences(): WebPreferences {
  const prefs: WebPreferences = { ...secureWebPreferences(''), javascript: false, spellcheck: false, partition: PDF_PARTITION };
  // The report needs nothing from us: no window.loupe, no IPC.
  delete prefs.preload;
  return prefs;
}

/** The report renderer never emits scripts; refusing them here keeps a bug elsewhere from becoming one here. */
export function assertPrintableHtml(html: string): void {
  if (typeof html !== 'string' || html.length === 0 || html.length > MAX_REPORT_HTML_CHARS) throw new UserFacingError('The report is empty or too large to print.');
  if (!/^\s*<!doctype html>/i.test(html)) throw new UserFacingError('Only a report document can be printed.');
  if (/<script\b/i.test(html) || /<(iframe|object|embed)\b/i.test(html)) throw new UserFacingError('The report contains active content and was not printed.');
}

export interface PdfOptions {
  timeoutMs?: number;
}

export async function renderReportPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  assertPrintableHtml(html);
  const window = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: pdfWebPreferences() });
  hardenWebContents(window.webContents, null);
  hardenSession(window.webContents.session);
  let tempDir: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new UserFacingError('Printing the report took too long. Try a shorter report.')), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  try {
    const print = async (): Promise<Uint8Array> => {
      if (html.length <= MAX_DATA_URL_CHARS) {
        await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      } else {
        tempDir = await mkdtemp(join(tmpdir(), 'loupe-report-'));
        const file = join(tempDir, 'report.html');
        await writeFile(file, html, 'utf8');
        await window.loadFile(file);
      }
      const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    };
    return await Promise.race([print(), timeout]);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
    if (tempDir !== null) await rm(tempDir, { recursive: true, force: true });
  }
}

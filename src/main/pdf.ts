/**
 * Report HTML → PDF bytes. A hidden window with the app's locked-down webPreferences, no preload and
 * JavaScript off, in its own in-memory session, loads the report (self-contained: its own strict CSP, inline
 * CSS and SVG, no scripts) with the @page rule the CLI prints with too (A4, margins), and Chromium prints
 * it. The renderer saves the bytes through exportFile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import { printableReportHtml } from '../core/report/print';
import { UserFacingError } from './files';
import { assertPrintableHtml, PDF_PRINT_OPTIONS, reportDataUrl } from './pdf-document';
import { hardenSession, hardenWebContents, secureWebPreferences } from './window';

export { assertPrintableHtml };

/** An in-memory partition (no "persist:"): nothing the print window does outlives it. */
export const PDF_PARTITION = 'loupe-pdf';
const DEFAULT_TIMEOUT_MS = 60_000;

export function pdfWebPreferences(): WebPreferences {
  const prefs: WebPreferences = { ...secureWebPreferences(''), javascript: false, spellcheck: false, partition: PDF_PARTITION };
  // The report needs nothing from us: no window.loupe, no IPC.
  delete prefs.preload;
  return prefs;
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
      const printed = printableReportHtml(html);
      const url = reportDataUrl(printed);
      if (url !== null) {
        await window.loadURL(url);
      } else {
        tempDir = await mkdtemp(join(tmpdir(), 'loupe-report-'));
        const file = join(tempDir, 'report.html');
        await writeFile(file, printed, 'utf8');
        await window.loadFile(file);
      }
      const pdf = await window.webContents.printToPDF({ ...PDF_PRINT_OPTIONS });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    };
    return await Promise.race([print(), timeout]);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
    if (tempDir !== null) await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * What main prints and how, without Electron: the checks a report's HTML must pass, the data: URL it is
 * loaded from, and the print settings. pdf.ts drives a hidden BrowserWindow with these; the end-to-end test
 * (test/e2e/report-pdf.spec.ts) drives Chromium's own printing with the same, so both print the same page.
 */
import { MAX_REPORT_HTML_CHARS } from '../shared/api';
import { UserFacingError } from './files';

/** Chromium refuses longer URLs; larger reports go through a temp file instead of a data: URL. */
export const MAX_DATA_URL_CHARS = 1_500_000;

/** printToPDF settings: A4 unless the report's CSS names a page size, backgrounds printed. */
export const PDF_PRINT_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

/** The report renderer never emits scripts; refusing them here keeps a bug elsewhere from becoming one here. */
export function assertPrintableHtml(html: string): void {
  if (typeof html !== 'string' || html.length === 0 || html.length > MAX_REPORT_HTML_CHARS) throw new UserFacingError('The report is empty or too large to print.');
  if (!/^\s*<!doctype html>/i.test(html)) throw new UserFacingError('Only a report document can be printed.');
  if (/<script\b/i.test(html) || /<(iframe|object|embed)\b/i.test(html)) throw new UserFacingError('The report contains active content and was not printed.');
}

/** The URL the print window loads a report from, or null when it is too long for one (use a temp file). */
export function reportDataUrl(html: string): string | null {
  return html.length <= MAX_DATA_URL_CHARS ? `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}` : null;
}

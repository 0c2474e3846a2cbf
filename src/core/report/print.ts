/**
 * The printed copy of a report: the self-contained HTML plus an @page rule. The app's PDF export (main's
 * printToPDF) and the CLI (Chromium's --print-to-pdf) both print this, so both make the same pages. Kept apart
 * from html.ts so main can use it without bundling the chart renderer.
 */

/** A4 with print margins; Chromium's own default (Letter, ~1 cm) suits neither Europe nor a report. */
export const PRINT_PAGE_CSS = '@page { size: A4; margin: 16mm 15mm 18mm; }';

/**
 * The copy that gets printed, by the app (main's printToPDF) and the CLI (Chromium) alike: the report plus the
 * @page rule, so both make the same pages. The .html a user saves or previews stays as it is (and its one
 * stylesheet keeps the hash the app's CSP allows).
 */
export function printableReportHtml(html: string): string {
  const style = `<style>${PRINT_PAGE_CSS}</style>`;
  return html.includes('</head>') ? html.replace('</head>', `${style}\n</head>`) : style + html;
}

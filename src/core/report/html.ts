/**
 * ReportDocument → one self-contained HTML file: inline CSS, charts as inline SVG, no scripts, no external
 * requests, and a CSP meta tag that would block them anyway. It is what the PDF is printed from and what a
 * user can email. Every piece of user text passes through escapeHtml.
 */
import { type Chart, type DataTable, headerExtra } from './charts';
import type { Block, DocumentSection, Quote, ReportDocument } from './document';
import { escapeHtml } from './escape';
import { renderChartSvg } from './render-svg';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export const CHART_WIDTH = 720;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2330; background: #fff; }
main { max-width: 780px; margin: 0 auto; padding: 48px 32px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 4px; }
.subtitle { color: #5b6475; margin: 0 0 32px; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid #e3e6ee; break-after: avoid; }
h3 { font-size: 17px; margin: 0 0 4px; break-after: avoid; }
section.insight { margin: 0 0 28px; break-inside: avoid-page; }
.counts { color: #5b6475; font-size: 13px; margin: 0 0 8px; }
.tags { margin: 0 0 8px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px; }
.tags li { font-size: 12px; background: #eef1f8; border-radius: 10px; padding: 1px 8px; }
blockquote { margin: 8px 0; padding: 6px 14px; border-left: 3px solid #3056d3; background: #f7f8fb; break-inside: avoid; }
blockquote p { margin: 0; white-space: pre-wrap; }
blockquote footer { color: #5b6475; font-size: 13px; margin-top: 4px; }
.memo { font-size: 13px; color: #5b6475; font-style: italic; }
figure { margin: 16px 0 28px; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #5b6475; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 20px; }
caption { text-align: left; font-weight: 600; margin-bottom: 4px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #e3e6ee; padding: 4px 8px 4px 0; }
td.num, th.num { text-align: right; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.note { color: #5b6475; font-style: italic; }
@media print { main { padding: 0; } a { color: inherit; } }
`;

/** Chart heights that fit their content: one row per bar on horizontal charts, plus a wrapped title's lines. */
function chartHeight(chart: Chart): number {
  const yAxis = chart.option.yAxis;
  const cats = !Array.isArray(yAxis) && yAxis !== undefined && 'data' in yAxis && Array.isArray(yAxis.data) ? yAxis.data.length : 0;
  const extra = headerExtra(chart);
  if (chart.kind === 'co-occurrence') return Math.max(320, 140 + cats * 34) + extra;
  if (cats > 0) return Math.max(240, 110 + cats * 30) + extra;
  return 360 + extra;
}

/** Refuses SVG that could run anything: user text in it is escaped by ECharts, this is the backstop. */
export function assertInertSvg(svg: string): string {
  if (/<(script|foreignObject|iframe|object|embed)\b/i.test(svg) || /<[^>]*\son[a-z]+\s*=/i.test(svg) || /(?:href|src)\s*=\s*["']?\s*javascript:/i.test(svg)) {
    throw new Error('Chart SVG contains active content');
  }
  return svg;
}

function tableHtml(table: DataTable, caption?: string): string {
  // A column of numbers is right-aligned, header included, so figures line up under their heading.
  const numeric = table.headers.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === 'number'));
  const cell = (v: string | number, j: number, tag: 'td' | 'th'): string => `<${tag}${numeric[j] === true ? ' class="num"' : ''}>${escapeHtml(String(v))}</${tag}>`;
  return [
    '<table>',
    caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${table.headers.map((h, j) => cell(h, j, 'th')).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((r) => `<tr>${r.map((v, j) => cell(v, j, 'td')).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

function quoteHtml(q: Quote): string {
  return [
    '<blockquote>',
    `<p>${escapeHtml(q.text)}</p>`,
    q.memo === undefined ? '' : `<p class="memo">Note: ${escapeHtml(q.memo)}</p>`,
    `<footer>— ${escapeHtml(q.attribution)}</footer>`,
    '</blockquote>',
  ].join('');
}

export interface HtmlOptions {
  /** Replaces the SVG renderer (tests, or a renderer with its own cache). */
  chartSvg?: (chart: Chart, size: { width: number; height: number; idPrefix: string }) => string;
}

function blockHtml(block: Block, chartSvg: (chart: Chart) => string): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'note':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'insight':
      return [
        '<section class="insight">',
        `<h3>${escapeHtml(block.title)}</h3>`,
        `<p class="counts">${escapeHtml(block.counts)}</p>`,
        block.statement === '' ? '' : `<p>${escapeHtml(block.statement)}</p>`,
        block.tags.length === 0 ? '' : `<ul class="tags" aria-label="Tags">${block.tags.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`,
        block.quotes.map(quoteHtml).join(''),
        block.segments ? tableHtml(block.segments) : '',
        '</section>',
      ].join('');
    case 'chart': {
      const label = `${block.chart.title}. ${block.chart.subtitle}`;
      const svg = assertInertSvg(chartSvg(block.chart)).replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}"`);
      return `<figure>${svg}<figcaption>${escapeHtml(block.chart.title)} — ${escapeHtml(block.chart.subtitle)}</figcaption></figure>`;
    }
    case 'quotes':
      return block.quotes.map(quoteHtml).join('');
    case 'facts':
      return `<dl class="facts">${block.items.map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(i.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return tableHtml(block.table, block.caption);
  }
}

function sectionHtml(section: DocumentSection, chartSvg: (chart: Chart) => string): string {
  return `<section class="${section.kind}"><h2>${escapeHtml(section.title)}</h2>${section.blocks.map((b) => blockHtml(b, chartSvg)).join('\n')}</section>`;
}

export function renderReportHtml(doc: ReportDocument, options: HtmlOptions = {}): string {
  let n = 0;
  const chartSvg = (chart: Chart): string => {
    const size = { width: CHART_WIDTH, height: chartHeight(chart), idPrefix: `chart${++n}` };
    return options.chartSvg ? options.chartSvg(chart, size) : renderChartSvg(chart.option, size);
  };
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    ...doc.sections.map((s) => sectionHtml(s, chartSvg)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * ReportDocument → Markdown. Charts become their data tables (readable in any viewer, diffable, no images
 * to carry along). Every piece of user text passes through escapeMarkdown, so a quote can't turn into a
 * heading, a link or raw HTML.
 */
import type { DataTable } from './charts';
import type { Block, Quote, ReportDocument } from './document';
import { escapeMarkdown, escapeMarkdownCell } from './escape';

function tableMd(table: DataTable): string {
  const row = (cells: readonly (string | number)[]): string => `| ${cells.map((c) => (typeof c === 'number' ? String(c) : escapeMarkdownCell(c) || ' ')).join(' | ')} |`;
  const align = table.headers.map((_, j) => (table.rows.every((r) => typeof r[j] === 'number') && table.rows.length > 0 ? '---:' : '---'));
  return [row(table.headers), `| ${align.join(' | ')} |`, ...table.rows.map(row)].join('\n');
}

function quoteMd(q: Quote): string {
  const lines = escapeMarkdown(q.text).split('\n').map((l) => `> ${l}`);
  if (q.memo !== undefined) lines.push('>', `> _Note: ${escapeMarkdown(q.memo).replace(/\n/g, ' ')}_`);
  lines.push('>', `> — ${escapeMarkdown(q.attribution)}`);
  return lines.join('\n');
}

function blockMd(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'note':
      return `_${escapeMarkdown(block.text)}_`;
    case 'insight':
      return [
        `### ${escapeMarkdown(block.title).replace(/\n/g, ' ')}`,
        `_${escapeMarkdown(block.counts)}_`,
        block.statement === '' ? '' : escapeMarkdown(block.statement),
        block.tags.length === 0 ? '' : `Tags: ${block.tags.map(escapeMarkdown).join(', ')}`,
        ...block.quotes.map(quoteMd),
        block.segments ? tableMd(block.segments) : '',
      ]
        .filter((s) => s !== '')
        .join('\n\n');
    case 'chart':
      return [`**${escapeMarkdown(block.chart.title)}**`, `_${escapeMarkdown(block.chart.subtitle)}_`, tableMd(block.chart.table)].join('\n\n');
    case 'quotes':
      return block.quotes.map(quoteMd).join('\n\n');
    case 'facts':
      return block.items.map((i) => `- **${escapeMarkdown(i.label)}:** ${escapeMarkdown(i.value)}`).join('\n');
    case 'table':
      return [`**${escapeMarkdown(block.caption)}**`, tableMd(block.table)].join('\n\n');
  }
}

export function renderReportMarkdown(doc: ReportDocument): string {
  const parts = [`# ${escapeMarkdown(doc.title).replace(/\n/g, ' ')}`, `_${escapeMarkdown(doc.subtitle)}_`];
  for (const s of doc.sections) {
    parts.push(`## ${escapeMarkdown(s.title).replace(/\n/g, ' ')}`);
    for (const b of s.blocks) parts.push(blockMd(b));
  }
  return `${parts.join('\n\n')}\n`;
}

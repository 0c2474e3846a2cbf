/**
 * Escaping for every export. All user text (quotes, memos, tag names, titles, attribute values) goes through
 * one of these on its way out; nothing a participant or researcher typed is ever markup.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Markdown inline text: backslash-escapes what Markdown would read as formatting or links, turns `<`, `>`
 * and `&` into entities (so raw HTML passes through as text in any renderer) and escapes line-start markers
 * (headings, lists, quotes, rules) on every line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()|~!]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .split('\n')
    .map((line) => line.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n');
}

/** A Markdown table cell: escaped, on one line. */
export function escapeMarkdownCell(text: string): string {
  return escapeMarkdown(text.replace(/\r?\n/g, ' '));
}

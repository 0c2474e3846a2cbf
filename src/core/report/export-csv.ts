/**
 * Coded data as CSV (RFC 4180): one row per unit, CRLF line ends, fields quoted when they hold a quote,
 * the separator or a line break, and a UTF-8 BOM so Excel opens accents and emoji correctly.
 */
import type { AnalysisData } from '../analysis/data';
import { type Cell, type CodedDataOptions, codedUnitsTable } from './coded-data';

export const UTF8_BOM = '\uFEFF';

export function csvField(value: Cell, separator = ','): string {
  const s = typeof value === 'number' ? String(value) : value;
  return s.includes('"') || s.includes(separator) || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: readonly Cell[], rows: readonly (readonly Cell[])[], separator = ','): string {
  return UTF8_BOM + [headers, ...rows].map((r) => r.map((c) => csvField(c, separator)).join(separator)).join('\r\n') + '\r\n';
}

export interface CsvExportOptions extends CodedDataOptions {
  /** ';' for locales whose Excel expects it. Default ','. */
  separator?: ',' | ';' | '\t';
}

export function codedDataCsv(data: AnalysisData, options: CsvExportOptions = {}): string {
  const table = codedUnitsTable(data, options);
  return toCsv(table.headers, table.rows, options.separator ?? ',');
}

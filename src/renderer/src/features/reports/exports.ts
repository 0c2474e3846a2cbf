/**
 * The report's export formats — PDF (desktop), self-contained HTML, Markdown — and the coded data as CSV or
 * XLSX, all saved through the Platform (native Save dialog on the desktop, a download in the browser), plus
 * the anonymization preview: what an anonymized export will replace, listed before anything is written.
 */
import { createAnonymizer, codedDataCsv, codedDataXlsx, type Redaction, type RedactionKind } from '../../../../core/report';
import type { Platform, SavedFile } from '../../platform';
import { fileBaseName, reportDocument, reportHtml, reportMarkdown, type ReportInputs, type ReportShape } from './report-html';

export type ExportFormat = 'pdf' | 'html' | 'markdown' | 'csv' | 'xlsx';

export const EXPORT_FORMATS: readonly { id: ExportFormat; label: string; filter: { name: string; extensions: string[] } }[] = [
  { id: 'pdf', label: 'PDF', filter: { name: 'PDF', extensions: ['pdf'] } },
  { id: 'html', label: 'HTML', filter: { name: 'HTML page', extensions: ['html'] } },
  { id: 'markdown', label: 'Markdown', filter: { name: 'Markdown', extensions: ['md'] } },
  { id: 'csv', label: 'Coded data (CSV)', filter: { name: 'CSV', extensions: ['csv'] } },
  { id: 'xlsx', label: 'Coded data (XLSX)', filter: { name: 'Excel workbook', extensions: ['xlsx'] } },
];

/** Shown where PDF cannot be made (the browser build). */
export const PDF_UNAVAILABLE = 'PDF export needs the Loupe desktop app (or the loupe command line). Here, export HTML and print it from your browser.';

const encoder = new TextEncoder();

export async function exportBytes(format: ExportFormat, report: ReportShape, inputs: ReportInputs, platform: Platform): Promise<Uint8Array> {
  switch (format) {
    case 'pdf': {
      if (platform.renderPdf === undefined) throw new Error(PDF_UNAVAILABLE);
      return platform.renderPdf(reportHtml(report, inputs));
    }
    case 'html':
      return encoder.encode(reportHtml(report, inputs));
    case 'markdown':
      return encoder.encode(reportMarkdown(report, inputs));
    case 'csv':
      return encoder.encode(codedDataCsv(inputs.data, { anonymize: inputs.anonymize === true }));
    case 'xlsx':
      return codedDataXlsx(inputs.data, { anonymize: inputs.anonymize === true });
  }
}

export async function exportReport(format: ExportFormat, report: ReportShape, inputs: ReportInputs, platform: Platform): Promise<SavedFile | null> {
  const spec = EXPORT_FORMATS.find((f) => f.id === format);
  if (spec === undefined) throw new Error(`Unknown export format ${format}`);
  const bytes = await exportBytes(format, report, inputs, platform);
  const base = format === 'csv' || format === 'xlsx' ? `${fileBaseName(report.title)} - coded data` : fileBaseName(report.title);
  return platform.exportFile({ suggestedName: `${base}.${spec.filter.extensions[0] ?? format}`, bytes, filter: spec.filter });
}

export interface RedactionGroup {
  kind: RedactionKind;
  text: string;
  replacement: string;
  count: number;
}

export interface RedactionPreview {
  /** People quoted in the report and the pseudonym each gets. */
  pseudonyms: { name: string; pseudonym: string }[];
  /** Emails, phone numbers and names found in the report's text, grouped. */
  redactions: RedactionGroup[];
}

/** What anonymizing this report will change: built from the report as it would be exported without anonymization. */
export function redactionPreview(report: ReportShape, inputs: ReportInputs): RedactionPreview {
  const participants = [...inputs.data.participants.values()];
  const anon = createAnonymizer(participants);
  const doc = reportDocument(report, { ...inputs, anonymize: false });
  const texts: string[] = [doc.title, report.summary];
  const quoted = new Set<string>();
  for (const section of doc.sections) {
    texts.push(section.title);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') texts.push(block.text);
      const quotes = block.kind === 'insight' || block.kind === 'quotes' ? block.quotes : [];
      if (block.kind === 'insight') texts.push(block.title, block.statement);
      for (const q of quotes) {
        texts.push(q.text, q.memo ?? '');
        const pid = inputs.data.units.get(q.unitId)?.participantId;
        if (pid !== undefined) quoted.add(pid);
      }
    }
  }
  const groups = new Map<string, RedactionGroup>();
  for (const t of texts) {
    for (const r of anon.preview(t) satisfies Redaction[]) {
      const key = `${r.kind}\u0000${r.text}\u0000${r.replacement}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { kind: r.kind, text: r.text, replacement: r.replacement, count: 1 });
    }
  }
  const pseudonyms = [...quoted]
    .map((id) => ({ name: inputs.data.participants.get(id)?.name ?? id, pseudonym: anon.pseudonym(id) }))
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  const order: Record<RedactionKind, number> = { name: 0, email: 1, phone: 2 };
  return { pseudonyms, redactions: [...groups.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.text.localeCompare(b.text)) };
}

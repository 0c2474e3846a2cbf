/**
 * `loupe report <file.loupe> --template <name> --out <report.pdf|.html|.md> [--anonymize] [--title T]`:
 * builds an insight report from a workspace and writes it as self-contained HTML, Markdown, or PDF (the
 * same HTML printed by Chromium, see ../pdf-chromium.ts). The workspace's saved report with that template
 * is used when there is one (the most recently edited), else a new one from the template's sections.
 */
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { analysisData, type AnalysisData, npsAttributeOf, SENTIMENT_SEGMENT } from '../../core/analysis';
import type { Report, WorkspaceSnapshot } from '../../core/model';
import { buildReportDocument, newReport, REPORT_TEMPLATES, type ReportContext, type ReportDocument, renderReportHtml, renderReportMarkdown, type TemplateId } from '../../core/report';
import { scoreUnits } from '../../core/sentiment';
import { CliFailure, readWorkspaceFile, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';
import { htmlToPdf } from '../pdf-chromium';

export type ReportFormat = 'pdf' | 'html' | 'md';

const EXTENSIONS: Record<string, ReportFormat> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md' };

const templateIds = REPORT_TEMPLATES.map((t) => t.id);

function isTemplateId(name: string): name is TemplateId {
  return (templateIds as readonly string[]).includes(name);
}

export interface ReportBuildOptions {
  template: TemplateId;
  title?: string;
  anonymize?: boolean;
  /** Participant attribute for crosstabs and per-insight splits (e.g. "plan"). */
  segment?: string;
  /** Participant attribute holding the 0–10 score. */
  nps?: string;
  generatedAt?: string;
}

export interface BuiltReport {
  doc: ReportDocument;
  /** True when the workspace's saved report was used, false for a fresh one from the template. */
  saved: boolean;
  charts: number;
}

/**
 * The NPS attribute: --nps, else the NPS question's label when participants carry it (what import writes),
 * else an attribute called "nps" holding numbers (older or hand-made workspaces).
 */
export function resolveNpsAttribute(data: AnalysisData, explicit?: string): string | undefined {
  return explicit ?? npsAttributeOf(data);
}

/** The saved report for `template` (most recently updated), or undefined. */
export function savedReport(snapshot: WorkspaceSnapshot, template: TemplateId): Report | undefined {
  return snapshot.tables.reports.filter((r) => r.template === template).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

/** Does the report draw sentiment (a saved report's chart refs, or a template that includes it)? */
function usesSentiment(saved: Report | undefined, template: TemplateId): boolean {
  if (saved === undefined) return template !== 'executive-summary';
  return saved.sections.some((s) => s.refIds.some((ref) => ref.startsWith('sentiment') || new URLSearchParams(ref.split('?', 2)[1] ?? '').get('attribute') === SENTIMENT_SEGMENT));
}

export function buildReport(snapshot: WorkspaceSnapshot, options: ReportBuildOptions): BuiltReport {
  const t = snapshot.tables;
  const saved = savedReport(snapshot, options.template);
  // Sentiment is derived from the text, never stored in a .loupe file: scored here, only when the report draws it.
  const data = analysisData(usesSentiment(saved, options.template) ? { ...t, sentiment: scoreUnits(t.units) } : t);
  if (options.segment !== undefined && ![...data.participants.values()].some((p) => options.segment !== undefined && options.segment in p.attributes)) {
    throw new CliFailure(`No participant has the attribute "${options.segment}" (--segment).`);
  }
  const npsAttribute = resolveNpsAttribute(data, options.nps);
  const ctx: ReportContext = {
    data,
    insights: t.insights,
    anonymize: options.anonymize === true,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    ...(options.segment !== undefined ? { segmentAttribute: options.segment } : {}),
    ...(npsAttribute !== undefined ? { npsAttribute } : {}),
  };
  const base = saved ?? newReport(options.template, snapshot.meta.name, ctx);
  const report = options.title !== undefined ? { ...base, title: options.title } : base;
  const doc = buildReportDocument(report, ctx);
  const charts = doc.sections.reduce((n, s) => n + s.blocks.filter((b) => b.kind === 'chart').length, 0);
  return { doc, saved: saved !== undefined, charts };
}

export function formatOf(out: string): ReportFormat {
  const format = EXTENSIONS[extname(out).toLowerCase()];
  if (format === undefined) throw new UsageError(`--out must end in .pdf, .html or .md (got "${out}")`);
  return format;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Build an insight report from a workspace as PDF, HTML or Markdown.',
  usage: [
    `loupe report <file.loupe> --template ${templateIds.join('|')} --out <report.pdf|.html|.md>`,
    '             [--anonymize] [--title T] [--segment ATTR] [--nps ATTR] [--chromium PATH]',
  ].join('\n'),
  async run({ args, io }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        template: { type: 'string', short: 't' },
        out: { type: 'string', short: 'o' },
        anonymize: { type: 'boolean', default: false },
        title: { type: 'string' },
        segment: { type: 'string' },
        nps: { type: 'string' },
        chromium: { type: 'string' },
      },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const template = values.template;
    if (template === undefined || !isTemplateId(template)) throw new UsageError(`--template must be one of ${templateIds.join(', ')}`);
    if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required');
    if (values.title !== undefined && values.title.trim() === '') throw new UsageError('--title cannot be empty');
    const out = values.out;
    const format = formatOf(out);

    const built = buildReport(readWorkspaceFile(file), {
      template,
      anonymize: values.anonymize,
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.segment !== undefined ? { segment: values.segment } : {}),
      ...(values.nps !== undefined ? { nps: values.nps } : {}),
    });
    let bytes: Uint8Array;
    let via = '';
    if (format === 'md') bytes = new TextEncoder().encode(renderReportMarkdown(built.doc));
    else {
      const html = renderReportHtml(built.doc);
      if (format === 'html') bytes = new TextEncoder().encode(html);
      else {
        const pdf = await htmlToPdf(html, values.chromium !== undefined ? { chromium: values.chromium } : {});
        bytes = pdf.bytes;
        via = ` via ${pdf.printer}`;
      }
    }
    writeFileAtomic(out, bytes);
    const name = REPORT_TEMPLATES.find((t) => t.id === template)?.name ?? template;
    const what = [`${built.doc.sections.length} sections`, `${built.charts} ${built.charts === 1 ? 'chart' : 'charts'}`, built.saved ? 'saved report' : 'new from template'];
    if (built.doc.anonymized) what.push('anonymized');
    io.out(`Wrote ${out} (${name}: ${what.join(', ')}${via}).\n`);
    return 0;
  },
};

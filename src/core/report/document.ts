/**
 * The report model: a persisted Report (title, summary, sections of refIds) resolved against the workspace
 * into a ReportDocument of plain blocks, which the HTML and Markdown renderers print. Everything a reader
 * sees is computed here (counts from evidence, chart data, quotes, methodology), and anonymization is
 * applied here once, so no renderer can forget it.
 *
 * Chart sections name their charts with refIds like "crosstab?attribute=plan" (kind + URL query). These
 * strings are persisted in Report.sections: changing their grammar needs a migration.
 */
import { type AnalysisData, isInterviewer, respondentsOf, tagPath } from '../analysis/data';
import { crosstab } from '../analysis/crosstab';
import { coOccurrence, tagFrequency } from '../analysis/frequency';
import { describeCounts, evidenceUnitId, formatPercent, insightCounts } from '../analysis/insight-counts';
import { npsAttributeOf, npsByTag, overallNps } from '../analysis/nps';
import { SENTIMENT_SEGMENT, sentimentByTag } from '../analysis/sentiment';
import { analysedUnitDays, type Bucket, volumeOverTime } from '../analysis/volume';
import type { EvidenceLink, Insight, Report, ReportSection } from '../model';
import { createAnonymizer } from './anonymize';
import {
  type Chart,
  type ChartKind,
  coOccurrenceChart,
  crosstabChart,
  type DataTable,
  npsByTagChart,
  npsDistributionChart,
  sentimentChart,
  tagFrequencyChart,
  volumeChart,
} from './charts';

export type TemplateId = 'executive-summary' | 'full-findings' | 'survey-open-ends';

/** Persisted in Report.template: changing an id needs a migration. */
export const REPORT_TEMPLATES: readonly { id: TemplateId; name: string; description: string; quotesPerInsight: number }[] = [
  { id: 'executive-summary', name: 'Executive summary', description: 'The top findings with one quote each, one chart, and how the study was run.', quotesPerInsight: 1 },
  { id: 'full-findings', name: 'Full findings', description: 'Every insight with its evidence, all charts, methodology and the codebook.', quotesPerInsight: 3 },
  { id: 'survey-open-ends', name: 'Survey open-ends', description: 'Each open question: what respondents raised, how often, and in their words.', quotesPerInsight: 2 },
];

export interface Quote {
  unitId: string;
  text: string;
  /** Who said it and where: "P03 · Pro · Q3 survey". */
  attribution: string;
  memo?: string;
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | {
      kind: 'insight';
      insightId: string;
      title: string;
      statement: string;
      /** "12 quotes from 9 participants · 18% of respondents". */
      counts: string;
      tags: string[];
      quotes: Quote[];
      segments?: DataTable;
    }
  | { kind: 'chart'; ref: string; chart: Chart }
  | { kind: 'quotes'; quotes: Quote[] }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'table'; caption: string; table: DataTable }
  | { kind: 'note'; text: string };

export interface DocumentSection {
  kind: ReportSection['kind'];
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  /** e.g. "Full findings · generated 2024-05-01". */
  subtitle: string;
  anonymized: boolean;
  sections: DocumentSection[];
}

export interface ReportContext {
  data: AnalysisData;
  insights: readonly Insight[];
  /** Participant attribute for crosstabs and per-insight breakdowns (e.g. "plan"). */
  segmentAttribute?: string;
  /** Attribute holding NPS scores; defaults to the first NPS question's label. */
  npsAttribute?: string;
  /** Participant attribute with a response date; else source dates. */
  dateAttribute?: string;
  /** Per-unit sentiment (−1…1), when the workspace has been scored; defaults to data.sentiment. */
  sentimentScores?: ReadonlyMap<string, number>;
  anonymize?: boolean;
  /** ISO timestamp printed on the report; pass it for reproducible output. */
  generatedAt?: string;
}

const chartRef = (kind: ChartKind, params: Record<string, string> = {}): string => {
  const q = new URLSearchParams(params).toString();
  return q === '' ? kind : `${kind}?${q}`;
};

function npsAttributeFor(ctx: ReportContext): string | undefined {
  return ctx.npsAttribute ?? npsAttributeOf(ctx.data);
}

function sentimentScores(ctx: ReportContext): ReadonlyMap<string, number> | undefined {
  const scores = ctx.sentimentScores ?? ctx.data.sentiment;
  return scores === undefined || scores.size === 0 ? undefined : scores;
}

function hasDates(ctx: ReportContext): boolean {
  return analysedUnitDays(ctx.data, ctx.dateAttribute).some((t) => !Number.isNaN(t));
}

function byParticipants(ctx: ReportContext): Insight[] {
  const n = new Map(ctx.insights.map((i) => [i.id, insightCounts(i, ctx.data).participants]));
  return [...ctx.insights].sort((a, b) => (n.get(b.id) ?? 0) - (n.get(a.id) ?? 0) || a.title.localeCompare(b.title));
}

/** The sections a new report of `template` starts with; the user may then edit, reorder or remove them. */
export function templateSections(template: TemplateId, ctx: ReportContext): ReportSection[] {
  const nps = npsAttributeFor(ctx);
  const summary: ReportSection = { kind: 'summary', title: 'Summary', refIds: [] };
  const methodology: ReportSection = { kind: 'methodology', title: 'Methodology', refIds: [] };
  const codebook: ReportSection = { kind: 'codebook', title: 'Appendix: codebook', refIds: [] };
  if (template === 'executive-summary') {
    return [
      summary,
      { kind: 'insights', title: 'Key findings', refIds: byParticipants(ctx).slice(0, 5).map((i) => i.id) },
      { kind: 'chart', title: 'What people talked about', refIds: [chartRef('tag-frequency', { limit: '10' })] },
      methodology,
    ];
  }
  if (template === 'full-findings') {
    const sections: ReportSection[] = [
      summary,
      { kind: 'insights', title: 'Findings', refIds: byParticipants(ctx).map((i) => i.id) },
      { kind: 'chart', title: 'Themes at a glance', refIds: [chartRef('tag-frequency'), chartRef('co-occurrence')] },
    ];
    if (ctx.segmentAttribute !== undefined) sections.push({ kind: 'chart', title: `By ${ctx.segmentAttribute}`, refIds: [chartRef('crosstab', { attribute: ctx.segmentAttribute })] });
    if (nps !== undefined) sections.push({ kind: 'chart', title: 'Net Promoter Score', refIds: [chartRef('nps-distribution', { attribute: nps }), chartRef('nps-by-tag', { attribute: nps })] });
    if (hasDates(ctx)) sections.push({ kind: 'chart', title: 'Over time', refIds: [chartRef('volume', { bucket: 'week', ...(ctx.dateAttribute !== undefined ? { dateAttribute: ctx.dateAttribute } : {}) })] });
    if (sentimentScores(ctx) !== undefined) sections.push({ kind: 'chart', title: 'Sentiment', refIds: [chartRef('sentiment')] });
    return [...sections, methodology, codebook];
  }
  const sections: ReportSection[] = [summary];
  const questions = [...ctx.data.questions.values()]
    .filter((q) => q.type === 'open' && ctx.data.sources.get(q.sourceId)?.kind === 'survey')
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.order - b.order);
  for (const q of questions) {
    const freq = tagFrequency(ctx.data, { questionId: q.id }).filter((f) => f.units > 0);
    if (!ctx.data.analysedUnits.some((u) => u.questionId === q.id)) continue;
    // Open ends are where sentiment reads best: how each tag's answers to this question feel.
    const sentiment = sentimentScores(ctx) !== undefined && freq.length > 0 ? [chartRef('sentiment', { question: q.id, limit: '10' })] : [];
    sections.push({ kind: 'chart', title: q.text || q.label, refIds: [chartRef('tag-frequency', { question: q.id, limit: '10' }), ...sentiment] });
    // Two answers for each of the five most-raised tags, each answer once.
    const picked = new Set<string>();
    for (const f of freq.slice(0, 5)) for (const u of f.unitIds.filter((id) => !picked.has(id)).slice(0, 2)) picked.add(u);
    if (picked.size > 0) sections.push({ kind: 'quotes', title: `In their words: ${q.label}`, refIds: [...picked] });
  }
  if (nps !== undefined) sections.push({ kind: 'chart', title: 'Net Promoter Score', refIds: [chartRef('nps-distribution', { attribute: nps }), chartRef('nps-by-tag', { attribute: nps })] });
  return [...sections, methodology, codebook];
}

/** A new, unsaved report from a template (ids and timestamps are the caller's). */
export function newReport(template: TemplateId, title: string, ctx: ReportContext): Pick<Report, 'title' | 'template' | 'summary' | 'sections'> {
  return { title, template, summary: '', sections: templateSections(template, ctx) };
}

/** Resolves a persisted report into blocks a renderer prints. */
export function buildReportDocument(report: Pick<Report, 'title' | 'template' | 'summary' | 'sections'>, ctx: ReportContext): ReportDocument {
  const anon = ctx.anonymize === true ? createAnonymizer([...ctx.data.participants.values()]) : undefined;
  const text = (s: string): string => (anon ? anon.redact(s) : s);
  const template = REPORT_TEMPLATES.find((t) => t.id === report.template);
  const quotesPerInsight = template?.quotesPerInsight ?? 3;

  const quoteOf = (link: EvidenceLink): Quote | undefined => {
    const unitId = evidenceUnitId(ctx.data, link);
    const unit = unitId === undefined ? undefined : ctx.data.units.get(unitId);
    if (!unit) return undefined;
    const participant = unit.participantId === undefined ? undefined : ctx.data.participants.get(unit.participantId);
    if (isInterviewer(participant)) return undefined;
    let quoted = unit.text;
    let memo: string | undefined;
    if (link.kind === 'highlight') {
      const h = ctx.data.highlights.get(link.refId);
      if (h) {
        quoted = Array.from(unit.text).slice(h.start, h.end).join('');
        memo = h.memo;
      }
    }
    const who = participant ? (anon ? anon.pseudonym(participant.id) : participant.name) : (unit.speaker ?? 'Unknown');
    const segment = ctx.segmentAttribute !== undefined ? participant?.attributes[ctx.segmentAttribute] : undefined;
    const source = ctx.data.sources.get(unit.sourceId)?.title;
    const attribution = [who, segment === undefined || segment === '' ? undefined : String(segment), source].filter((x): x is string => x !== undefined).map(text).join(' · ');
    return { unitId: unit.id, text: text(quoted.trim()), attribution, ...(memo !== undefined && memo !== '' ? { memo: text(memo) } : {}) };
  };

  const insightBlock = (insight: Insight): Block => {
    const counts = insightCounts(insight, ctx.data, ctx.segmentAttribute !== undefined ? { segmentBy: ctx.segmentAttribute } : {});
    const quotes: Quote[] = [];
    const seen = new Set<string>();
    for (const link of insight.evidence) {
      if (quotes.length >= quotesPerInsight) break;
      const q = quoteOf(link);
      if (q && !seen.has(q.unitId)) {
        seen.add(q.unitId);
        quotes.push(q);
      }
    }
    const block: Block = {
      kind: 'insight',
      insightId: insight.id,
      title: text(insight.title),
      statement: text(insight.statement),
      counts: describeCounts(counts),
      tags: insight.tagIds.filter((id) => ctx.data.tags.has(id)).map((id) => tagPath(ctx.data, id)),
      quotes,
    };
    if (counts.bySegment) {
      block.segments = {
        headers: [counts.bySegment.attribute, 'Participants', 'Of', 'Share'],
        rows: counts.bySegment.segments.map((s) => [s.value, s.participants, s.base, formatPercent(s.percent)]),
      };
    }
    return block;
  };

  const sections: DocumentSection[] = report.sections.map((section) => {
    const blocks: Block[] = [];
    switch (section.kind) {
      case 'summary': {
        const paragraphs = report.summary.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
        if (paragraphs.length === 0) blocks.push({ kind: 'note', text: 'No summary written yet.' });
        for (const p of paragraphs) blocks.push({ kind: 'paragraph', text: text(p) });
        break;
      }
      case 'insights': {
        const byId = new Map(ctx.insights.map((i) => [i.id, i]));
        const chosen = section.refIds.length === 0 ? byParticipants(ctx) : section.refIds.map((id) => byId.get(id)).filter((i): i is Insight => i !== undefined);
        for (const i of chosen) blocks.push(insightBlock(i));
        if (chosen.length === 0) blocks.push({ kind: 'note', text: 'No insights yet.' });
        break;
      }
      case 'chart':
        for (const ref of section.refIds) {
          const chart = buildChart(ref, ctx, text);
          blocks.push(chart ? { kind: 'chart', ref, chart } : { kind: 'note', text: `This chart has no data (${ref}).` });
        }
        break;
      case 'quotes': {
        const quotes = section.refIds
          .map((id) => quoteOf(ctx.data.highlights.has(id) ? { kind: 'highlight', refId: id } : { kind: 'unit', refId: id }))
          .filter((q): q is Quote => q !== undefined);
        blocks.push(quotes.length > 0 ? { kind: 'quotes', quotes } : { kind: 'note', text: 'No quotes selected.' });
        break;
      }
      case 'methodology':
        blocks.push(...methodologyBlocks(ctx, text));
        break;
      case 'codebook':
        blocks.push(codebookBlock(ctx, section.refIds, text));
        break;
    }
    return { kind: section.kind, title: text(section.title), blocks };
  });

  const date = (ctx.generatedAt ?? new Date().toISOString()).slice(0, 10);
  return {
    title: text(report.title),
    subtitle: `${template?.name ?? 'Report'} · generated ${date}${anon ? ' · anonymized' : ''}`,
    anonymized: anon !== undefined,
    sections,
  };
}

/** Builds the chart a refId names, or undefined when it has nothing to show. */
export function buildChart(ref: string, ctx: ReportContext, text: (s: string) => string = (s) => s): Chart | undefined {
  const [kind = '', query = ''] = ref.split('?', 2);
  const params = new URLSearchParams(query);
  const limit = params.has('limit') ? Number(params.get('limit')) : undefined;
  const question = params.get('question') ?? undefined;
  const scope = question !== undefined ? { questionId: question } : {};
  const data = ctx.data;
  const redactLabels = <T extends { name: string }>(rows: T[]): T[] => rows.map((r) => ({ ...r, name: text(r.name) }));
  switch (kind) {
    case 'tag-frequency': {
      const rows = tagFrequency(data, scope).filter((r) => r.units > 0);
      if (rows.length === 0) return undefined;
      const q = question === undefined ? undefined : data.questions.get(question);
      return tagFrequencyChart(redactLabels(rows), { ...(limit !== undefined && Number.isFinite(limit) ? { limit } : {}), ...(q ? { title: text(`Tags in answers to ${q.label}`) } : {}) });
    }
    case 'co-occurrence': {
      const used = tagFrequency(data, scope).filter((r) => r.units > 0).map((r) => r.tagId);
      if (used.length < 2) return undefined;
      const co = coOccurrence(data, { ...scope, tagIds: used.slice(0, limit ?? 15) });
      return coOccurrenceChart({ ...co, names: co.names.map(text) });
    }
    case 'crosstab': {
      const attribute = params.get('attribute') ?? ctx.segmentAttribute;
      if (attribute === undefined || attribute === null) return undefined;
      const used = tagFrequency(data, scope).filter((r) => r.units > 0).map((r) => r.tagId);
      const bySentiment = attribute === SENTIMENT_SEGMENT;
      if (bySentiment && sentimentScores(ctx) === undefined) return undefined;
      // A copy only when the scores come from elsewhere (a copy gets its own analysis index).
      const scored = bySentiment && data.sentiment !== sentimentScores(ctx) ? { ...data, sentiment: sentimentScores(ctx) } : data;
      const ct = crosstab(scored, { ...scope, attribute, tagIds: used.slice(0, limit ?? 8) });
      if (ct.segments.length === 0 || ct.rows.length === 0) return undefined;
      return crosstabChart({ ...ct, attribute: bySentiment ? 'sentiment' : text(attribute), segments: ct.segments.map(text), rows: redactLabels(ct.rows) }, { layout: params.get('layout') === 'stacked' ? 'stacked' : 'grouped' });
    }
    case 'nps-distribution': {
      const attribute = params.get('attribute') ?? npsAttributeFor(ctx);
      if (attribute === undefined) return undefined;
      const nps = overallNps(data, attribute);
      return nps.n === 0 ? undefined : npsDistributionChart(nps);
    }
    case 'nps-by-tag': {
      const attribute = params.get('attribute') ?? npsAttributeFor(ctx);
      if (attribute === undefined) return undefined;
      const groups = npsByTag(data, attribute).sort((a, b) => b.n - a.n).slice(0, limit ?? 12);
      return groups.length === 0 ? undefined : npsByTagChart(groups.map((g) => ({ ...g, label: text(g.label) })));
    }
    case 'volume': {
      const b = params.get('bucket');
      const bucket: Bucket = b === 'day' || b === 'month' ? b : 'week';
      const dateAttribute = params.get('dateAttribute') ?? ctx.dateAttribute;
      const volume = volumeOverTime(data, { ...scope, bucket, ...(dateAttribute !== undefined && dateAttribute !== null ? { dateAttribute } : {}) });
      return volume.points.length === 0 ? undefined : volumeChart(volume);
    }
    case 'sentiment': {
      const scores = sentimentScores(ctx);
      if (scores === undefined) return undefined;
      const all = sentimentByTag(data, scores, scope).filter((r) => r.n > 0);
      // With a limit, the most-scored tags; else codebook order.
      const rows = limit === undefined || !Number.isFinite(limit) ? all : [...all].sort((a, b) => b.n - a.n).slice(0, limit);
      const q = question === undefined ? undefined : data.questions.get(question);
      return rows.length === 0 ? undefined : sentimentChart(redactLabels(rows), q ? { title: text(`Sentiment by tag in answers to ${q.label}`) } : {});
    }
    default:
      return undefined;
  }
}

function methodologyBlocks(ctx: ReportContext, text: (s: string) => string): Block[] {
  const data = ctx.data;
  const people = [...data.participants.values()];
  const participants = people.filter((p) => !isInterviewer(p)).length;
  const interviewers = people.length - participants;
  const tagged = data.analysedUnits.filter((u) => data.unitTags.has(u.id)).length;
  // A loop, not Math.min(...days): spreading 100,000+ arguments overflows the call stack.
  let first = Infinity;
  let last = -Infinity;
  for (const t of analysedUnitDays(data, ctx.dateAttribute)) {
    if (Number.isNaN(t)) continue;
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
  const items = [
    { label: 'Participants', value: `${participants}${interviewers > 0 ? ` (${interviewers} ${interviewers === 1 ? 'interviewer' : 'interviewers'} not counted)` : ''}` },
    { label: 'Responses analysed', value: `${data.analysedUnits.length} (${tagged} tagged)` },
    { label: 'Dates', value: first > last ? 'not recorded' : `${iso(first)} to ${iso(last)}` },
    { label: 'Codebook', value: `${data.tags.size} tags` },
    { label: 'How counts are made', value: 'Every count is computed from the evidence linked to an insight; interviewers’ words are never counted.' },
  ];
  if (ctx.anonymize === true) items.push({ label: 'Anonymization', value: 'Participants are shown as pseudonyms (P01…); names, emails and phone numbers in quotes are redacted.' });
  const sources: DataTable = {
    headers: ['Source', 'Kind', 'Date', 'Participants', 'Responses'],
    rows: [...data.sources.values()].map((s) => [
      text(s.title),
      s.kind,
      s.date ?? '',
      respondentsOf(data, s.id).length,
      data.analysedUnits.filter((u) => u.sourceId === s.id).length,
    ]),
  };
  return [{ kind: 'facts', items }, { kind: 'table', caption: 'Sources', table: sources }];
}

function codebookBlock(ctx: ReportContext, refIds: readonly string[], text: (s: string) => string): Block {
  const only = refIds.length === 0 ? undefined : new Set(refIds);
  const usage = new Map(tagFrequency(ctx.data).map((f) => [f.tagId, f.units]));
  const rows = ctx.data.tagOrder
    .filter((t) => only === undefined || only.has(t.id))
    .map((t) => [text(tagPath(ctx.data, t.id)), text(t.description ?? ''), text(t.whenToUse ?? ''), text(t.whenNotToUse ?? ''), usage.get(t.id) ?? 0]);
  return { kind: 'table', caption: 'Codebook', table: { headers: ['Tag', 'Description', 'When to use', 'When not to use', 'Responses'], rows } };
}

import { describe, expect, it } from 'vitest';
import type { Insight } from '../../../src/core/model';
import type { Chart } from '../../../src/core/report/charts';
import { buildReportDocument, newReport, type ReportContext, templateSections } from '../../../src/core/report/document';
import { escapeHtml, escapeMarkdown } from '../../../src/core/report/escape';
import { assertInertSvg, REPORT_CSP, renderReportHtml } from '../../../src/core/report/html';
import { renderReportMarkdown } from '../../../src/core/report/markdown';
import { fixtureData, highlights, pricingInsight, speedInsight, tags, units } from '../analysis/fixture';

const GENERATED = '2024-05-01T12:00:00.000Z';

function context(overrides: Partial<ReportContext> = {}): ReportContext {
  return { data: fixtureData(), insights: [pricingInsight, speedInsight], segmentAttribute: 'plan', generatedAt: GENERATED, ...overrides };
}

/** Stub SVG for tests that are about the page, not the chart (fast, and shows which chart went where). */
const stubSvg = (chart: Chart): string => `<svg data-kind="${chart.kind}"></svg>`;

describe('templates', () => {
  it('executive summary: summary, top findings by participants, one chart, methodology', () => {
    const sections = templateSections('executive-summary', context());
    expect(sections.map((s) => [s.kind, s.title])).toEqual([
      ['summary', 'Summary'],
      ['insights', 'Key findings'],
      ['chart', 'What people talked about'],
      ['methodology', 'Methodology'],
    ]);
    // Both insights have 3 participants; ties go alphabetically.
    expect(sections[1]?.refIds).toEqual(['i1', 'i2']);
  });

  it('full findings: every chart the data supports, methodology and the codebook appendix', () => {
    const sections = templateSections('full-findings', context({ sentimentScores: new Map([['s1:1', -0.5]]) }));
    expect(sections.map((s) => s.title)).toEqual(['Summary', 'Findings', 'Themes at a glance', 'By plan', 'Net Promoter Score', 'Over time', 'Sentiment', 'Methodology', 'Appendix: codebook']);
    expect(sections.find((s) => s.title === 'By plan')?.refIds).toEqual(['crosstab?attribute=plan']);
    expect(sections.find((s) => s.title === 'Net Promoter Score')?.refIds).toEqual(['nps-distribution?attribute=NPS', 'nps-by-tag?attribute=NPS']);
  });

  it('survey open-ends: one chart and a set of quotes per answered open question', () => {
    const sections = templateSections('survey-open-ends', context());
    expect(sections.map((s) => s.title)).toEqual(['Summary', 'What frustrates you?', 'In their words: Q1', 'What do you like?', 'In their words: Q2', 'Net Promoter Score', 'Methodology', 'Appendix: codebook']);
    expect(sections[1]?.refIds).toEqual(['tag-frequency?question=q1&limit=10']);
    // Two answers per top tag, each once: Pricing s1:1, s1:6; Speed s1:11, s1:16; Support s1:21.
    expect(sections[2]?.refIds).toEqual(['s1:1', 's1:6', 's1:11', 's1:16', 's1:21']);
  });
});

describe('sentiment in reports', () => {
  const sentiment = new Map([
    ['s1:1', -0.5],
    ['s1:6', -0.3],
    ['s1:11', -0.6],
    ['s1:16', 0.01],
    ['s1:2', 0.8],
  ]);
  const scored = (): ReportContext => context({ data: fixtureData({ sentiment }) });

  it('the workspace’s own scores (data.sentiment) add the sentiment charts to the templates', () => {
    expect(templateSections('full-findings', scored()).map((s) => s.title)).toContain('Sentiment');
    const openEnds = templateSections('survey-open-ends', scored());
    expect(openEnds[1]?.refIds).toEqual(['tag-frequency?question=q1&limit=10', 'sentiment?question=q1&limit=10']);
    const doc = buildReportDocument(newReport('survey-open-ends', 'Study', scored()), scored());
    const charts = doc.sections[1]?.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart.title] : []));
    expect(charts).toEqual(['Tags in answers to Q1', 'Sentiment by tag in answers to Q1']);
  });

  it('tag × sentiment crosstab: a chart ref any report section can hold', () => {
    const doc = buildReportDocument({ title: 'x', template: 'full-findings', summary: '', sections: [{ kind: 'chart', title: 'S', refIds: ['crosstab?attribute=%40sentiment'] }] }, scored());
    const block = doc.sections[0]?.blocks[0];
    expect(block?.kind).toBe('chart');
    if (block?.kind !== 'chart') return;
    expect(block.chart.title).toBe('Tags by sentiment');
    expect(block.chart.table.headers.slice(1, 4)).toEqual(['negative (n=3)', 'neutral (n=1)', 'positive (n=1)']);
    // Unscored workspace: the chart is left out, not drawn empty.
    const plain = buildReportDocument({ title: 'x', template: 'full-findings', summary: '', sections: [{ kind: 'chart', title: 'S', refIds: ['crosstab?attribute=%40sentiment'] }] }, context());
    expect(plain.sections[0]?.blocks.some((b) => b.kind === 'chart')).toBe(false);
  });
});

describe('report document', () => {
  it('prints counts computed from evidence, quotes (highlight text with memo) and the segment split', () => {
    const doc = buildReportDocument(newReport('full-findings', 'Spring study', context()), context());
    const findings = doc.sections.find((s) => s.kind === 'insights');
    const first = findings?.blocks[0];
    expect(first?.kind).toBe('insight');
    if (first?.kind !== 'insight') return;
    expect(first.counts).toBe('3 quotes from 3 participants · 50% of respondents');
    expect(first.quotes.map((q) => q.text)).toEqual(['Too expensive for what it does', 'Pricing is confusing', 'Slow and pricey']);
    expect(first.quotes[1]).toMatchObject({ memo: 'Confused by tiers', attribution: 'John Smith · Pro · Spring survey' });
    expect(first.segments?.rows).toEqual([
      ['Free', 1, 3, '33%'],
      ['Pro', 2, 3, '67%'],
    ]);
    expect(doc.subtitle).toBe('Full findings · generated 2024-05-01');
  });

  it('executive summary keeps one quote per finding; methodology gives sources, dates and sample sizes', () => {
    const doc = buildReportDocument(newReport('executive-summary', 'Exec', context()), context());
    const insight = doc.sections[1]?.blocks[0];
    expect(insight?.kind === 'insight' && insight.quotes.length).toBe(1);
    const methodology = doc.sections.find((s) => s.kind === 'methodology');
    const facts = methodology?.blocks[0];
    expect(facts?.kind === 'facts' && facts.items.map((i) => `${i.label}: ${i.value}`)).toEqual([
      'Participants: 7 (1 interviewer not counted)',
      'Responses analysed: 8 (7 tagged)',
      'Dates: 2024-03-04 to 2024-03-12',
      'Codebook: 4 tags',
      'How counts are made: Every count is computed from the evidence linked to an insight; interviewers’ words are never counted.',
    ]);
    const sourcesTable = methodology?.blocks[1];
    expect(sourcesTable?.kind === 'table' && sourcesTable.table.rows).toEqual([
      ['Spring survey', 'survey', '2024-03-04', 6, 6],
      ['Interview with Ana', 'transcript', '2024-03-12', 1, 2],
    ]);
  });

  it('says when a chart has no data instead of drawing an empty one', () => {
    const doc = buildReportDocument({ title: 'x', template: 'full-findings', summary: '', sections: [{ kind: 'chart', title: 'S', refIds: ['sentiment', 'nonsense'] }] }, context());
    expect(doc.sections[0]?.blocks.map((b) => b.kind)).toEqual(['note', 'note']);
  });

  it('anonymizes attributions, quotes, memos and statements', () => {
    const insight: Insight = { ...pricingInsight, statement: 'Maria Keller said it best.' };
    const ctx = context({ insights: [insight], anonymize: true, data: fixtureData({ highlights: [{ ...highlights[0]!, memo: 'Call John on 555-123-4567' }] }) });
    const doc = buildReportDocument(newReport('full-findings', 'Spring', ctx), ctx);
    const md = renderReportMarkdown(doc);
    expect(md).not.toMatch(/Maria|John|Keller|Smith|555-123/);
    expect(md).toContain('P01 said it best.');
    expect(md).toContain('— P02 · Pro · Spring survey');
    expect(md).toContain('Note: Call P02 on \\[phone\\]');
    expect(doc.subtitle).toContain('anonymized');
  });
});

describe('escaping in every export', () => {
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const evilCtx = (): ReportContext => {
    const data = fixtureData({
      tags: tags.map((t) => (t.id === 'price' ? { ...t, name: `Price ${evil}`, description: evil } : t)),
      units: units.map((u) => (u.id === 's1:1' ? { ...u, text: `Too expensive ${evil}` } : u)),
      highlights: [{ ...highlights[0]!, memo: evil }],
    });
    const insight: Insight = { ...pricingInsight, title: `Title ${evil}`, statement: `# Heading?\n[link](javascript:alert(3)) ${evil}` };
    return context({ data, insights: [insight] });
  };
  const report = (ctx: ReportContext) => ({ ...newReport('full-findings', `Report ${evil}`, ctx), summary: `Memo ${evil}\n\n- not a list` });

  it('HTML shows user text as text: no script, no img, no handler, CSP meta, no external anything', () => {
    const ctx = evilCtx();
    const html = renderReportHtml(buildReportDocument(report(ctx), ctx), { chartSvg: stubSvg });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/i);
    expect(html).toMatch(/<svg role="img" aria-label="How often each tag was used\. Tagged responses" data-kind="tag-frequency">/);
  });

  it('HTML with real SVG charts stays inert and self-contained', () => {
    const ctx = evilCtx();
    const html = renderReportHtml(buildReportDocument(report(ctx), ctx));
    expect(html).not.toMatch(/<script|<img|<foreignObject|<iframe/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html.match(/<svg role="img"/g)?.length).toBeGreaterThanOrEqual(4);
    // Each chart has its own CSS class prefix, so inlined charts don't restyle each other.
    expect(html).toContain('chart1-c0');
    expect(html).toContain('chart2-c0');
    expect(html).toContain('>Price &lt;script&gt;');
  });

  it('Markdown shows user text as text: no raw HTML, headings, lists or links from user input', () => {
    const ctx = evilCtx();
    const md = renderReportMarkdown(buildReportDocument(report(ctx), ctx));
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;&lt;img src=x onerror=alert\\(2\\)&gt;');
    expect(md).toContain('\\# Heading?');
    expect(md).toContain('\\[link\\]\\(javascript:alert\\(3\\)\\)');
    expect(md).toContain('\\- not a list');
    expect(md).not.toMatch(/^- not a list/m);
    expect(md.startsWith('# Report &lt;script&gt;')).toBe(true);
  });

  it('escapeHtml and escapeMarkdown cover quotes, ampersands and line-start markers', () => {
    expect(escapeHtml(`a & b "c" 'd' <e>`)).toBe('a &amp; b &quot;c&quot; &#39;d&#39; &lt;e&gt;');
    expect(escapeMarkdown('1. one\n> two\n*three* _four_ `five` | six')).toBe('1\\. one\n&gt; two\n\\*three\\* \\_four\\_ \\`five\\` \\| six');
  });

  it('the SVG backstop refuses active content', () => {
    expect(() => assertInertSvg('<svg><script>x</script></svg>')).toThrow();
    expect(() => assertInertSvg('<svg><rect onload="x"/></svg>')).toThrow();
    expect(assertInertSvg('<svg><text>onload=x</text></svg>')).toContain('onload=x');
  });
});

/**
 * `npm run bench:report [respondents]` — time from a big workspace to a PDF report, the way `loupe report`
 * does it: a survey of 25,000 respondents × 4 open questions (100,000 responses, ~150,000 taggings, 12
 * insights, sentiment scores) and a ~20-page report with 8 charts, printed by the system Chromium.
 * Figures, not pass/fail: the target (build + print ≤ 3 s) is printed beside them.
 *
 *   build  = analysis tables + report document (counts, charts, quotes) + HTML with inline SVG charts
 *   print  = headless Chromium --print-to-pdf of that HTML (browser start included)
 *   decode = reading the .loupe file, which the CLI also pays; shown apart, it grows with the workspace
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analysisData } from '../src/core/analysis';
import { emptyTables, type Insight, type Participant, type Question, type Report, type Source, type Tag, type Tagging, type Unit, type WorkspaceSnapshot } from '../src/core/model';
import { createRng } from '../src/core/random';
import { buildReportDocument, type ReportContext, renderReportHtml } from '../src/core/report';
import { decodeWorkspace, encodeWorkspace } from '../src/core/workspace-file';
import { findChromium, htmlToPdf } from '../src/cli/pdf-chromium';

const RESPONDENTS = Number(process.argv[2] ?? 25_000);
const QUESTIONS = 4;
const RUNS = 3;
const TARGET_S = 3;
const WORK = '/tmp/loupe-bench-report';
const T = '2026-03-01T00:00:00.000Z';
const base = { createdAt: T, updatedAt: T };

const PLANS = ['Free', 'Starter', 'Business', 'Enterprise'];
const COUNTRIES = ['Germany', 'France', 'United States', 'United Kingdom', 'Japan', 'Brazil'];
const GROUPS: Record<string, string[]> = {
  Onboarding: ['Setup friction', 'Learning curve', 'Documentation', 'Import'],
  'Pricing & value': ['Too expensive', 'Good value', 'Plan limits', 'Billing'],
  Integrations: ['Calendar sync', 'Slack & Teams', 'Jira & API', 'SSO'],
  'Product experience': ['Speed & reliability', 'Reporting', 'Ease of use', 'Support'],
};
const OPEN = ['What is the main reason for your score?', 'What one thing should we improve?', 'What do you use most?', 'Anything else you would like to tell us?'];
const OPENERS = ['Honestly,', 'For our team,', 'Since the last update,', 'Overall,', 'To be fair,', 'The thing is,'];
const VERDICTS = ['is slow when the schedule gets big', 'works great for us', 'keeps breaking, again', 'is fine, I guess', 'confuses new hires every single time', 'saves us hours every week'];

function generate(): { snapshot: WorkspaceSnapshot; scores: Map<string, number> } {
  const rng = createRng(7);
  const source: Source = { ...base, id: 'survey', kind: 'survey', title: 'Customer survey 2026', vendor: 'generic', encoding: 'utf-8', date: '2026-01-05', seqStride: QUESTIONS + 2, respondentCount: RESPONDENTS };
  const questions: Question[] = [
    { ...base, id: 'q-nps', sourceId: source.id, label: 'NPS', text: 'How likely are you to recommend us?', type: 'nps', order: 0 },
    ...OPEN.map((text, i): Question => ({ ...base, id: `q${i + 1}`, sourceId: source.id, label: `Q${i + 1}`, text, type: 'open', order: i + 1 })),
  ];
  const tags: Tag[] = [];
  Object.entries(GROUPS).forEach(([parent, children], g) => {
    const pid = `g${g}`;
    tags.push({ ...base, id: pid, name: parent, color: '#888888', order: g, description: `Umbrella code for ${parent.toLowerCase()}.` });
    children.forEach((name, c) => tags.push({ ...base, id: `${pid}c${c}`, name, parentId: pid, color: ['#d1495b', '#edae49', '#00798c', '#30638e'][c] ?? '#666666', order: c, description: `Mentions of ${name.toLowerCase()}.`, whenToUse: 'Explicit mentions only.' }));
  });
  const leaves = tags.filter((t) => t.parentId !== undefined);
  const participants: Participant[] = [];
  const units: Unit[] = [];
  const taggings: Tagging[] = [];
  const scores = new Map<string, number>();
  const byTag = new Map<string, string[]>();
  const day0 = Date.parse('2026-01-05T00:00:00Z');
  for (let r = 0; r < RESPONDENTS; r++) {
    const pid = `p${r}`;
    const nps = rng.weighted([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [14, 16, 17, 14, 10, 8, 6, 5, 4, 3, 3]);
    const responded = new Date(day0 + rng.int(0, 83) * 86_400_000).toISOString().slice(0, 10);
    participants.push({ ...base, id: pid, name: `R_${String(r).padStart(6, '0')}`, externalId: `R_${r}`, role: 'participant', attributes: { plan: rng.pick(PLANS), country: rng.pick(COUNTRIES), NPS: nps, responded }, sourceIds: [source.id] });
    for (let q = 1; q <= QUESTIONS; q++) {
      const seq = r * (QUESTIONS + 2) + q;
      const id = `${source.id}:${seq}`;
      const tag = leaves[(rng.int(0, leaves.length - 1) + q * 3) % leaves.length]!;
      units.push({ ...base, id, sourceId: source.id, participantId: pid, questionId: `q${q}`, seq, text: `${rng.pick(OPENERS)} ${tag.name.toLowerCase()} ${rng.pick(VERDICTS)}. ${rng.chance(0.5) ? `${rng.pick(OPENERS)} the ${rng.pick(leaves).name.toLowerCase()} part ${rng.pick(VERDICTS)}.` : ''}`.trim() });
      scores.set(id, Math.max(-1, Math.min(1, (nps - 6) / 5 + (rng.next() - 0.5))));
      if (rng.chance(0.15)) continue;
      const applied = rng.chance(0.5) ? [tag, rng.pick(leaves)] : [tag];
      for (const t of new Set(applied)) {
        taggings.push({ ...base, id: `${t.id}@${id}`, tagId: t.id, unitId: id, coder: 'bench' });
        const list = byTag.get(t.id) ?? [];
        list.push(id);
        byTag.set(t.id, list);
      }
    }
  }
  const insights: Insight[] = leaves.slice(0, 12).map((t, i) => ({
    ...base,
    id: `i${i}`,
    title: `${t.name} shapes how customers rate us`,
    statement: `Respondents who mention ${t.name.toLowerCase()} describe it in detail and score differently from the rest; the split by plan shows where it matters most.`,
    tagIds: [t.id],
    evidence: (byTag.get(t.id) ?? []).slice(0, 400).map((refId) => ({ kind: 'unit' as const, refId })),
  }));
  const snapshot: WorkspaceSnapshot = {
    meta: { id: 'bench', name: 'Customer survey 2026 (benchmark)', createdAt: T, updatedAt: T },
    tables: { ...emptyTables(), sources: [source], participants, questions, units, tags, taggings, insights },
  };
  return { snapshot, scores };
}

const REPORT: Pick<Report, 'title' | 'template' | 'summary' | 'sections'> = {
  title: 'Customer survey 2026: full findings',
  template: 'full-findings',
  summary: [
    'One hundred thousand answers from twenty-five thousand customers, coded against a twenty-tag codebook.',
    'Speed and reliability lead the conversation, pricing follows; promoters talk about reporting and ease of use.',
    'Every number in this report is computed from the evidence behind each finding.',
  ].join('\n\n'),
  sections: [
    { kind: 'summary', title: 'Summary', refIds: [] },
    { kind: 'insights', title: 'Findings', refIds: [] },
    { kind: 'chart', title: 'Themes at a glance', refIds: ['tag-frequency', 'co-occurrence?limit=12'] },
    { kind: 'chart', title: 'By plan', refIds: ['crosstab?attribute=plan'] },
    { kind: 'chart', title: 'By country', refIds: ['crosstab?attribute=country&layout=stacked'] },
    { kind: 'chart', title: 'Net Promoter Score', refIds: ['nps-distribution?attribute=NPS', 'nps-by-tag?attribute=NPS'] },
    { kind: 'chart', title: 'Over time', refIds: ['volume?bucket=week&dateAttribute=responded'] },
    { kind: 'chart', title: 'Sentiment', refIds: ['sentiment'] },
    { kind: 'quotes', title: 'In their words', refIds: Array.from({ length: 30 }, (_, i) => `survey:${i * 997 * (QUESTIONS + 2) + 1 + (i % QUESTIONS)}`) },
    { kind: 'methodology', title: 'Methodology', refIds: [] },
    { kind: 'codebook', title: 'Appendix: codebook', refIds: [] },
  ],
};

function pageCount(pdfPath: string, bytes: Uint8Array): number {
  const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  if (m) return Number(m[1]);
  return (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const chromium = findChromium(undefined);
  const { snapshot, scores } = generate();
  const file = join(WORK, `survey-${snapshot.tables.units.length}.loupe`);
  writeFileSync(file, encodeWorkspace(snapshot, { appVersion: 'bench' }));
  const bytes = readFileSync(file);
  const t = snapshot.tables;
  console.log(`Workspace: ${t.units.length.toLocaleString('en-US')} responses from ${t.participants.length.toLocaleString('en-US')} respondents, ${t.taggings.length.toLocaleString('en-US')} taggings, ${t.tags.length} tags, ${t.insights.length} insights (${(bytes.length / 1e6).toFixed(1)} MB .loupe)`);
  console.log(`Chromium: ${chromium}\n`);

  const t0 = performance.now();
  const decoded = decodeWorkspace(bytes);
  const decodeMs = performance.now() - t0;

  const runs: { build: number; buildCpu: number; print: number; total: number }[] = [];
  let pages = 0;
  let charts = 0;
  let pdfBytes = 0;
  for (let run = 1; run <= RUNS; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const ctx: ReportContext = { data: analysisData(decoded.tables), insights: decoded.tables.insights, segmentAttribute: 'plan', npsAttribute: 'NPS', dateAttribute: 'responded', sentimentScores: scores, generatedAt: T };
    const doc = buildReportDocument(REPORT, ctx);
    const html = renderReportHtml(doc);
    const built = performance.now();
    const used = process.cpuUsage(cpu);
    const buildCpu = (used.user + used.system) / 1000;
    const pdf = await htmlToPdf(html, { chromium });
    const printed = performance.now();
    const out = join(WORK, 'report.pdf');
    writeFileSync(out, pdf.bytes);
    pages = pageCount(out, pdf.bytes);
    charts = doc.sections.reduce((n, sec) => n + sec.blocks.filter((b) => b.kind === 'chart').length, 0);
    pdfBytes = pdf.bytes.length;
    runs.push({ build: built - start, buildCpu, print: printed - built, total: printed - start });
    console.log(`  run ${run}: build ${s(built - start)} (CPU ${s(buildCpu)}; HTML ${(html.length / 1e3).toFixed(0)} kB) + print ${s(printed - built)} = ${s(printed - start)}`);
  }
  const total = median(runs.map((r) => r.total));
  console.log('');
  console.log(`Report: ${pages} pages, ${charts} charts, PDF ${(pdfBytes / 1e3).toFixed(0)} kB → ${join(WORK, 'report.pdf')}`);
  console.log(`Median of ${RUNS}: build ${s(median(runs.map((r) => r.build)))} (CPU ${s(median(runs.map((r) => r.buildCpu)))}) + print ${s(median(runs.map((r) => r.print)))} = ${s(total)}  (target ≤ ${TARGET_S} s: ${total <= TARGET_S * 1000 ? 'met' : 'MISSED'})`);
  console.log(`Reading the .loupe first (what the CLI adds): decode ${s(decodeMs)}`);
  console.log(`Load average while running: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times stretch with it; CPU time much less).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

/**
 * A workspace whose every displayed or exported text field carries HTML or script: source titles, tag names, a
 * memo, a participant attribute, answers, an insight and a report. Used by test/e2e/xss.spec.ts (the UI) and
 * test/security/xss-exports.test.ts (HTML, Markdown and CSV exports).
 */
import { buildSampleWorkspace } from '../../src/core/sample';
import type { WorkspaceSnapshot } from '../../src/core/model';
import { encodeWorkspace } from '../../src/core/workspace-file';

export const IMG = '<img src=x onerror=window.__pwned=1>';
export const SCRIPT = '<script>window.__pwned=1</script>';

export function hostileSnapshot(): WorkspaceSnapshot {
  const s = buildSampleWorkspace();
  s.meta = { ...s.meta, id: '5c1a55e5-0000-4000-8000-00000000f00d', name: `Hostile ${IMG}` };
  const t = s.tables;
  const survey = t.sources.find((x) => x.kind === 'survey');
  const transcript = t.sources.find((x) => x.kind !== 'survey');
  if (survey === undefined || transcript === undefined || t.tags.length < 2 || t.highlights.length === 0 || t.insights.length === 0 || t.reports.length === 0) {
    throw new Error('the sample changed shape');
  }
  survey.title = `Survey ${IMG}`;
  transcript.title = `Interview ${SCRIPT}`;
  t.tags[0]!.name = `Tag ${IMG}`;
  t.tags[1]!.name = `Tag ${SCRIPT}`;
  t.highlights[0]!.memo = `Memo ${IMG}`;
  for (const p of t.participants.slice(0, 50)) {
    const key = Object.keys(p.attributes)[0];
    if (key !== undefined) p.attributes[key] = `Segment ${IMG}`;
  }
  // Answers without highlights (changing highlighted text would move its offsets).
  const highlighted = new Set(t.highlights.map((h) => h.unitId));
  const answers = t.units.filter((u) => u.sourceId === survey.id && u.questionId !== undefined && !highlighted.has(u.id)).slice(0, 40);
  answers.forEach((u, i) => (u.text = i % 2 === 0 ? `Answer ${IMG}` : `Answer ${SCRIPT}`));
  t.insights[0]!.title = `Insight ${IMG}`;
  t.insights[0]!.statement = `Statement ${SCRIPT}`;
  t.reports[0]!.title = `Report ${SCRIPT}`;
  t.reports[0]!.summary = `Summary ${IMG}`;
  return s;
}

export function hostileWorkspace(): Uint8Array {
  return encodeWorkspace(hostileSnapshot(), { appVersion: 'e2e' });
}

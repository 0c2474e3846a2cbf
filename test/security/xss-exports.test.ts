// Exports of a workspace whose texts are HTML/script (test/security/hostile.ts): the report's HTML and Markdown
// carry them escaped (the literal text survives, no tag is created), the coded-data CSV round-trips them as plain
// cells. The on-screen side is test/e2e/xss.spec.ts.
import { describe, expect, it } from 'vitest';
import { analysisData } from '../../src/core/analysis';
import { readTable } from '../../src/core/import';
import { buildReportDocument, codedDataCsv, renderReportHtml, renderReportMarkdown } from '../../src/core/report';
import { decodeWorkspace } from '../../src/core/workspace-file';
import { hostileSnapshot, hostileWorkspace, IMG, SCRIPT } from './hostile';

const ESCAPED_IMG = '&lt;img src=x onerror=window.__pwned=1&gt;';
const ESCAPED_SCRIPT = '&lt;script&gt;window.__pwned=1&lt;/script&gt;';

function report(): { doc: ReturnType<typeof buildReportDocument> } {
  const snapshot = decodeWorkspace(hostileWorkspace());
  const t = snapshot.tables;
  const saved = t.reports[0]!;
  return { doc: buildReportDocument(saved, { data: analysisData(t), insights: t.insights, generatedAt: '2026-03-02T00:00:00.000Z' }) };
}

describe('exports of text that looks like HTML', () => {
  it('HTML report: escaped, the literal text kept, no element or handler created', () => {
    const html = renderReportHtml(report().doc);
    expect(html).not.toContain(IMG);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toMatch(/<img\b|<script\b/i);
    // Every onerror= is inside the escaped text, none in a tag.
    expect(html.split('onerror=').length).toBe(html.split(ESCAPED_IMG).length);
    expect(html).toContain(`Report ${ESCAPED_SCRIPT}`);
    expect(html).toContain(`Summary ${ESCAPED_IMG}`);
    expect(html).toContain(`Insight ${ESCAPED_IMG}`);
  });

  it('Markdown report: escaped so a Markdown renderer shows it as text', () => {
    const md = renderReportMarkdown(report().doc);
    expect(md).not.toContain(IMG);
    expect(md).not.toContain(SCRIPT);
    expect(md).not.toMatch(/<img\b|<script\b/i);
    expect(md).toContain('&lt;img src=x onerror=window.\\_\\_pwned=1&gt;');
    expect(md).toContain('&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;');
  });

  it('coded-data CSV: each hostile text is one plain cell that reads back exactly', () => {
    const snapshot = hostileSnapshot();
    const csv = codedDataCsv(analysisData(snapshot.tables));
    const cells = readTable(csv).rows.flatMap((r) => r.cells);
    expect(cells).toContain(`Answer ${IMG}`);
    expect(cells).toContain(`Answer ${SCRIPT}`);
    expect(cells.some((c) => c.includes(`Segment ${IMG}`))).toBe(true);
    // No cell starts like a spreadsheet formula.
    expect(cells.filter((c) => /^[=+\-@]/.test(c) && !/^-?\d/.test(c))).toEqual([]);
  });
});

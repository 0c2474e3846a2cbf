import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyTables, type Report, type WorkspaceSnapshot } from '../../src/core/model';
import { encodeWorkspace } from '../../src/core/workspace-file';
import { highlights, participants, pricingInsight, questions, sources, speedInsight, tags, taggings, units } from '../core/analysis/fixture';

const bin = join(__dirname, '../../bin/loupe.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(args: string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const T = '2024-03-01T00:00:00.000Z';

function writeWorkspace(name: string, reports: Report[] = []): string {
  const snapshot: WorkspaceSnapshot = {
    meta: { id: 'w1', name: 'Spring study', createdAt: T, updatedAt: T },
    tables: { ...emptyTables(), sources, participants, questions, units, tags, highlights, taggings, insights: [pricingInsight, speedInsight], reports },
  };
  const path = join(dir, name);
  writeFileSync(path, encodeWorkspace(snapshot, { appVersion: 'test' }));
  return path;
}

const study = writeWorkspace('study.loupe');

/** The Chromium the PDF test prints with, or why it is skipped. */
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p): p is string => p !== undefined && p !== '' && existsSync(p));
const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext', '/opt/homebrew/bin/pdftotext'].find((p) => existsSync(p));

describe('loupe report', () => {
  it('writes self-contained HTML: title, the template sections, inline SVG charts, no script', () => {
    const out = join(dir, 'full.html');
    const r = loupe(['report', study, '--template', 'full-findings', '--segment', 'plan', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*full\.html \(Full findings: 9 sections, \d+ charts, new from template\)\.\n$/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>Spring study</title>');
    expect(html).toContain('<h1>Spring study</h1>');
    for (const h of ['Summary', 'Findings', 'Themes at a glance', 'By plan', 'Net Promoter Score', 'Over time', 'Sentiment', 'Methodology', 'Appendix: codebook']) expect(html).toContain(`<h2>${h}</h2>`);
    expect(html).toContain('<h3>Pricing is a barrier</h3>');
    // Charts are inline SVG (tag frequency, co-occurrence, crosstab, NPS ×2, volume, sentiment by tag — scored from
    // the text, as .loupe files carry no scores), never images or scripts.
    expect((html.match(/<figure><svg /g) ?? []).length).toBe(7);
    expect(html).toContain('Sentiment by tag');
    expect(html).not.toMatch(/<script|<img|<iframe|src="http/i);
    expect(html).toContain('Content-Security-Policy');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes Markdown with charts as tables', () => {
    const out = join(dir, 'exec.md');
    const r = loupe(['report', study, '--template', 'executive-summary', '--out', out, '--title', 'Board readout']);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('# Board readout\n')).toBe(true);
    expect(md).toContain('## Key findings');
    expect(md).toContain('### Pricing is a barrier');
    expect(md).toContain('**How often each tag was used**');
    expect(md).toMatch(/^\| Tag \|/m);
  });

  it('--anonymize removes participant names and contact details', () => {
    const plain = join(dir, 'plain.html');
    const anon = join(dir, 'anon.html');
    expect(loupe(['report', study, '--template', 'full-findings', '--out', plain]).code).toBe(0);
    const r = loupe(['report', study, '--template', 'full-findings', '--out', anon, '--anonymize']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anonymized');
    // The names are really there without --anonymize, so their absence below means something.
    expect(readFileSync(plain, 'utf8')).toContain('John Smith');
    const html = readFileSync(anon, 'utf8');
    const leaked = ['Maria', 'Keller', 'John Smith', 'Ana Lopez', 'Interview with Ana', 'maria.keller@example.com', '7946 0958'].filter((name) => html.includes(name));
    expect(leaked).toEqual([]);
    expect(html).toMatch(/— P0\d · Spring survey</);
    expect(html).toContain('· anonymized');
  });

  it('uses the saved report for the template, and --title overrides its title', () => {
    const saved: Report = {
      id: 'r1',
      createdAt: T,
      updatedAt: T,
      title: 'Saved exec readout',
      template: 'executive-summary',
      summary: 'Pricing is the story this quarter.',
      sections: [
        { kind: 'summary', title: 'In short', refIds: [] },
        { kind: 'insights', title: 'Speed', refIds: ['i2'] },
      ],
    };
    const file = writeWorkspace('saved.loupe', [saved]);
    const out = join(dir, 'saved.html');
    const r = loupe(['report', file, '--template', 'executive-summary', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('saved report');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>Saved exec readout</h1>');
    expect(html).toContain('<p>Pricing is the story this quarter.</p>');
    expect(html).toContain('<h3>Speed matters</h3>');
    expect(html).not.toContain('Pricing is a barrier');
    expect(loupe(['report', file, '--template', 'executive-summary', '--out', out, '--title', 'Q2 readout']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<h1>Q2 readout</h1>');
  });

  it.skipIf(chromium === undefined)(`prints a PDF through Chromium${chromium === undefined ? ' (skipped: no CHROMIUM_PATH and no /usr/bin/chromium)' : ''}`, () => {
    const out = join(dir, 'report.pdf');
    const r = loupe(['report', study, '--template', 'survey-open-ends', '--out', out, '--title', 'Open ends PDF check'], { ...process.env, CHROMIUM_PATH: chromium });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`via ${chromium}`);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (pdftotext === undefined) return; // poppler-utils not installed: the header check above is all we can do.
    const text = spawnSync(pdftotext, [out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Open ends PDF check');
    expect(text).toContain('What frustrates you?');
  });

  it('without a Chromium: one clear error, exit 1, nothing written', () => {
    const out = join(dir, 'none.pdf');
    const r = loupe(['report', study, '--template', 'executive-summary', '--out', out, '--chromium', '/nonexistent']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('No Chromium found for PDF output. Install Chromium or pass --chromium PATH, or write .html instead.');
    expect(r.stderr).toContain('/nonexistent');
    expect(existsSync(out)).toBe(false);
  });

  it('usage errors exit 2: unknown template, unknown extension, missing --out', () => {
    const bad = loupe(['report', study, '--template', 'nope', '--out', join(dir, 'x.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--template must be one of executive-summary, full-findings, survey-open-ends/);
    const ext = loupe(['report', study, '--template', 'full-findings', '--out', join(dir, 'x.docx')]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toMatch(/--out must end in \.pdf, \.html or \.md/);
    expect(loupe(['report', study, '--template', 'full-findings']).code).toBe(2);
  });

  it('a missing workspace or an unknown --segment exits 1 with one line', () => {
    const missing = loupe(['report', join(dir, 'nope.loupe'), '--template', 'full-findings', '--out', join(dir, 'x.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.loupe: no such file/);
    const seg = loupe(['report', study, '--template', 'full-findings', '--segment', 'tier', '--out', join(dir, 'x.html')]);
    expect(seg.code).toBe(1);
    expect(seg.stderr).toContain('No participant has the attribute "tier"');
  });
});

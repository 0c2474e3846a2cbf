import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyTables, type WorkspaceSnapshot } from '../../src/core/model';
import { scoreSentiment } from '../../src/core/sentiment';
import { encodeWorkspace } from '../../src/core/workspace-file';
import { highlights, participants, questions, sources, tags, taggings, units } from '../core/analysis/fixture';

const bin = join(__dirname, '../../bin/loupe.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-export-coded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const T = '2024-03-01T00:00:00.000Z';
const snapshot: WorkspaceSnapshot = {
  meta: { id: 'w1', name: 'Spring study', createdAt: T, updatedAt: T },
  tables: { ...emptyTables(), sources, participants, questions, units, tags, highlights, taggings },
};
const study = join(dir, 'study.loupe');
writeFileSync(study, encodeWorkspace(snapshot, { appVersion: 'test' }));

function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('loupe export --format csv|xlsx', () => {
  it('csv: a header with one column per tag, a row per analysed unit, formula cells neutralized', () => {
    const out = join(dir, 'coded.csv');
    const r = loupe('export', study, '--format', 'csv', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(csv)');
    const [header = [], ...rows] = readCsv(out);
    expect(header.slice(0, 6)).toEqual(['Unit id', 'Source', 'Source type', 'Question', 'Date', 'Participant']);
    expect(header.slice(-6)).toEqual(['Pricing', 'Pricing › Annual billing', 'Speed', 'Support', 'Sentiment score', 'Sentiment label']);
    // 9 units, one of them the interviewer's.
    expect(rows).toHaveLength(8);
    expect(rows.map((row) => row[0])).not.toContain('t1:0');
    const col = (name: string): number => header.indexOf(name);
    const pricey = rows.find((row) => row[0] === 's1:16');
    expect([pricey?.[col('Pricing')], pricey?.[col('Speed')], pricey?.[col('Support')]]).toEqual(['1', '1', '0']);
    const formula = rows.find((row) => row[0] === 't1:2');
    expect(formula?.[col('Text')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('csv and xlsx: the sentiment the app shows, scored from the text (a .loupe file carries no scores)', async () => {
    const out = join(dir, 'sentiment.csv');
    expect(loupe('export', study, '--format', 'csv', '--out', out).code).toBe(0);
    const [header = [], ...rows] = readCsv(out);
    const sentiment = (id: string): string[] | undefined => rows.find((row) => row[0] === id)?.slice(header.indexOf('Sentiment score'));
    expect(sentiment('s1:16')).toEqual(['-0.3', 'negative']); // "Slow and pricey"
    expect(sentiment('s1:1')).toEqual(['-0.52', 'negative']); // "Too expensive for what it does"
    expect(sentiment('s1:2')).toEqual(['0.4', 'positive']); // "Fast search"
    expect(sentiment('t1:2')).toEqual(['0', 'neutral']);
    // Row by row, what the app computes and stores for the same text.
    for (const row of rows) {
      const s = scoreSentiment(units.find((u) => u.id === row[0])!.text);
      expect(sentiment(row[0]!)).toEqual([String(Math.round(s.score * 100) / 100), s.label]);
    }

    const xlsx = join(dir, 'sentiment.xlsx');
    expect(loupe('export', study, '--format', 'xlsx', '--out', xlsx).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const q1 = workbook.getWorksheet('Q1')!;
    const q1Header = (q1.getRow(1).values as unknown[]).slice(1);
    expect(q1Header.slice(-2)).toEqual(['Sentiment score', 'Sentiment label']);
    const cells: Record<string, unknown[]> = {};
    q1.eachRow((row, n) => {
      if (n > 1) cells[String(row.getCell(1).value)] = [row.getCell(q1Header.length - 1).value, row.getCell(q1Header.length).value];
    });
    expect(cells).toMatchObject({ 's1:16': [-0.3, 'negative'], 's1:1': [-0.52, 'negative'], 's1:21': [0, 'neutral'] });
  });

  it('csv --anonymize: pseudonyms instead of names, contact details redacted', () => {
    const out = join(dir, 'anon.csv');
    expect(loupe('export', study, '--format', 'csv', '--out', out, '--anonymize').code).toBe(0);
    const text = readFileSync(out, 'utf8');
    for (const s of ['Maria', 'John Smith', 'Ana Lopez', 'maria.keller@example.com', '7946 0958']) expect(text).not.toContain(s);
    const [header = [], ...rows] = readCsv(out);
    expect(rows.find((row) => row[0] === 's1:1')?.[header.indexOf('Participant')]).toMatch(/^P\d\d$/);
  });

  it('xlsx: one sheet per survey question, transcripts and the codebook (read back with exceljs)', async () => {
    const out = join(dir, 'coded.xlsx');
    const r = loupe('export', study, '--format', 'xlsx', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as the pre-Node-22 Buffer; a Buffer from readFileSync is what it reads.
    await workbook.xlsx.load(readFileSync(out) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Q1', 'Q2', 'Transcripts', 'Codebook']);
    const q1 = workbook.getWorksheet('Q1');
    expect(q1?.actualRowCount).toBe(1 + 5);
    const header = (q1?.getRow(1).values ?? []) as unknown[];
    expect(header).toEqual(expect.arrayContaining(['Unit id', 'Participant', 'NPS', 'plan', 'Text', 'Pricing', 'Speed', 'Support']));
    expect(workbook.getWorksheet('Q2')?.actualRowCount).toBe(1 + 1);
    const transcripts = workbook.getWorksheet('Transcripts');
    expect(transcripts?.actualRowCount).toBe(1 + 2);
    // Written as a value with the apostrophe, never as a formula.
    const cells: unknown[] = [];
    transcripts?.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","click")');
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('--anonymize is refused for the REFI-QDA formats; unknown formats list csv and xlsx', () => {
    const refused = loupe('export', study, '--format', 'qdpx', '--out', join(dir, 'x.qdpx'), '--anonymize');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--anonymize applies to csv and xlsx only');
    const unknown = loupe('export', study, '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format must be one of qdpx, qdc, csv, xlsx');
  });
});

import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { codedUnitsTable, neutralizeFormula, sentimentCells } from '../../../src/core/report/coded-data';
import { scoreSentiment } from '../../../src/core/sentiment';
import { codedDataCsv, csvField, toCsv, UTF8_BOM } from '../../../src/core/report/export-csv';
import { codedDataSheets, codedDataXlsx, sheetName } from '../../../src/core/report/export-xlsx';
import { fixtureData, participants, units } from '../analysis/fixture';

describe('formula injection', () => {
  it('prefixes text starting with = + - @ tab or CR with an apostrophe, and leaves numbers and plain text', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'].map(neutralizeFormula)).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "'\rx"]);
    expect(neutralizeFormula(-5)).toBe(-5);
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula(' =x')).toBe(' =x');
  });
});

describe('CSV export', () => {
  it('quotes fields with quotes, commas and line breaks, and starts with a UTF-8 BOM', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(toCsv(['h'], [['é😀']])).toBe(`${UTF8_BOM}h\r\né😀\r\n`);
  });

  it('writes one row per analysed unit with attributes and a 0/1 column per tag, readable by a CSV parser', () => {
    const csv = codedDataCsv(fixtureData());
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['Unit id', 'Source', 'Source type', 'Question', 'Date', 'Participant', 'NPS', 'plan', 'Speaker', 'Start (s)', 'Text', 'Pricing', 'Pricing › Annual billing', 'Speed', 'Support', 'Sentiment score', 'Sentiment label']);
    // 9 units minus the interviewer's.
    expect(rows).toHaveLength(8);
    const row = (id: string): Record<string, string> => Object.fromEntries(header!.map((h, j) => [h, rows.find((r) => r[0] === id)?.[j] ?? '']));
    expect(row('s1:16')).toMatchObject({ Participant: 'R-0004', plan: 'Free', NPS: '3', Text: 'Slow and pricey', Pricing: '1', Speed: '1', Support: '0' });
    expect(row('s1:6')).toMatchObject({ Text: 'Pricing is confusing, call me at +44 20 7946 0958', Pricing: '1' });
    // The formula a participant typed reaches the spreadsheet as text.
    expect(row('t1:2').Text).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(rows.some((r) => r[0] === 't1:0')).toBe(false);
  });

  it('anonymizes participants and text when asked', () => {
    const csv = codedDataCsv(fixtureData(), { anonymize: true, separator: ';' });
    expect(csv).not.toMatch(/Maria|Keller|John Smith|maria\.keller@|7946 0958|R-0004/);
    expect(csv).toContain('P04');
    expect(csv).toContain('Support never answered, write to [email]');
  });

  it('exports only the chosen units', () => {
    expect(codedUnitsTable(fixtureData(), { unitIds: ['s1:1', 't1:0'] }).rows.map((r) => r[0])).toEqual(['s1:1']);
  });
});

// Hand-checked with core/sentiment's lexicon (AFINN-165 + lexicon.ts), mean of the scored words / 5:
// "Slow and pricey" (−2, −1) → −0.3; "Fast search" (+2) → +0.4; "Too expensive for what it does" (−2 × 1.3) → −0.52;
// "Support never answered…" (support is a team, not praise) → 0; the price "is fine" (+1) → +0.2.
const EXPECTED_SENTIMENT: Record<string, [number, string]> = {
  's1:1': [-0.52, 'negative'],
  's1:16': [-0.3, 'negative'],
  's1:21': [0, 'neutral'],
  's1:2': [0.4, 'positive'],
  't1:1': [0.2, 'positive'],
  't1:2': [0, 'neutral'],
};

describe('sentiment columns', () => {
  it('CSV: every row ends with the answer\'s score (2 decimals) and label, as the Responses grid shows them', () => {
    const [header = [], ...rows] = Papa.parse<string[]>(codedDataCsv(fixtureData()).slice(1), { skipEmptyLines: true }).data;
    expect(header.slice(-2)).toEqual(['Sentiment score', 'Sentiment label']);
    const byId = new Map(rows.map((r) => [r[0], r.slice(-2)]));
    for (const [id, [score, label]] of Object.entries(EXPECTED_SENTIMENT)) expect(byId.get(id)).toEqual([String(score), label]);
    // Every row: the scorer's number for the row's text.
    for (const r of rows) {
      const text = r[header.indexOf('Text')]!.replace(/^'/, '');
      const s = scoreSentiment(text);
      expect(r.slice(-2)).toEqual([String(Math.round(s.score * 100) / 100), s.label]);
    }
  });

  it('the workspace\'s stored scores are used when it has them (the app), rounded; the label uses the grid\'s threshold', () => {
    const data = { ...fixtureData(), sentiment: new Map([['s1:2', 0.0549], ['s1:16', -0.05], ['s1:1', -0.2567]]) };
    const rows = codedUnitsTable(data).rows;
    const tail = (id: string): unknown[] => rows.find((r) => r[0] === id)!.slice(-2);
    expect(tail('s1:2')).toEqual([0.05, 'positive']); // shown as +0.05 positive in Responses too
    expect(tail('s1:16')).toEqual([-0.05, 'neutral']);
    expect(tail('s1:1')).toEqual([-0.26, 'negative']);
    // A unit without a stored score is scored from its text.
    expect(tail('s1:21')).toEqual([0, 'neutral']);
    expect(sentimentCells(-0.004)).toEqual([0, 'neutral']);
    expect(Object.is(sentimentCells(-0.004)[0], -0)).toBe(false);
  });

  it('anonymized: scored from the original text, so redacting a name does not change the sentiment', () => {
    // A participant whose name is a feeling ("joy" is +3): the redacted text alone would score lower.
    const text = 'Joy Smith says the price is fine';
    const data = fixtureData({
      participants: participants.map((p) => (p.id === 'p2' ? { ...p, name: 'Joy Smith' } : p)),
      units: units.map((u) => (u.id === 't1:1' ? { ...u, text } : u)),
    });
    const table = codedUnitsTable(data, { anonymize: true });
    const row = table.rows.find((r) => r[0] === 't1:1')!;
    expect(row[table.headers.indexOf('Text')]).toBe('P02 says the price is fine');
    expect(scoreSentiment('P02 says the price is fine').score).toBe(0.2);
    expect(row.slice(-2)).toEqual([0.4, 'positive']);
    expect(scoreSentiment(text).score).toBe(0.4);
  });

  it('XLSX: each question sheet and the transcripts sheet end with the sentiment columns, the score as a number', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await codedDataXlsx(fixtureData(), { now: '2024-05-01T00:00:00.000Z' })) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const seen = new Map<string, unknown[]>();
    for (const name of ['Q1', 'Q2', 'Transcripts']) {
      const ws = wb.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(-2)).toEqual(['Sentiment score', 'Sentiment label']);
      ws.eachRow((row, n) => {
        if (n > 1) seen.set(String(row.getCell(1).value), [row.getCell(header.length - 1).value, row.getCell(header.length).value]);
      });
    }
    for (const [id, cells] of Object.entries(EXPECTED_SENTIMENT)) expect(seen.get(id)).toEqual(cells);
    expect(wb.getWorksheet('Codebook')!.getRow(1).values).not.toContain('Sentiment score');
  });
});

describe('XLSX export', () => {
  it('names sheets the way Excel allows', () => {
    const taken = new Set<string>();
    expect(sheetName('What is your [main] job? / role', taken)).toBe('What is your main job role');
    expect(sheetName('What is your main job role', taken)).toBe('What is your main job role (2)');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('   ', taken)).toBe('Sheet');
  });

  it('has one sheet per answered survey question, one for transcripts and the codebook', () => {
    const sheets = codedDataSheets(fixtureData());
    expect(sheets.map((s) => s.name)).toEqual(['Q1', 'Q2', 'Transcripts', 'Codebook']);
    expect(sheets[0]?.table.rows.map((r) => r[0])).toEqual(['s1:1', 's1:6', 's1:11', 's1:16', 's1:21']);
    expect(sheets[2]?.table.headers.slice(0, 7)).toEqual(['Unit id', 'Source', 'Source type', 'Date', 'Participant', 'plan', 'Speaker']);
  });

  it('writes a workbook Excel can open, with values (not formulas) and neutralized formula text', async () => {
    const data = fixtureData({ units: units.map((u) => (u.id === 's1:1' ? { ...u, text: '=cmd|"/c calc"!A1' } : u)) });
    const bytes = await codedDataXlsx(data, { now: '2024-05-01T00:00:00.000Z' });
    expect(bytes[0]).toBe(0x50); // "PK": a zip
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Q1', 'Q2', 'Transcripts', 'Codebook']);
    const q1 = wb.getWorksheet('Q1')!;
    expect(q1.getRow(1).values).toEqual([undefined, 'Unit id', 'Participant', 'NPS', 'plan', 'Text', 'Pricing', 'Pricing › Annual billing', 'Speed', 'Support', 'Sentiment score', 'Sentiment label']);
    const first = q1.getRow(2);
    expect(first.getCell(5).value).toBe('\'=cmd|"/c calc"!A1');
    expect(first.getCell(5).formula).toBeUndefined();
    expect(first.getCell(3).value).toBe(10);
    expect(first.getCell(6).value).toBe(1);
    const transcripts = wb.getWorksheet('Transcripts')!;
    expect(transcripts.rowCount).toBe(3);
  });
});

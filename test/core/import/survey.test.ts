import { describe, expect, it } from 'vitest';
import {
  createSurveyBuilder,
  createTableReader,
  findExistingSurvey,
  ImportError,
  importFile,
  importSurveyText,
  isSameSurvey,
  previewRows,
  readTable,
  type SurveyImportResult,
} from '../../../src/core/import';
import { fixture, fixtureText } from './helpers';

function survey(name: string): SurveyImportResult {
  return importSurveyText(fixtureText(name), { fileName: name, now: '2024-01-01T00:00:00.000Z' });
}

function roleOf(result: SurveyImportResult, label: string): string | undefined {
  return result.roles.find((r) => r.label === label)?.type;
}

describe('vendor layouts', () => {
  it('Qualtrics (German question text): 3 header rows, multi-choice Q2, NPS, open text, PII ignored', () => {
    const r = survey('qualtrics.csv');
    expect(r.layout.vendor).toBe('qualtrics');
    expect(r.layout.headerRowCount).toBe(3);
    expect(r.layout.explanation).toBe('Qualtrics export: 3 header rows (tags, question text, ImportId JSON)');
    expect(roleOf(r, 'ResponseId')).toBe('id');
    expect(roleOf(r, 'IPAddress')).toBe('ignored');
    expect(roleOf(r, 'RecipientEmail')).toBe('ignored');
    expect(roleOf(r, 'LocationLatitude')).toBe('ignored');
    expect(roleOf(r, 'RecordedDate')).toBe('date');
    expect(roleOf(r, 'plan')).toBe('attribute');
    expect(roleOf(r, 'Q1')).toBe('nps');
    expect(roleOf(r, 'Q3')).toBe('rating');
    expect(roleOf(r, 'Q4_TEXT')).toBe('open');
    expect(roleOf(r, 'Q2_4_TEXT')).toBe('open');
    const q2 = r.roles.find((x) => x.label === 'Q2');
    expect(q2).toMatchObject({ type: 'multi', text: 'Welche Funktionen nutzen Sie?', options: ['Berichte', 'Export', 'Andere'] });

    expect(r.participants.map((p) => p.externalId)).toEqual(['R_aaa111', 'R_bbb222', 'R_ccc333', 'R_ddd444', 'R_eee555']);
    const ben = r.participants[1]!;
    expect(ben.attributes).toMatchObject({ plan: 'Free', Q1: 3, Q2: 'Export; Andere', Q3: 2 });
    expect(ben.attributes).not.toHaveProperty('IPAddress');
    expect(r.participants[4]!.attributes['Q1']).toBe(0);

    const texts = r.units.map((u) => [u.row, u.text]);
    expect(texts).toEqual([
      [1, 'Die Suche ist langsam, besonders bei großen Projekten.'],
      [2, 'Slack-Integration'],
      [2, 'Mehr Vorlagen.\nUnd eine dunkle Ansicht.'],
      [4, 'Preise sind zu hoch für kleine Teams.'],
      [5, 'Export nach Excel "kaputt" seit dem Update'],
    ]);
    expect(r.units[2]!.participantId).toBe(ben.id);
    expect(r.report).toMatchObject({ rowsRead: 5, participants: 5, units: 5, rowsNotImported: [] });
  });

  it('legacy Qualtrics: V1… tags and ResponseID in row 2', () => {
    const r = survey('qualtrics-legacy.csv');
    expect(r.layout.vendor).toBe('qualtrics-legacy');
    expect(r.layout.headerRowCount).toBe(2);
    expect(r.participants.map((p) => p.externalId)).toEqual(['R_1x', 'R_2y', 'R_3z']);
    expect(r.units.map((u) => u.text)).toEqual(['The onboarding emails arrive too often.', 'Nothing really - it works for me.']);
    expect(r.questions.find((q) => q.label === 'Q2')?.text).toBe('What would you change?');
    expect(r.participants[0]!.attributes['Q1']).toBe(4);
  });

  it('SurveyMonkey: a multi-choice span stays ONE question; its "Other" column is open text', () => {
    const r = survey('surveymonkey.csv');
    expect(r.layout.vendor).toBe('surveymonkey');
    expect(r.layout.headerRowCount).toBe(2);
    const tools = r.roles.filter((x) => x.text.startsWith('Which tools do you use?'));
    expect(tools.map((t) => t.type)).toEqual(['multi', 'open']);
    expect(tools[0]!.columns).toEqual([9, 10, 11]);
    expect(roleOf(r, 'How likely are you to recommend us to a friend?')).toBe('nps');
    expect(roleOf(r, 'Respondent ID')).toBe('id');
    expect(roleOf(r, 'IP Address')).toBe('ignored');
    expect(r.participants[1]!.attributes).toMatchObject({ 'Which tools do you use?': 'Jira; Notion', 'How likely are you to recommend us to a friend?': 7, 'Company size': '11-50' });
    expect(r.units.map((u) => u.text)).toEqual([
      'Nothing, honestly it is great.',
      'Linear',
      'The calendar sync breaks every few days, we lose meetings.',
      'Pricing page is confusing.',
    ]);
  });

  it('Typeform: # token is the respondent id, joined multi-select, open answers', () => {
    const r = survey('typeform.csv');
    expect(r.layout.vendor).toBe('typeform');
    expect(roleOf(r, '#')).toBe('id');
    expect(roleOf(r, 'Submit Date (UTC)')).toBe('date');
    expect(roleOf(r, 'Network ID')).toBe('ignored');
    expect(roleOf(r, 'Which features matter?')).toBe('multi');
    expect(r.participants.map((p) => p.externalId)).toEqual(['a1b2c3', 'd4e5f6', 'g7h8i9']);
    expect(r.units.map((u) => u.text)).toEqual(['Too many tabs open, I lose track of decisions.', 'Waiting on approvals from three different people.']);
  });

  it('Google Forms: grid rows are separate ratings, checkbox answers stay joined, email ignored', () => {
    const r = survey('googleforms.csv');
    expect(r.layout.vendor).toBe('googleforms');
    expect(roleOf(r, 'Timestamp')).toBe('date');
    expect(roleOf(r, 'Email Address')).toBe('ignored');
    expect(roleOf(r, 'Rate the features [Search]')).toBe('rating');
    expect(roleOf(r, 'Which platforms do you use?')).toBe('multi');
    expect(roleOf(r, 'Anything else you want to tell us?')).toBe('open');
    expect(r.participants[2]!.attributes).toMatchObject({ 'Which platforms do you use?': 'Mac, Windows, Web', 'Rate the features [Export]': 3 });
    expect(r.participants[0]!.externalId).toBeUndefined();
    expect(r.units.map((u) => u.row)).toEqual([1, 3]);
  });

  it('generic semicolon file: renames empty and duplicate headers with a warning', () => {
    const r = survey('generic-semicolon.csv');
    expect(r.layout.vendor).toBe('generic');
    expect(r.delimiter).toBe(';');
    expect(r.layout.columns.map((c) => c.key)).toEqual(['id', 'Segment', 'Score', 'Feedback', 'Column 5', 'Feedback (2)']);
    expect(r.report.warnings.map((w) => w.message)).toEqual([
      'Column 5 has no header; it is called "Column 5".',
      'Header "Feedback" appears more than once; column 6 is called "Feedback (2)".',
    ]);
    expect(r.participants.map((p) => p.externalId)).toEqual(['u1', 'u2', 'u3']);
    expect(r.participants[0]!.attributes['Segment']).toBe('SMB');
    expect(r.units.map((u) => u.text)).toContain('Support answered within minutes, great');
  });
});

describe('bad input', () => {
  it('ragged rows: short ones padded, extra cells named, blank rows listed — nothing silently dropped', () => {
    const r = survey('ragged.csv');
    expect(r.report.warnings).toEqual([
      { row: 3, line: 3, message: 'Row 3 has 2 cells but the header has 3; the missing cells were read as empty.' },
      {
        row: 4,
        line: 4,
        message: 'Row 4 has 5 cells but the header has 3; the extra cells "extra", "cells" were not imported (an unquoted delimiter inside an answer?).',
      },
    ]);
    expect(r.report.rowsNotImported).toEqual([{ row: 5, reason: 'blank row' }]);
    expect(r.participants.map((p) => p.externalId)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(r.report.rowsRead).toBe(5);
  });

  it('unterminated quote: error names the row and line', () => {
    let error: unknown;
    try {
      survey('unterminated.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const e = error as ImportError;
    expect(e.code).toBe('unterminated-quote');
    expect(e.row).toBe(3);
    expect(e.message).toMatch(/^Row 3 opens a quoted cell \("this never closes/);
  });

  it('reports the line as well when earlier cells contain line breaks', () => {
    expect(() => readTable('id,c\n1,"a\nb\nc"\n2,"open\n')).toThrow(/^Row 3 \(line 5\) opens a quoted cell/);
  });

  it('empty file and header-only file get clear errors', async () => {
    await expect(importFile('empty.csv', fixture('empty.csv'))).rejects.toThrow('"empty.csv" is empty (0 bytes).');
    await expect(importFile('header-only.csv', fixture('header-only.csv'))).rejects.toThrow('"header-only.csv" has a header row but no responses.');
    expect(() => importSurveyText('\n\n', { fileName: 'blank.csv' })).toThrow(/is empty/);
  });

  it('a binary file named .csv is refused with a message, not turned into rows', async () => {
    await expect(importFile('data.csv', fixture('binary.csv'))).rejects.toThrow(/does not look like text/);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    await expect(importFile('report.csv', zip)).rejects.toThrow(/zip archive/);
  });

  it('mixed line endings (CRLF header, LF rows) still give one row per line', () => {
    const { rows } = readTable('id,comment\r\nr1,one\nr2,two\rr3,three\n');
    expect(rows.map((r) => r.cells)).toEqual([['id', 'comment'], ['r1', 'one'], ['r2', 'two'], ['r3', 'three']]);
  });

  it('reads a 10 MB quoted cell, fed in 64 KB chunks', () => {
    const big = 'word, "quoted"\n'.repeat(700_000).slice(0, 10_000_000);
    const csv = `id,comment\nr1,"${big.replace(/"/g, '""')}"\nr2,short\n`;
    const reader = createTableReader();
    const rows = [];
    for (let i = 0; i < csv.length; i += 65_536) rows.push(...reader.push(csv.slice(i, i + 65_536)));
    rows.push(...reader.end());
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[1]!.cells[1]).toBe(big);
    expect(rows[2]).toMatchObject({ row: 3, line: 2 + big.split('\n').length, cells: ['r2', 'short'] });
  });

  it('chunked reading gives the same rows as whole-text reading, whatever the chunk size', () => {
    const text = fixtureText('qualtrics.csv');
    const whole = readTable(text).rows;
    for (const size of [1, 7, 100]) {
      const reader = createTableReader();
      const rows = [];
      for (let i = 0; i < text.length; i += size) rows.push(...reader.push(text.slice(i, i + size)));
      rows.push(...reader.end());
      expect(rows).toEqual(whole);
    }
  });
});

describe('records', () => {
  it('every column is a question whose order is its slot; ids follow "<sourceId>:<seq>" and "<sourceId>:p<index>"', () => {
    const r = importSurveyText(fixtureText('qualtrics.csv'), { fileName: 'q.csv', sourceId: 'src' });
    expect(r.questions.map((q) => [q.order, q.label, q.type])).toEqual(r.roles.map((role, i) => [i, role.label, role.type]));
    expect(r.questions.filter((q) => q.type === 'ignored').map((q) => q.label)).toContain('IPAddress');
    expect(r.source).toMatchObject({ seqStride: r.roles.length, respondentCount: 5 });
    expect(r.participants.map((p) => p.id)).toEqual(['src:p0', 'src:p1', 'src:p2', 'src:p3', 'src:p4']);
    const order = new Map(r.questions.map((q) => [q.id, q.order]));
    for (const u of r.units) {
      const index = Number(u.participantId!.slice('src:p'.length));
      expect(u.seq).toBe(index * r.roles.length + order.get(u.questionId!)!);
      expect(u.id).toBe(`src:${u.seq}`);
    }
  });

  it('a respondent row with nothing to import takes no index', () => {
    const r = importSurveyText('id,comment,plan\nr1,good,Pro\n,,\nr3,,\nr4,bad,Free\n', { fileName: 'x.csv', sourceId: 's' });
    expect(r.participants.map((p) => [p.id, p.externalId])).toEqual([['s:p0', 'r1'], ['s:p1', 'r4']]);
    expect(r.source.respondentCount).toBe(2);
  });

  it('--vendor style override forces the layout', () => {
    const r = importSurveyText(fixtureText('typeform.csv'), { fileName: 't.csv', vendor: 'generic' });
    expect(r.layout.vendor).toBe('generic');
    expect(r.layout.explanation).toBe('Spreadsheet with 1 header row (no survey tool recognised); chosen by the user');
    expect(r.source.vendor).toBe('generic');
    const q = importSurveyText(fixtureText('qualtrics-legacy.csv'), { fileName: 'l.csv', vendor: 'qualtrics' });
    expect(q.layout.vendor).toBe('qualtrics-legacy');
  });
});

describe('roles are editable', () => {
  it('the builder uses the edited roles', () => {
    const r = importSurveyText(fixtureText('typeform.csv'), {
      fileName: 'typeform.csv',
      editRoles: (roles) => roles.map((x) => (x.label === 'What do you do?' ? { ...x, type: 'open' } : x)),
    });
    expect(r.units.map((u) => u.text)).toContain('Designer');
    expect(r.participants[0]!.attributes).not.toHaveProperty('What do you do?');
  });
});

describe('re-import', () => {
  it('the same file again is reported as a duplicate of the existing source', async () => {
    const first = await importFile('qualtrics.csv', fixture('qualtrics.csv'));
    if (first.kind !== 'survey') throw new Error(first.kind);
    expect(first.source.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await importFile('qualtrics copy.csv', fixture('qualtrics.csv'), { existingSources: [first.source] });
    expect(again.kind).toBe('duplicate');
    if (again.kind === 'duplicate') expect(again.duplicateOf.id).toBe(first.source.id);
  });

  it('a newer export of the same survey imports only the new respondents, continuing their indexes', () => {
    const text = fixtureText('qualtrics.csv');
    const lines = text.split('\n');
    const older = lines.slice(0, 6).join('\n') + '\n'; // header + first 2 respondents (R_bbb222 spans 2 lines)
    const first = importSurveyText(older, { fileName: 'march.csv' });
    expect(first.participants.map((p) => p.externalId)).toEqual(['R_aaa111', 'R_bbb222']);
    const stride = first.roles.length;
    expect(first.source).toMatchObject({ seqStride: stride, respondentCount: 2 });

    const preview = previewRows(readTable(text).rows.slice(0, 20));
    expect(isSameSurvey({ vendor: first.source.vendor, questions: first.questions }, { vendor: preview.layout.vendor, roles: preview.roles })).toBe(true);

    const tables = { sources: [first.source], questions: first.questions, participants: first.participants };
    const second = importSurveyText(text, { fileName: 'april.csv', contentHash: 'april', appendTo: (p) => findExistingSurvey(tables, p) });
    expect(second.appendedTo?.id).toBe(first.source.id);
    expect(second.source).toMatchObject({ id: first.source.id, createdAt: first.source.createdAt, fileName: 'march.csv', contentHash: 'april', seqStride: stride, respondentCount: 5 });
    expect(second.participants.map((p) => [p.id, p.externalId])).toEqual([
      [`${first.source.id}:p2`, 'R_ccc333'],
      [`${first.source.id}:p3`, 'R_ddd444'],
      [`${first.source.id}:p4`, 'R_eee555'],
    ]);
    expect(second.questions).toEqual([]);
    const q4 = first.questions.find((q) => q.label === 'Q4_TEXT')!;
    expect(second.units.map((u) => [u.id, u.questionId])).toEqual([
      [`${first.source.id}:${3 * stride + q4.order}`, q4.id],
      [`${first.source.id}:${4 * stride + q4.order}`, q4.id],
    ]);
    expect(second.report.alreadyImported).toBe(2);
    expect(second.report.rowsNotImported).toEqual([
      { row: 4, reason: 'respondent R_aaa111 was imported before' },
      { row: 5, reason: 'respondent R_bbb222 was imported before' },
    ]);
  });

  it('appending keeps the types the workspace gave the columns, and refuses a column the source has no slot for', () => {
    const first = survey('typeform.csv');
    const role = first.questions.find((q) => q.label === 'What do you do?')!;
    expect(role.type).not.toBe('open');
    const questions = first.questions.map((q) => (q.id === role.id ? { ...q, type: 'open' as const } : q));
    const target = { source: { ...first.source, respondentCount: 0 }, questions, participantsByExternalId: new Map<string, { id: string }>() };
    const again = importSurveyText(fixtureText('typeform.csv'), { fileName: 'typeform.csv', appendTo: target });
    expect(again.roles.find((r) => r.label === 'What do you do?')?.type).toBe('open');
    expect(again.units.find((u) => u.text === 'Designer')?.id).toBe(`${first.source.id}:${role.order}`);

    const last = questions[questions.length - 1]!;
    const fewer = { ...target, questions: questions.slice(0, -1), source: { ...target.source, seqStride: questions.length - 1 } };
    expect(() => importSurveyText(fixtureText('typeform.csv'), { fileName: 'new.csv', appendTo: fewer })).toThrow(
      `"new.csv" has a column "${last.label}" that the survey it is appended to does not have; import it as a separate source.`,
    );
  });

  it('findExistingSurvey needs the same columns, a respondent id column and an appendable source', () => {
    const a = survey('qualtrics.csv');
    const tables = { sources: [a.source], questions: a.questions, participants: a.participants };
    const same = previewRows(readTable(fixtureText('qualtrics.csv')).rows);
    expect(findExistingSurvey(tables, same)?.participantsByExternalId.get('R_bbb222')).toEqual({ id: `${a.source.id}:p1` });
    const { seqStride: _s, ...old } = a.source;
    expect(findExistingSurvey({ ...tables, sources: [old] }, same)).toBeUndefined();
    const g = survey('googleforms.csv');
    const gp = previewRows(readTable(fixtureText('googleforms.csv')).rows);
    expect(findExistingSurvey({ sources: [g.source], questions: g.questions, participants: g.participants }, gp)).toBeUndefined();
  });

  it('a different survey is not the same question set', () => {
    const a = survey('typeform.csv');
    const b = previewRows(readTable(fixtureText('googleforms.csv')).rows);
    expect(isSameSurvey({ vendor: a.source.vendor, questions: a.questions }, { vendor: b.layout.vendor, roles: b.roles })).toBe(false);
  });
});

describe('chunked builder', () => {
  it('gives the same records chunk by chunk as in one call', () => {
    const text = fixtureText('surveymonkey.csv');
    const { rows } = readTable(text);
    const { layout, roles } = previewRows(rows);
    const builder = createSurveyBuilder(layout, roles, { sourceId: 's1', fileName: 'sm.csv', vendor: layout.vendor, encoding: 'utf-8', contentHash: 'h' });
    const units = [];
    for (const row of rows) units.push(...builder.addRows([row]).units);
    const report = builder.finish();
    // 14 columns roles = 14 question slots: seq = respondent index * 14 + the question's order.
    expect(builder.source).toMatchObject({ seqStride: 14, respondentCount: 3 });
    expect(units.map((u) => [u.id, u.row, u.seq, u.participantId, u.text])).toEqual([
      ['s1:12', 1, 12, 's1:p0', 'Nothing, honestly it is great.'],
      ['s1:24', 2, 24, 's1:p1', 'Linear'],
      ['s1:26', 2, 26, 's1:p1', 'The calendar sync breaks every few days, we lose meetings.'],
      ['s1:40', 3, 40, 's1:p2', 'Pricing page is confusing.'],
    ]);
    expect(report).toMatchObject({ rowsRead: 3, participants: 3, units: 4 });
  });
});

describe('bench generator', () => {
  it('produces a deterministic CSV that imports as 5 open questions per respondent', async () => {
    const { generateSurveyCsv } = await import('../../../bench/gen-survey');
    const csv = generateSurveyCsv({ respondents: 200 });
    expect(generateSurveyCsv({ respondents: 200 })).toBe(csv);
    const r = importSurveyText(csv, { fileName: 'bench.csv' });
    expect(r.participants).toHaveLength(200);
    expect(r.roles.filter((x) => x.type === 'open').map((x) => x.label)).toEqual([
      'Q1 What do you like?', 'Q2 What frustrates you?', 'Q3 What is missing?', 'Q4 How do you use it?', 'Q5 Anything else?',
    ]);
    expect(r.roles.find((x) => x.label === 'How likely are you to recommend us?')?.type).toBe('nps');
    expect(r.units.some((u) => u.text.includes('\n') && u.text.includes('"smart"'))).toBe(true);
    expect(r.report.rowsNotImported).toEqual([]);
  });
});

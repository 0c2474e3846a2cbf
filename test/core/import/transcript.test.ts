import { strToU8, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile, parseTranscript } from '../../../src/core/import';
import { fixture, fixtureText } from './helpers';

function turns(name: string): [string | undefined, number | undefined, string][] {
  return parseTranscript(fixtureText(name), name).units.map((u) => [u.speaker, u.startSec, u.text]);
}

describe('transcripts', () => {
  it('WebVTT with Teams voice tags: multi-line cues joined, same-speaker cues merged, first start kept', () => {
    const t = parseTranscript(fixtureText('teams.vtt'), 'teams.vtt');
    expect(t).toMatchObject({ kind: 'transcript', vendor: 'vtt' });
    expect(turns('teams.vtt')).toEqual([
      ['Interviewer (Sam)', 1, 'Thanks for joining. Can you walk me through your last project?'],
      ['Maria Lopez', 4.5, 'Sure. We started in January. The hardest part was getting everyone aligned.'],
      ['Interviewer (Sam)', 62, 'What did you try?'],
    ]);
    expect(t.speakers).toEqual([
      { name: 'Interviewer (Sam)', isInterviewerGuess: true },
      { name: 'Maria Lopez', isInterviewerGuess: false },
    ]);
  });

  it('WebVTT without header, Zoom "Name: text" cues', () => {
    const t = parseTranscript(fixtureText('zoom-noheader.vtt'), 'meeting.vtt');
    expect(t.vendor).toBe('vtt');
    expect(turns('zoom-noheader.vtt')).toEqual([
      ['Jordan Lee', 0.5, 'Okay, recording started.'],
      ['Priya Shah', 3.2, 'Hi! Happy to help. I mostly use the mobile app.'],
    ]);
  });

  it('SRT with INT/P1 speakers', () => {
    const t = parseTranscript(fixtureText('interview.srt'), 'interview.srt');
    expect(t.vendor).toBe('srt');
    expect(turns('interview.srt')).toEqual([
      ['INT', 1, 'How do you share findings?'],
      ['P1', 4, 'Mostly in Slack threads, sometimes a slide deck. Nobody reads the decks.'],
    ]);
    expect(t.speakers.find((s) => s.name === 'INT')?.isInterviewerGuess).toBe(true);
  });

  it('plain "[00:01:23] Speaker: text" transcript, continuation lines kept with their speaker', () => {
    const t = parseTranscript(fixtureText('plain-transcript.txt'), 'call.txt');
    expect(t).toMatchObject({ kind: 'transcript', vendor: 'plain' });
    expect(turns('plain-transcript.txt')).toEqual([
      ['Interviewer', 5, 'What made you sign up?'],
      ['Alex', 9, 'A colleague recommended it.\nWe were drowning in spreadsheets.'],
      ['Interviewer', 83, 'And now?'],
      ['Alex', 90, 'Much calmer, honestly.'],
    ]);
  });

  it('Otter "Speaker  0:01" blocks, footer dropped', () => {
    const t = parseTranscript(fixtureText('otter.txt'), 'otter.txt');
    expect(t.vendor).toBe('otter');
    expect(turns('otter.txt')).toEqual([
      ['Moderator', 2, 'Welcome, and thanks for your time today.'],
      ['Chris Young', 8, 'Thanks for having me. I run a team of five designers.'],
      ['Moderator', 75, 'What tools do you use?'],
      ['Chris Young', 80, 'Figma mostly, and a lot of sticky notes.'],
    ]);
    expect(t.speakers.map((s) => s.isInterviewerGuess)).toEqual([true, false]);
  });

  it('Q:/A: transcripts: Q is the interviewer', () => {
    const t = parseTranscript('Q: Why?\nA: Because.\nQ: And then?\nA: Nothing.\n', 'qa.txt');
    expect(t.speakers).toEqual([
      { name: 'Q', isInterviewerGuess: true },
      { name: 'A', isInterviewerGuess: false },
    ]);
  });
});

describe('notes', () => {
  it('Markdown: paragraphs and list items are units, headings are their structure', () => {
    const t = parseTranscript(fixtureText('notes.md'), 'notes.md');
    expect(t).toMatchObject({ kind: 'notes', vendor: 'markdown', speakers: [] });
    expect(t.units.map((u) => [u.heading, u.text])).toEqual([
      ['Interview 3 — Dana (ops lead) › Context', 'Dana manages a warehouse team of 12.'],
      ['Interview 3 — Dana (ops lead) › Pain points', 'Shift handover happens on paper.'],
      ['Interview 3 — Dana (ops lead) › Pain points', 'Nobody trusts the inventory numbers.'],
      ['Interview 3 — Dana (ops lead) › Pain points', 'Summary: she would pay for a tablet app.'],
      ['Interview 3 — Dana (ops lead) › Quotes', '> "I spend my mornings reconciling counts."'],
    ]);
  });

  it('.txt notes: paragraphs, a stray "Follow-up:" line does not make it a transcript', () => {
    const t = parseTranscript(fixtureText('notes.txt'), 'visit.txt');
    expect(t).toMatchObject({ kind: 'notes', vendor: 'txt' });
    expect(t.units.map((u) => u.text)).toEqual([
      'Visit to the Lyon office, 12 March.',
      'They print every report and annotate by hand.\nPrinting costs came up twice.',
      'Follow-up: send the export prototype.',
    ]);
  });
});

/** The smallest .docx Word and mammoth accept: content types, package rels, document.xml. */
function tinyDocx(paragraphs: { style?: string; text: string }[]): Uint8Array {
  const body = paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${p.text}</w:t></w:r></w:p>`)
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

describe('importFile dispatch', () => {
  it('.docx transcript → speakers become participants, the interviewer flagged', async () => {
    const bytes = tinyDocx([
      { text: 'Interviewer: How did onboarding go?' },
      { text: 'Robin: Slow. The invite email went to spam &amp; nobody noticed.' },
      { text: 'Interviewer: What would have helped?' },
      { text: 'Robin: A checklist.' },
    ]);
    const r = await importFile('robin.docx', bytes);
    if (r.kind !== 'transcript') throw new Error(r.kind);
    expect(r.source).toMatchObject({ kind: 'transcript', vendor: 'docx', fileName: 'robin.docx', title: 'robin' });
    expect(r.units.map((u) => [u.speaker, u.text])).toEqual([
      ['Interviewer', 'How did onboarding go?'],
      ['Robin', 'Slow. The invite email went to spam & nobody noticed.'],
      ['Interviewer', 'What would have helped?'],
      ['Robin', 'A checklist.'],
    ]);
    const roles = Object.fromEntries(r.participants.map((p) => [p.name, p.role]));
    expect(roles).toEqual({ Interviewer: 'interviewer', Robin: 'participant' });
    expect(r.units[1]!.participantId).toBe(r.participants.find((p) => p.name === 'Robin')!.id);
  });

  it('.docx notes keep Word headings as structure', async () => {
    const r = await importFile('notes.docx', tinyDocx([{ style: 'Heading1', text: 'Findings' }, { text: 'Exports are slow.' }, { text: 'Search is good.' }]));
    if (r.kind !== 'notes') throw new Error(r.kind);
    expect(r.parsed.units.map((u) => [u.heading, u.text])).toEqual([
      ['Findings', 'Exports are slow.'],
      ['Findings', 'Search is good.'],
    ]);
    expect(r.units.map((u) => [u.section, u.text])).toEqual([
      ['Findings', 'Exports are slow.'],
      ['Findings', 'Search is good.'],
    ]);
  });

  it('Markdown notes: units carry their heading path as section, ids are "<sourceId>:<seq>"', async () => {
    const r = await importFile('notes.md', fixture('notes.md'), { sourceId: 'n1' });
    if (r.kind !== 'notes') throw new Error(r.kind);
    expect(r.units.map((u) => [u.id, u.seq, u.section])).toEqual([
      ['n1:0', 0, 'Interview 3 — Dana (ops lead) › Context'],
      ['n1:1', 1, 'Interview 3 — Dana (ops lead) › Pain points'],
      ['n1:2', 2, 'Interview 3 — Dana (ops lead) › Pain points'],
      ['n1:3', 3, 'Interview 3 — Dana (ops lead) › Pain points'],
      ['n1:4', 4, 'Interview 3 — Dana (ops lead) › Quotes'],
    ]);
  });

  it('transcript units are "<sourceId>:<seq>" without a section; speakers keep random ids', async () => {
    const r = await importFile('teams.vtt', fixture('teams.vtt'), { sourceId: 't1' });
    if (r.kind !== 'transcript') throw new Error(r.kind);
    expect(r.units.map((u) => u.id)).toEqual(['t1:0', 't1:1', 't1:2']);
    expect(r.units.every((u) => u.section === undefined)).toBe(true);
    for (const p of r.participants) expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a broken .docx gets a message the user can act on', async () => {
    await expect(importFile('broken.docx', new Uint8Array([1, 2, 3]))).rejects.toThrow(/could not be read as a Word document/);
  });

  it('.xlsx: lists sheets and reads the chosen one through the same survey pipeline, rows = Excel rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['not this one']);
    const ws = wb.addWorksheet('Responses');
    ws.addRow(['Respondent ID', 'Plan', 'What should we improve?', 'Submitted']);
    ws.addRow(['p-1', 'Pro', 'Faster sync between devices', new Date(Date.UTC(2024, 2, 1))]);
    ws.addRow([]);
    ws.addRow(['p-2', 'Free', { richText: [{ text: 'Cheaper ' }, { text: 'plans', font: { bold: true } }] }, new Date(Date.UTC(2024, 2, 2))]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importFile('export.xlsx', bytes, { sheet: 'Responses' });
    if (r.kind !== 'survey') throw new Error(r.kind);
    expect(r.sheets?.map((s) => s.name)).toEqual(['Notes', 'Responses']);
    expect(r.units.map((u) => u.text)).toEqual(['Faster sync between devices', 'Cheaper plans']);
    expect(r.participants.map((p) => [p.externalId, p.attributes['Submitted']])).toEqual([
      ['p-1', '2024-03-01'],
      ['p-2', '2024-03-02'],
    ]);
    expect(r.report.rowsNotImported).toEqual([{ row: 3, reason: 'blank row' }]);
    await expect(importFile('export.xlsx', bytes, { sheet: 'Missing' })).rejects.toThrow('The workbook has no sheet "Missing" (sheets: "Notes", "Responses").');
  });

  it('.xlsx: each sheet of a workbook can be imported once; re-importing a sheet is the duplicate', async () => {
    const wb = new ExcelJS.Workbook();
    for (const [name, answer] of [['Wave 1', 'Slow exports'], ['Wave 2', 'Pricey seats']] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['Respondent ID', 'What should we improve?']);
      ws.addRow([`${name}-1`, answer]);
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const first = await importFile('waves.xlsx', bytes);
    if (first.kind !== 'survey') throw new Error(first.kind);
    const existing = [{ id: 'src-1', contentHash: first.contentHash }];
    const second = await importFile('waves.xlsx', bytes, { sheet: 'Wave 2', existingSources: existing });
    if (second.kind !== 'survey') throw new Error(second.kind);
    expect(second.units.map((u) => u.text)).toEqual(['Pricey seats']);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(await importFile('waves.xlsx', bytes, { sheet: 'Wave 1', existingSources: existing })).toMatchObject({ kind: 'duplicate', duplicateOf: { id: 'src-1' } });
    // A source imported before hashes named the sheet (the bare file hash) was the first sheet.
    const legacy = [{ id: 'old', contentHash: first.contentHash.split('#')[0]! }];
    expect((await importFile('waves.xlsx', bytes, { existingSources: legacy })).kind).toBe('duplicate');
    expect((await importFile('waves.xlsx', bytes, { sheet: 'Wave 2', existingSources: legacy })).kind).toBe('survey');
  });

  it('.vtt / .md / .srt go to the transcript parser, .csv to the survey pipeline', async () => {
    expect((await importFile('teams.vtt', fixture('teams.vtt'))).kind).toBe('transcript');
    expect((await importFile('notes.md', fixture('notes.md'))).kind).toBe('notes');
    expect((await importFile('typeform.csv', fixture('typeform.csv'))).kind).toBe('survey');
    await expect(importFile('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).rejects.toThrow();
  });
});

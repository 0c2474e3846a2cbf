// The import pipeline end to end over fake-indexeddb, in-process (same code as the worker): what lands in
// the workspace, and that cancel, a parse failure or a crash leave it exactly as it was.
import Dexie from 'dexie';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateSurveyCsv } from '../../bench/gen-survey';
import { importSurveyText } from '../../src/core/import';
import type { Unit } from '../../src/core/model';
import { decodeUnitBlock, encodeUnitBlock, newSourceMeta } from '../../src/renderer/src/db/blocks';
import { closeAll, workspaceDb } from '../../src/renderer/src/db/connections';
import { allTables } from '../../src/renderer/src/db/schema';
import {
  countAnswers,
  exportSnapshot,
  getParticipants,
  getUnits,
  importSnapshot,
  listAnswers,
  listQuestions,
  listSourceUnits,
  listSources,
  sourceStats,
} from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, getWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import type { ImportOutcome, ImportProgress } from '../../src/renderer/src/workers/import-protocol';
import { resetDatabases } from './reset';
import { putUnitBlocks } from './put-unit-blocks';

beforeEach(resetDatabases);

const SMALL = { parseChunkChars: 16 * 1024, unitsPerStage: 256, progressMs: 0 };

function csvFile(text: string, name = 'survey.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

async function allUnits(workspaceId: string, sourceId: string): Promise<Unit[]> {
  const out: Unit[] = [];
  for (let after: number | null | undefined = undefined; after !== null; ) {
    const page = await listSourceUnits(workspaceId, sourceId, { limit: 500, ...(after === undefined ? {} : { after }) });
    out.push(...page.items);
    after = page.next;
  }
  return out;
}

/** Every table of the workspace database as stored, blocks and meta included, plus the registry entry. */
async function rawState(workspaceId: string): Promise<string> {
  const db = workspaceDb(workspaceId);
  const tables: Record<string, unknown[]> = {};
  for (const t of [...allTables(db), db.surveyCells]) tables[t.name] = await t.toArray();
  const { lastOpenedAt: _o, ...entry } = (await getWorkspace(workspaceId)) ?? {};
  return JSON.stringify({ tables, entry });
}

async function importText(workspaceId: string, text: string, name = 'survey.csv', tuning = SMALL): Promise<ImportOutcome> {
  const client = createInProcessImport(tuning);
  return client.run(`job-${Math.random()}`, { workspaceId, file: csvFile(text, name) }, () => undefined);
}

describe('unit blocks', () => {
  it('round-trip every unit field, unknown fields included', () => {
    const T = '2026-01-01T00:00:00.000Z';
    const units: Unit[] = [
      { id: 's:7', createdAt: T, updatedAt: T, sourceId: 's', participantId: 'p1', seq: 7, text: 'b', speaker: 'Ana', startSec: 3.5, section: 'A › B' },
      { id: 's:2', createdAt: T, updatedAt: '2026-02-01T00:00:00.000Z', sourceId: 's', questionId: 'q', seq: 2, text: 'a, "quoted"\nline', row: 4 },
      { ...{ id: 's:9', createdAt: T, updatedAt: T, sourceId: 's', seq: 9, text: '' }, ...{ future: { x: 1 } } },
    ];
    const block = encodeUnitBlock('s', 0, units);
    expect(block.seq).toEqual([2, 7, 9]);
    expect(block.qk).toEqual([['q', 0]]);
    expect(block.pk).toEqual([['p1', 0]]);
    expect(decodeUnitBlock(structuredClone(block))).toEqual([units[1], units[0], units[2]]);
    expect(() => encodeUnitBlock('s', 0, [{ ...units[0]!, id: 'u7' }])).toThrow(/must be "s:7"/);
  });
});

describe('survey import (in-process worker pipeline)', () => {
  it('writes the same units, participants and questions as the core pipeline, readable every way', async () => {
    const ws = await createWorkspace('Study');
    const csv = generateSurveyCsv({ respondents: 400 });
    const progress: ImportProgress[] = [];
    const client = createInProcessImport(SMALL);
    const outcome = await client.run('j1', { workspaceId: ws.id, file: csvFile(csv) }, (p) => progress.push(p));
    const expected = importSurveyText(csv, { fileName: 'survey.csv', sourceId: 'X', now: '2026-01-01T00:00:00.000Z' });

    expect(outcome).toMatchObject({ status: 'imported', kind: 'survey', rowsRead: 400, participants: 400, units: expected.units.length, alreadyImported: 0 });
    expect(progress.at(-1)?.stage).toBe('done');
    expect(progress.at(-1)).toMatchObject({ rowsRead: 400, unitsWritten: expected.units.length, bytesRead: csv.length });
    const sourceId = outcome.sourceId!;
    const [source] = await listSources(ws.id);
    expect(source).toMatchObject({ id: sourceId, kind: 'survey', title: 'survey', seqStride: expected.source.seqStride, respondentCount: 400 });

    const questions = await listQuestions(ws.id, sourceId);
    expect(questions.map((q) => [q.label, q.type, q.order])).toEqual(expected.questions.map((q) => [q.label, q.type, q.order]));

    const units = await allUnits(ws.id, sourceId);
    const strip = (u: Unit) => ({ seq: u.seq, text: u.text, row: u.row, p: u.participantId?.split(':p')[1], q: questions.find((q) => q.id === u.questionId)?.label });
    const stripX = (u: Unit) => ({ seq: u.seq, text: u.text, row: u.row, p: u.participantId?.split(':p')[1], q: expected.questions.find((q) => q.id === u.questionId)?.label });
    expect(units.map(strip)).toEqual(expected.units.map(stripX));
    expect(units.every((u) => u.id === `${sourceId}:${u.seq}`)).toBe(true);

    // Offset paging equals slicing the whole list.
    for (const offset of [0, 1, 127, 128, 500, expected.units.length - 3]) {
      const page = await listSourceUnits(ws.id, sourceId, { offset, limit: 40 });
      expect(page.items.map((u) => u.seq)).toEqual(units.slice(offset, offset + 40).map((u) => u.seq));
    }
    // By id, by question, participants.
    const some = [units[0]!, units[333]!, units[units.length - 1]!];
    expect([...(await getUnits(ws.id, [...some.map((u) => u.id), `${sourceId}:999999`])).values()]).toEqual(some);
    const open = questions.find((q) => q.label.startsWith('Q3'))!;
    expect(await countAnswers(ws.id, open.id)).toBe(units.filter((u) => u.questionId === open.id).length);
    expect((await listAnswers(ws.id, open.id, { offset: 10, limit: 25 })).items).toEqual(units.filter((u) => u.questionId === open.id).slice(10, 35));
    const people = await getParticipants(ws.id, [`${sourceId}:p0`, `${sourceId}:p399`]);
    expect(people.get(`${sourceId}:p399`)).toMatchObject({ name: 'R_0000400', externalId: 'R_0000400', attributes: expected.participants[399]!.attributes });
    expect(await sourceStats(ws.id, [sourceId])).toEqual(new Map([[sourceId, { units: expected.units.length, participants: 400 }]]));
    expect((await getWorkspace(ws.id))?.counts).toMatchObject({ sources: 1, participants: 400, units: expected.units.length, questions: expected.questions.length });

    // The stored workspace saves and loads as a file like any other.
    const snap = await exportSnapshot(ws.id);
    expect(snap.tables.units).toHaveLength(expected.units.length);
    await importSnapshot(snap, { asCopy: true });
  });

  it('cancel midway leaves the workspace exactly as it was', async () => {
    const ws = await createWorkspace('Study');
    await importText(ws.id, generateSurveyCsv({ respondents: 50, seed: 1 }), 'first.csv');
    const before = await rawState(ws.id);
    const snapshotBefore = JSON.stringify(await exportSnapshot(ws.id));

    const client = createInProcessImport(SMALL);
    let stagedWhenCancelled: Promise<number> | undefined;
    const outcome = await client.run('j2', { workspaceId: ws.id, file: csvFile(generateSurveyCsv({ respondents: 2000, seed: 2 })) }, (p) => {
      if (stagedWhenCancelled === undefined && p.unitsWritten > 1000) {
        stagedWhenCancelled = workspaceDb(ws.id).unitBlocks.count();
        void client.cancel('j2');
      }
    });
    expect(outcome.status).toBe('cancelled');
    // Blocks had been written before the cancel; none are left.
    expect(await stagedWhenCancelled).toBeGreaterThan(JSON.parse(before).tables.unitBlocks.length);
    expect(await rawState(ws.id)).toBe(before);
    expect(JSON.stringify(await exportSnapshot(ws.id))).toBe(snapshotBefore);
  });

  it('a parse failure near the end leaves the workspace exactly as it was', async () => {
    const ws = await createWorkspace('Study');
    await importText(ws.id, generateSurveyCsv({ respondents: 50, seed: 1 }), 'first.csv');
    const before = await rawState(ws.id);
    const broken = generateSurveyCsv({ respondents: 1500, seed: 3 }) + 'R_9999999,Pro,DE,7,"this answer never ends\r\nand goes on,,,\r\n';
    await expect(importText(ws.id, broken, 'broken.csv')).rejects.toThrow(/opens a quoted cell .* never closed/);
    expect(await rawState(ws.id)).toBe(before);
  });

  it('cleans up after an import a crash interrupted, on the next open', async () => {
    const ws = await createWorkspace('Study');
    const first = await importText(ws.id, generateSurveyCsv({ respondents: 300, seed: 1 }), 'first.csv');
    const before = await rawState(ws.id);
    const db = workspaceDb(ws.id);
    // What a dead import leaves: a new source half-written, and an append to the existing source staged.
    const sid = first.sourceId!;
    const meta = (await db.sourceMeta.get(sid))!;
    const T = '2026-01-01T00:00:00.000Z';
    const ghost = (sourceId: string, block: number) =>
      encodeUnitBlock(sourceId, block, [{ id: `${sourceId}:${block * 10}`, createdAt: T, updatedAt: T, sourceId, seq: block * 10, text: 'staged' }]);
    await db.sourceMeta.put({ ...newSourceMeta('dead', 10, 10, 'importing'), staging: { jobId: 'x', lock: 'loupe-import:gone', unitBlock: 0, respondentBlock: 0, startedAt: T } });
    await putUnitBlocks(db, [ghost('dead', 0), ghost('dead', 1)]);
    await db.sourceMeta.put({ ...meta, staging: { jobId: 'y', lock: 'loupe-import:gone2', unitBlock: meta.blockCounts.length, respondentBlock: meta.respondentBlocks, startedAt: T } });
    const beyond = encodeUnitBlock(sid, meta.blockCounts.length, [{ id: `${sid}:${meta.blockCounts.length * meta.unitSpan}`, createdAt: T, updatedAt: T, sourceId: sid, seq: meta.blockCounts.length * meta.unitSpan, text: 'staged' }]);
    await putUnitBlocks(db, [beyond]);
    // Readers never see staged data, even before the cleanup.
    expect((await getUnits(ws.id, [beyond.seq[0] === undefined ? '' : `${sid}:${beyond.seq[0]}`, 'dead:0'])).size).toBe(0);

    closeAll(); // the app restarts
    expect(await rawState(ws.id)).toBe(before);
  });

  it('re-importing the same file is a duplicate and adds nothing', async () => {
    const ws = await createWorkspace('Study');
    const csv = generateSurveyCsv({ respondents: 120 });
    const first = await importText(ws.id, csv);
    const before = await rawState(ws.id);
    const client = createInProcessImport(SMALL);
    const preview = await client.preview({ workspaceId: ws.id, file: csvFile(csv, 'copy of survey.csv') });
    expect(preview.duplicateOf).toEqual({ sourceId: first.sourceId, title: 'survey' });
    const again = await client.run('j3', { workspaceId: ws.id, file: csvFile(csv, 'copy of survey.csv') }, () => undefined);
    expect(again).toMatchObject({ status: 'duplicate', sourceId: first.sourceId, units: 0, participants: 0 });
    expect(await rawState(ws.id)).toBe(before);
  });

  it('each sheet of a workbook imports as its own source; the same sheet again is a duplicate', async () => {
    const ws = await createWorkspace('Study');
    const wb = new ExcelJS.Workbook();
    for (const [name, question, answer] of [['Wave 1', 'What should we improve?', 'Slow exports'], ['Wave 2', 'What did you try before us?', 'Spreadsheets']] as const) {
      const sheet = wb.addWorksheet(name);
      sheet.addRow(['Respondent ID', 'Segment', question]);
      for (let i = 1; i <= 4; i++) sheet.addRow([`${name}-${i}`, 'SMB', `${answer}, and respondent ${i} explained why at some length.`]);
    }
    const file = new File([await wb.xlsx.writeBuffer()], 'waves.xlsx');
    const client = createInProcessImport(SMALL);
    const first = await client.run('x1', { workspaceId: ws.id, file }, () => undefined);
    expect(first.status).toBe('imported');
    const preview = await client.preview({ workspaceId: ws.id, file, sheet: 'Wave 2' });
    expect(preview.duplicateOf).toBeUndefined();
    const second = await client.run('x2', { workspaceId: ws.id, file, sheet: 'Wave 2' }, () => undefined);
    expect(second).toMatchObject({ status: 'imported', units: 4 });
    expect(second.sourceId).not.toBe(first.sourceId);
    expect((await client.preview({ workspaceId: ws.id, file, sheet: 'Wave 1' })).duplicateOf).toMatchObject({ sourceId: first.sourceId });
    expect(await client.run('x3', { workspaceId: ws.id, file, sheet: 'Wave 2' }, () => undefined)).toMatchObject({ status: 'duplicate', sourceId: second.sourceId });
  });

  it('a newer export of the same survey adds only its new respondents', async () => {
    const ws = await createWorkspace('Study');
    const older = generateSurveyCsv({ respondents: 300 });
    const newer = generateSurveyCsv({ respondents: 380 }); // same seed: the first 300 rows are the same people
    const first = await importText(ws.id, older);
    const sid = first.sourceId!;
    const client = createInProcessImport(SMALL);
    const preview = await client.preview({ workspaceId: ws.id, file: csvFile(newer, 'survey (2).csv') });
    expect(preview.kind === 'survey' && preview.updates).toEqual({ sourceId: sid, title: 'survey', knownRespondents: 300 });

    const second = await client.run('j4', { workspaceId: ws.id, file: csvFile(newer, 'survey (2).csv') }, () => undefined);
    const whole = importSurveyText(newer, { fileName: 'x.csv', sourceId: 'X' });
    const newUnits = whole.units.filter((u) => Number(u.participantId?.split(':p')[1]) >= 300);
    expect(second).toMatchObject({ status: 'imported', sourceId: sid, appendedTo: { sourceId: sid, title: 'survey' }, participants: 80, alreadyImported: 300, units: newUnits.length });
    expect(await listSources(ws.id)).toHaveLength(1);
    expect((await listSources(ws.id))[0]).toMatchObject({ respondentCount: 380 });
    const units = await allUnits(ws.id, sid);
    expect(units.map((u) => [u.seq, u.text])).toEqual(whole.units.map((u) => [u.seq, u.text]));
    expect(await sourceStats(ws.id, [sid])).toEqual(new Map([[sid, { units: whole.units.length, participants: 380 }]]));
    const people = await getParticipants(ws.id, [`${sid}:p299`, `${sid}:p300`, `${sid}:p379`, `${sid}:p380`]);
    expect([...people.values()].map((p) => p.externalId)).toEqual(['R_0000300', 'R_0000301', 'R_0000380']);
    expect((await getWorkspace(ws.id))?.counts).toMatchObject({ sources: 1, participants: 380, units: whole.units.length });

    // The same newer export again: a duplicate by content. An export with no new respondents: nothing added.
    expect((await importText(ws.id, newer, 'again.csv')).status).toBe('duplicate');
    const before = await rawState(ws.id);
    const sameRespondents = generateSurveyCsv({ respondents: 200 });
    expect(await importText(ws.id, sameRespondents, 'old.csv')).toMatchObject({ status: 'imported', participants: 0, alreadyImported: 200, appendedTo: { sourceId: sid } });
    expect(await rawState(ws.id)).toBe(before);
  });

  it('imports a transcript into blocks with its speakers', async () => {
    const ws = await createWorkspace('Study');
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How do you export?\n\n00:00:05.000 --> 00:00:09.000\n<v Ana>Mostly to Excel, every Friday.\n';
    const outcome = await importText(ws.id, vtt, 'call.vtt');
    expect(outcome).toMatchObject({ status: 'imported', kind: 'transcript', units: 2, participants: 2 });
    const units = await allUnits(ws.id, outcome.sourceId!);
    expect(units.map((u) => [u.speaker, u.text, u.startSec])).toEqual([['Interviewer', 'How do you export?', 1], ['Ana', 'Mostly to Excel, every Friday.', 5]]);
    const people = await getParticipants(ws.id, units.map((u) => u.participantId!));
    expect([...people.values()].map((p) => [p.name, p.role])).toEqual([['Interviewer', 'interviewer'], ['Ana', 'participant']]);
    expect(await Dexie.getDatabaseNames()).toContain(`loupe-ws-${ws.id}`);
  });
});

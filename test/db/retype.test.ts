// Changing survey roles after import, over fake-indexeddb: the import keeps ignored columns, a role change
// re-derives units and attributes in one transaction, unit ids stay, coding on removed units is reported,
// removed and restored by the undo; cancel and old sources change nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../src/core/model';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { checkRetype, commitRetype, RetypeCancelled, RetypeError } from '../../src/renderer/src/db/retype-store';
import { allTables } from '../../src/renderer/src/db/schema';
import { countAnswers, exportSnapshot, getParticipants, getUnits, listQuestions, readySourceRevisions } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, getWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const T = '2026-01-01T00:00:00.000Z';
const CSV = [
  'Respondent ID,Plan,Comment,Email,Feature',
  'R1,Pro,Search is slow,a@x.io,export',
  'R2,Free,,b@x.io,search',
  'R3,Team,Love the export,,tagging',
  ...Array.from({ length: 297 }, (_, i) => `R${i + 4},${['Pro', 'Free', 'Team'][i % 3]},${i % 4 === 0 ? '' : `answer number ${i + 4} about the product`},u${i}@x.io,f${i % 5}`),
].join('\n');

async function imported(): Promise<{ ws: string; sid: string; q: (label: string) => Question }> {
  const ws = (await createWorkspace('Study')).id;
  const client = createInProcessImport({ parseChunkChars: 4096, unitsPerStage: 64, progressMs: 0 });
  const file = new File([CSV], 'survey.csv', { type: 'text/csv' });
  const roles = { Email: 'ignored', Feature: 'attribute', Comment: 'open', Plan: 'attribute' } as const;
  const preview = await client.preview({ workspaceId: ws, file });
  if (preview.kind !== 'survey') throw new Error('not a survey');
  const out = await client.run('j1', { workspaceId: ws, file, roles: preview.roles.map((r) => ({ id: r.id, type: roles[r.label as keyof typeof roles] ?? r.type })) }, () => undefined);
  const questions = await listQuestions(ws, out.sourceId!);
  return { ws, sid: out.sourceId!, q: (label) => questions.find((x) => x.label === label)! };
}

async function stored(ws: string): Promise<string> {
  const db = workspaceDb(ws);
  const tables: Record<string, unknown[]> = {};
  for (const t of [...allTables(db), db.surveyCells]) tables[t.name] = await t.toArray();
  return JSON.stringify(tables);
}

describe('changing a role after import', () => {
  it('attribute → open text: every answer becomes a unit in its own slot; existing units and their taggings are untouched', async () => {
    const { ws, sid, q } = await imported();
    const stride = 5;
    const comment = q('Comment');
    const r1Comment = `${sid}:${0 * stride + comment.order}`;
    await workspaceDb(ws).taggings.add({ id: 'tg1', createdAt: T, updatedAt: T, tagId: 't1', unitId: r1Comment, coder: 'me' });
    const before = (await getUnits(ws, [r1Comment])).get(r1Comment);

    expect(await checkRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Feature').id, type: 'open' }] })).toMatchObject({ unitsRemoved: 0, codedUnitsRemoved: 0 });
    const progress: number[] = [];
    const r = await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Feature').id, type: 'open' }] }, { onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ unitsAdded: 300, unitsRemoved: 0, respondentsChanged: 300 });
    expect(progress.at(-1)).toBe(300);

    expect((await listQuestions(ws, sid)).find((x) => x.label === 'Feature')?.type).toBe('open');
    expect(await countAnswers(ws, q('Feature').id)).toBe(300);
    const f1 = `${sid}:${0 * stride + q('Feature').order}`;
    expect((await getUnits(ws, [f1])).get(f1)).toMatchObject({ text: 'export', participantId: `${sid}:p0`, questionId: q('Feature').id, row: 1 });
    expect((await getParticipants(ws, [`${sid}:p0`])).get(`${sid}:p0`)?.attributes).toEqual({ Plan: 'Pro' });
    // The comment unit kept its id, text and timestamps; its tagging still points at it.
    expect((await getUnits(ws, [r1Comment])).get(r1Comment)).toEqual(before);
    expect(await workspaceDb(ws).taggings.get('tg1')).toBeDefined();
    expect((await getWorkspace(ws))?.counts.units).toBe(224 + 300);
    expect((await getWorkspace(ws))?.dirty).toBe(true);
    expect((await readySourceRevisions(ws)).get(sid)).toBe(1);
  });

  it('open text → ignore reports and removes the coding on its units; changing it back with the removed records restores everything', async () => {
    const { ws, sid, q } = await imported();
    const db = workspaceDb(ws);
    const c1 = `${sid}:${q('Comment').order}`;
    const c3 = `${sid}:${2 * 5 + q('Comment').order}`;
    await db.highlights.add({ id: 'h1', createdAt: T, updatedAt: T, unitId: c1, start: 0, end: 6, coder: 'me' });
    await db.taggings.bulkAdd([
      { id: 'tg1', createdAt: T, updatedAt: T, tagId: 't1', unitId: c1, highlightId: 'h1', coder: 'me' },
      { id: 'tg2', createdAt: T, updatedAt: T, tagId: 't1', unitId: c3, coder: 'me' },
    ]);
    await db.comments.add({ id: 'cm1', createdAt: T, updatedAt: T, targetTable: 'units', targetId: c3, author: 'pm', body: 'Nice' });
    await db.clusterings.add({ id: 'k1', createdAt: T, updatedAt: T, name: 'run', params: {}, clusters: [{ id: 'a', label: 'A', keywords: [], unitIds: [c1, c3, 'other:1'] }] });
    const snapshotBefore = JSON.stringify((await exportSnapshot(ws)).tables);
    const answers = await countAnswers(ws, q('Comment').id);

    const change = { workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'ignored' as const }] };
    expect(await checkRetype(change)).toMatchObject({ unitsRemoved: answers, codedUnitsRemoved: 2, taggings: 2, highlights: 1, comments: 1 });
    const r = await commitRetype(change);
    expect(r.unitsRemoved).toBe(answers);
    expect(await countAnswers(ws, q('Comment').id)).toBe(0);
    expect((await getUnits(ws, [c1, c3])).size).toBe(0);
    expect(await db.taggings.count()).toBe(0);
    expect(await db.highlights.count()).toBe(0);
    expect(await db.comments.count()).toBe(0);
    expect((await db.clusterings.get('k1'))?.clusters[0]?.unitIds).toEqual(['other:1']);
    expect(r.removed.taggings.map((t) => t.id).sort()).toEqual(['tg1', 'tg2']);

    // Undo: the inverse change with the removed records, one transaction again.
    await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'open' }] }, { restore: r.removed });
    const after = (await exportSnapshot(ws)).tables;
    const strip = (t: typeof after) => ({ ...t, sources: t.sources.map((s) => ({ ...s, updatedAt: '' })), questions: t.questions.map((x) => ({ ...x, updatedAt: '' })), units: t.units.map((u) => ({ ...u, createdAt: '', updatedAt: '' })) });
    expect(strip(after)).toEqual(strip(JSON.parse(snapshotBefore)));
  });

  it('ignore → open text re-derives from the kept cells; an empty cell makes no unit', async () => {
    const { ws, sid, q } = await imported();
    const r = await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Email').id, type: 'open' }] });
    expect(r.unitsAdded).toBe(299);
    const e1 = `${sid}:${q('Email').order}`;
    expect((await getUnits(ws, [e1])).get(e1)).toMatchObject({ text: 'a@x.io', row: 1 });
  });

  it('a newer export appended to the survey keeps its ignored cells too (merged into the partly filled block)', async () => {
    const ws = (await createWorkspace('Study')).id;
    const client = createInProcessImport({ parseChunkChars: 4096, unitsPerStage: 64, progressMs: 0 });
    const lines = CSV.split('\n');
    for (const [name, text] of [['older.csv', lines.slice(0, 151).join('\n')], ['newer.csv', CSV]] as const) {
      const file = new File([text], name, { type: 'text/csv' });
      await client.run(name, { workspaceId: ws, file, roles: [] }, () => undefined);
    }
    const sources = await workspaceDb(ws).sources.toArray();
    expect(sources).toHaveLength(1);
    expect(sources[0]?.respondentCount).toBe(300);
    const sid = sources[0]!.id;
    const email = (await listQuestions(ws, sid)).find((x) => x.label === 'Email')!;
    expect(email.type).toBe('ignored');
    expect((await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: email.id, type: 'open' }] })).unitsAdded).toBe(299);
    const last = `${sid}:${299 * 5 + email.order}`;
    // Its data row in the file it came from (the newer export).
    expect((await getUnits(ws, [last])).get(last)).toMatchObject({ text: 'u296@x.io', row: 300 });
  });

  it('a survey with nothing ignored stores no kept cells; new answer units take their data row from the respondent’s other answers', async () => {
    const ws = (await createWorkspace('Study')).id;
    const client = createInProcessImport({ progressMs: 0 });
    const text = ['Respondent ID,Plan,Comment', 'R1,Pro,Search is slow on our biggest projects', 'R2,Free,', 'R3,Team,The export to Excel works great for us'].join('\n');
    const sid = (await client.run('j', { workspaceId: ws, file: new File([text], 'plain.csv', { type: 'text/csv' }) }, () => undefined)).sourceId!;
    expect(await workspaceDb(ws).surveyCells.count()).toBe(0);
    const plan = (await listQuestions(ws, sid)).find((x) => x.label === 'Plan')!;
    expect((await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: plan.id, type: 'open' }] })).unitsAdded).toBe(3);
    const ids = [0, 1, 2].map((i) => `${sid}:${i * 3 + plan.order}`);
    const units = await getUnits(ws, ids);
    expect(ids.map((id) => [units.get(id)?.text, units.get(id)?.row])).toEqual([
      ['Pro', 1],
      ['Free', undefined],
      ['Team', 3],
    ]);
  });

  it('cancel aborts the one transaction: nothing changes', async () => {
    const { ws, sid, q } = await imported();
    const before = await stored(ws);
    let calls = 0;
    await expect(commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'attribute' }] }, { cancelled: () => ++calls > 1 })).rejects.toBeInstanceOf(RetypeCancelled);
    expect(await stored(ws)).toBe(before);
  });

  it('a survey imported before ignored columns were kept: other changes work, un-ignoring says to re-import', async () => {
    const { ws, sid, q } = await imported();
    await workspaceDb(ws).surveyCells.clear();
    const check = await checkRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Email').id, type: 'open' }] });
    expect(check.blocked).toMatch(/“Email” was ignored at import.*imported before Loupe kept ignored columns.*Re-import the file/);
    await expect(commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Email').id, type: 'open' }] })).rejects.toBeInstanceOf(RetypeError);
    expect((await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Plan').id, type: 'open' }] })).unitsAdded).toBe(300);
    expect(await checkRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Respondent ID').id, type: 'attribute' }] })).toMatchObject({ blocked: expect.stringMatching(/respondent id column cannot be changed/) });

    // An open question ignored now is kept from now on: it can come back (the undo), the old column still cannot.
    const answers = await countAnswers(ws, q('Comment').id);
    const removed = await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'ignored' }] });
    expect(removed.unitsRemoved).toBe(answers);
    expect((await checkRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'open' }] })).blocked).toBeUndefined();
    expect((await checkRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Email').id, type: 'open' }] })).blocked).toMatch(/“Email” was ignored/);
    expect((await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: q('Comment').id, type: 'open' }] }, { restore: removed.removed })).unitsAdded).toBe(answers);
    expect(await countAnswers(ws, q('Comment').id)).toBe(answers);
  });
});

// A save copies its head file's unit entries when no unit was written since that file was saved (units-version.ts):
// an edit of anything else saves without touching the units, and every way units change makes the next save
// write them from storage again — the file always holds exactly the stored units.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/core/model';
import { decodeWorkspace, decodeWorkspaceAsync } from '../../src/core/workspace-file';
import { decodeUnitBlock, scoreUnitBlock } from '../../src/renderer/src/db/blocks';
import { addComment } from '../../src/renderer/src/db/comments';
import { closeAll, workspaceDb } from '../../src/renderer/src/db/connections';
import { commitSave, prepareSave, recordOpened, type PreparedSave } from '../../src/renderer/src/db/lineage';
import { commitRetype } from '../../src/renderer/src/db/retype-store';
import type { UnitBlock } from '../../src/renderer/src/db/schema';
import { createInsight, importSnapshot, listQuestions, storeUnitSentiment } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, deleteWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import { holdsHead } from '../../src/renderer/src/db/head-memory';
import { putUnitBlocks } from './put-unit-blocks';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const CSV = [
  'Respondent ID,Plan,Comment,Feature',
  ...Array.from({ length: 600 }, (_, i) => `R${i + 1},${['Pro', 'Free', 'Team'][i % 3]},${i % 4 === 0 ? '' : `answer ${i + 1}: the “search” is slow — 検索`},f${i % 5}`),
].join('\n');

async function importCsv(ws: string, text: string, name: string): Promise<string> {
  const client = createInProcessImport({ parseChunkChars: 4096, unitsPerStage: 64, progressMs: 0 });
  const out = await client.run(name, { workspaceId: ws, file: new File([text], name, { type: 'text/csv' }), roles: [] }, () => undefined);
  return out.sourceId!;
}

/** Every stored unit, as the app reads them (straight from the blocks). */
async function storedUnits(ws: string): Promise<Unit[]> {
  const blocks = await workspaceDb(ws).unitBlocks.toArray();
  return sortUnits(blocks.flatMap((b) => decodeUnitBlock(b)));
}

const sortUnits = (units: Unit[]): Unit[] => [...units].sort((a, b) => a.id.localeCompare(b.id));

async function save(ws: string): Promise<PreparedSave> {
  const prepared = await prepareSave(ws, 'test');
  await commitSave(ws, prepared, { ownFile: true });
  return prepared;
}

/** The file holds exactly the stored units. */
async function expectUnitsOf(prepared: PreparedSave, ws: string): Promise<void> {
  expect(sortUnits(decodeWorkspace(prepared.bytes).tables.units)).toEqual(await storedUnits(ws));
}

describe('a save copies the unit entries of its head file while no unit changed', () => {
  it('an edit of comments and insights saves the same units without reading them, save after save', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const first = await save(ws);
    expect(first.reusedUnits).toBe(false);
    const units = decodeWorkspace(first.bytes).tables.units;
    expect(units.length).toBeGreaterThan(400);

    const insight = await createInsight(ws, { title: 'Search is slow', statement: '', tagIds: [], evidence: [] });
    await addComment(ws, { table: 'insights', id: insight.id }, 'Seen it too');
    const second = await save(ws);
    expect(second.reusedUnits).toBe(true);
    const file = decodeWorkspace(second.bytes);
    expect(file.tables.units).toEqual(units);
    expect(file.tables.insights.map((i) => i.title)).toEqual(['Search is slow']);
    expect(file.tables.comments.map((c) => c.body)).toEqual(['Seen it too']);

    // And the save after that one (its head is now a file whose units were copied).
    await addComment(ws, { table: 'insights', id: insight.id }, 'Third');
    const third = await save(ws);
    expect(third.reusedUnits).toBe(true);
    expect(decodeWorkspace(third.bytes).tables.units).toEqual(units);
  });

  it('deleting the workspace drops what was kept in memory for its head', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    await save(ws);
    expect(holdsHead(ws)).toBe(true);
    await deleteWorkspace(ws);
    expect(holdsHead(ws)).toBe(false);
  });

  it('after a restart (the head read back from its stored file) the units are still copied', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const first = await save(ws);
    closeAll();
    await createInsight(ws, { title: 'Later', statement: '', tagIds: [], evidence: [] });
    const next = await save(ws);
    expect(next.reusedUnits).toBe(true);
    expect(decodeWorkspace(next.bytes).tables.units).toEqual(decodeWorkspace(first.bytes).tables.units);
  });

  it('an opened file is the head: a save after an edit copies its units', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const written = await save(ws);
    // Someone else opens the file on their computer (here: the workspace dropped and the file opened).
    await deleteWorkspace(ws);
    const snapshot = await decodeWorkspaceAsync(written.bytes);
    await importSnapshot(snapshot, { file: { name: 'study.loupe', path: null }, within: recordOpened(written.bytes, { ownFile: true, snapshot }).within });
    await addComment(ws, { table: 'units', id: snapshot.tables.units[0]!.id }, 'Good quote');
    const next = await save(ws);
    expect(next.reusedUnits).toBe(true);
    expect(decodeWorkspace(next.bytes).tables.units).toEqual(snapshot.tables.units);
    expect(decodeWorkspace(next.bytes).tables.comments.map((c) => c.body)).toEqual(['Good quote']);
  });

  it('sentiment scores written into the blocks are no change of units', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const db = workspaceDb(ws);
    const [block] = await db.unitBlocks.toArray();
    const { sentiment: _s, sentimentVersion: _v, ...unscored } = block!;
    await putUnitBlocks(db, [unscored as UnitBlock]);
    await save(ws);
    expect(await storeUnitSentiment(ws, [scoreUnitBlock(structuredClone(unscored as UnitBlock))])).toBe(1);
    const next = await save(ws);
    expect(next.reusedUnits).toBe(true);
    await expectUnitsOf(next, ws);
  });
});

/** Saves, expecting the units written from storage (not copied), and exactly the stored ones. */
async function savedFromStorage(ws: string): Promise<PreparedSave> {
  const next = await save(ws);
  expect(next.reusedUnits).toBe(false);
  await expectUnitsOf(next, ws);
  return next;
}

describe('every change of units makes the next save write them from storage', () => {
  it('another import', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    await save(ws);
    await importCsv(ws, CSV.replaceAll('answer', 'reply').replaceAll('R', 'S'), 'second.csv');
    const next = await savedFromStorage(ws);
    expect(decodeWorkspace(next.bytes).tables.units.some((u) => u.text.startsWith('reply'))).toBe(true);
  });

  it('a newer export of the same survey appended into its partly filled block', async () => {
    const ws = (await createWorkspace('Study')).id;
    const lines = CSV.split('\n');
    await importCsv(ws, lines.slice(0, 302).join('\n'), 'older.csv');
    const before = (await save(ws)).bytes;
    await importCsv(ws, CSV, 'newer.csv');
    const next = await savedFromStorage(ws);
    expect(decodeWorkspace(next.bytes).tables.units.length).toBeGreaterThan(decodeWorkspace(before).tables.units.length);
  });

  it('a role change that turns an attribute into answers', async () => {
    const ws = (await createWorkspace('Study')).id;
    const sid = await importCsv(ws, CSV, 'survey.csv');
    const before = await save(ws);
    const feature = (await listQuestions(ws, sid)).find((q) => q.label === 'Feature')!;
    await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: feature.id, type: 'open' }] });
    const next = await savedFromStorage(ws);
    expect(decodeWorkspace(next.bytes).tables.units.length).toBe(decodeWorkspace(before.bytes).tables.units.length + 600);
  });

  it('a unit written while a save was being written: that save does not vouch for the units', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const db = workspaceDb(ws);
    const prepared = await prepareSave(ws, 'test');
    // Between reading the units and recording the save: a unit's text changes.
    const [block] = await db.unitBlocks.toArray();
    await putUnitBlocks(db, [{ ...block!, text: block!.text.map((t, i) => (i === 0 ? `${t} (changed)` : t)) }]);
    await commitSave(ws, prepared, { ownFile: true });
    const next = await savedFromStorage(ws);
    expect(decodeWorkspace(next.bytes).tables.units.some((u) => u.text.endsWith('(changed)'))).toBe(true);
  });

  it('a write to unit blocks outside a transaction that can change the mark is refused, and nothing is written', async () => {
    const ws = (await createWorkspace('Study')).id;
    await importCsv(ws, CSV, 'survey.csv');
    const db = workspaceDb(ws);
    const [block] = await db.unitBlocks.toArray();
    await expect(db.unitBlocks.put({ ...block!, text: block!.text.map(() => 'lost') })).rejects.toThrow(/lineageState/);
    expect(await db.unitBlocks.get([block!.sourceId, block!.block])).toEqual(block);
  });
});

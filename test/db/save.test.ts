// A save writes units straight from the storage blocks and finds deletions from the head's ids (kept in memory
// when the head was opened or saved in this session, decoded from its file otherwise): both give the same file.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { readLineage, type Tombstone } from '../../src/core/merge/lineage';
import type { WorkspaceSnapshot } from '../../src/core/model';
import { buildSampleWorkspace } from '../../src/core/sample';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import { decodeUnitBlock, encodeUnitBlock } from '../../src/renderer/src/db/blocks';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { commitSave, prepareSave, recordOpened } from '../../src/renderer/src/db/lineage';
import { deleteInsight, importSnapshot, SAVE_PAGE_BLOCKS } from '../../src/renderer/src/db/workspace-data';
import { resetDatabases } from './reset';
import { putUnitBlocks } from './put-unit-blocks';

beforeEach(resetDatabases);

const byId = <T extends { id: string }>(rs: readonly T[]): T[] => [...rs].sort((a, b) => a.id.localeCompare(b.id));
const keys = (ts: readonly Tombstone[] | undefined): string[] => (ts ?? []).map((t) => `${t.table}/${t.id}${t.mergedInto === undefined ? '' : `→${t.mergedInto}`}`).sort();

/** Opens the sample as File > Open does; `inMemory: false` stands for an app restarted since (nothing in memory). */
async function openSample(inMemory: boolean): Promise<WorkspaceSnapshot> {
  const bytes = encodeWorkspace(buildSampleWorkspace(), { appVersion: 'test' });
  const snapshot = decodeWorkspace(bytes);
  const opened = recordOpened(bytes, inMemory ? { ownFile: true, snapshot } : { ownFile: true });
  await importSnapshot(snapshot, { file: { name: 'a.loupe', path: null }, within: opened.within });
  return snapshot;
}

/** Deletes one unit from its storage block (as removing an answer would). */
async function deleteUnit(workspaceId: string, unitId: string): Promise<void> {
  const db = workspaceDb(workspaceId);
  const blocks = await db.unitBlocks.toArray();
  for (const b of blocks) {
    const units = decodeUnitBlock(b);
    if (!units.some((u) => u.id === unitId)) continue;
    await putUnitBlocks(db, [encodeUnitBlock(b.sourceId, b.block, units.filter((u) => u.id !== unitId))]);
  }
}

describe('saving a large workspace without rebuilding it', () => {
  for (const inMemory of [true, false]) {
    it(`writes every unit and the deletions since the head (${inMemory ? 'head in memory' : 'head decoded from its file'})`, async () => {
      const sample = await openSample(inMemory);
      const id = sample.meta.id;
      const [gone, kept] = [sample.tables.units[3]!, sample.tables.units[4]!];
      const insight = sample.tables.insights[0]!;
      await deleteUnit(id, gone.id);
      await deleteInsight(id, insight.id);

      const save = await prepareSave(id, 'test');
      const written = decodeWorkspace(save.bytes);
      expect(byId(written.tables.units)).toEqual(byId(sample.tables.units.filter((u) => u.id !== gone.id)));
      expect(written.tables.taggings).toEqual(expect.arrayContaining(sample.tables.taggings));
      expect(keys(readLineage(save.bytes)?.tombstones)).toEqual([`insights/${insight.id}`, `units/${gone.id}`]);
      await commitSave(id, save, { ownFile: true });

      // The next save: the earlier tombstones stay, a new deletion joins them, nothing alive is tombstoned.
      await deleteUnit(id, kept.id);
      const next = await prepareSave(id, 'test');
      expect(keys(readLineage(next.bytes)?.tombstones)).toEqual([`insights/${insight.id}`, `units/${gone.id}`, `units/${kept.id}`].sort());
      expect(decodeWorkspace(next.bytes).tables.units).toHaveLength(sample.tables.units.length - 2);
    });
  }

  it('a unit back under a tombstoned id is alive again: its tombstone is dropped', async () => {
    const sample = await openSample(true);
    const id = sample.meta.id;
    const gone = sample.tables.units[2]!;
    await deleteUnit(id, gone.id);
    const save = await prepareSave(id, 'test');
    await commitSave(id, save, { ownFile: true });
    const db = workspaceDb(id);
    const meta = await db.sourceMeta.get(gone.sourceId);
    const home = await db.unitBlocks.get([gone.sourceId, Math.floor(gone.seq / meta!.unitSpan)]);
    await putUnitBlocks(db, [encodeUnitBlock(gone.sourceId, home!.block, [...decodeUnitBlock(home!), gone])]);
    const next = await prepareSave(id, 'test');
    expect(keys(readLineage(next.bytes)?.tombstones)).toEqual([]);
  });
});

describe('a save streams unit blocks out of storage a page at a time', () => {
  it('writes every unit of a survey stored in hundreds of blocks with gaps in their numbers, respondents and bulk taggings included', async () => {
    const sample = buildSampleWorkspace();
    const survey = sample.tables.sources.find((s) => s.kind === 'survey')!;
    const q = sample.tables.questions.find((x) => x.sourceId === survey.id)!;
    const T = sample.meta.createdAt;
    // Far beyond the sample's own units: seqs in two runs with a wide gap, so many block numbers hold nothing.
    const start = Math.max(...sample.tables.units.filter((u) => u.sourceId === survey.id).map((u) => u.seq)) + 1;
    for (let i = 0; i < 100_000; i++) {
      const seq = start + (i < 50_000 ? i : 500_000 + i);
      sample.tables.units.push({ id: `${survey.id}:${seq}`, createdAt: T, updatedAt: T, sourceId: survey.id, questionId: q.id, seq, text: `extra answer ${i}` });
    }
    for (let n = 0; n < 1_000; n++) sample.tables.taggings.push({ id: `bulk#${n}`, createdAt: T, updatedAt: T, tagId: sample.tables.tags[0]!.id, unitId: `${survey.id}:${start + n}`, coder: 'me' });
    await importSnapshot(sample);
    const db = workspaceDb(sample.meta.id);
    const blockNumbers = (await db.unitBlocks.where(':id').between([survey.id, 0], [survey.id, Infinity]).primaryKeys()).map((k) => k[1]);
    expect(blockNumbers.length).toBeGreaterThan(SAVE_PAGE_BLOCKS); // more than one page
    expect(Math.max(...blockNumbers) + 1).toBeGreaterThan(blockNumbers.length + 100); // with gaps

    const written = decodeWorkspace((await prepareSave(sample.meta.id, 'test')).bytes);
    expect(written.tables.units).toHaveLength(sample.tables.units.length);
    expect(byId(written.tables.units)).toEqual(byId(sample.tables.units));
    expect(byId(written.tables.participants)).toEqual(byId(sample.tables.participants));
    expect(byId(written.tables.taggings)).toEqual(byId(sample.tables.taggings));
  }, 60_000);
});

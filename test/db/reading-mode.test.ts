// Reading mode in the storage layer: while it is on, the workspace refuses every edit — coding, insights,
// reports — whatever asked for it, while comments, saves and opening/merging a file still work.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyTags } from '../../src/core/coding';
import { buildSampleWorkspace } from '../../src/core/sample';
import { checkStorage } from '../../src/renderer/src/app/bootstrap';
import { userMessage } from '../../src/renderer/src/app/errors';
import { applyCodingChanges, loadCodingState } from '../../src/renderer/src/db/coding';
import { addComment, listComments } from '../../src/renderer/src/db/comments';
import { closeAll, workspaceDb } from '../../src/renderer/src/db/connections';
import { commitSave, getLineageState, prepareSave } from '../../src/renderer/src/db/lineage';
import { beginImport } from '../../src/renderer/src/db/import-store';
import { ReadingModeError } from '../../src/renderer/src/db/reading-mode';
import { createInsight, exportSnapshot, importSnapshot, listInsights, updateInsight } from '../../src/renderer/src/db/workspace-data';
import { assertWritable, setReadingMode } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

async function sampleInReadingMode(): Promise<ReturnType<typeof buildSampleWorkspace>> {
  const sample = buildSampleWorkspace();
  await importSnapshot(sample, { dirty: false });
  await setReadingMode(sample.meta.id, true);
  return sample;
}

describe('reading mode guard', () => {
  it('refuses taggings, insight and report edits with a message the user can act on', async () => {
    const sample = await sampleInReadingMode();
    const id = sample.meta.id;
    const state = await loadCodingState(id);
    const unit = sample.tables.units[0]!;
    const tag = sample.tables.tags[0]!;
    const op = applyTags(state, { kind: 'units', unitIds: [unit.id] }, [tag.id], 'me');

    const refused = applyCodingChanges(id, op.changes, { before: state });
    await expect(refused).rejects.toBeInstanceOf(ReadingModeError);
    await expect(refused.catch((e: unknown) => userMessage(e))).resolves.toMatch(/reading mode/i);
    const insight = sample.tables.insights[0]!;
    await expect(updateInsight(id, insight.id, { title: 'Changed' })).rejects.toThrow(/reading mode/i);
    await expect(createInsight(id, { title: 'New', statement: '', tagIds: [], evidence: [] })).rejects.toThrow(/reading mode/i);
    await expect(workspaceDb(id).reports.clear()).rejects.toThrow(/reading mode/i);
    await expect(assertWritable(id)).rejects.toBeInstanceOf(ReadingModeError);
    // Imports run in a worker with their own connection: they ask storage before staging anything.
    await expect(beginImport({ workspaceId: id, sourceId: 'new-source', jobId: 'job', spans: { unitSpan: 256, respondentSpan: 256 } })).rejects.toBeInstanceOf(ReadingModeError);

    // Nothing changed.
    expect((await loadCodingState(id)).taggings.size).toBe(state.taggings.size);
    expect((await listInsights(id)).map((i) => i.title)).toEqual(sample.tables.insights.map((i) => i.title));
  });

  it('still takes comments and saves; turning it off allows edits again', async () => {
    const sample = await sampleInReadingMode();
    const id = sample.meta.id;
    await addComment(id, { table: 'insights', id: sample.tables.insights[0]!.id }, 'Which plan were they on?');
    const save = await prepareSave(id, 'test');
    await commitSave(id, save, { ownFile: true });
    expect((await getLineageState(id)).head).toBe(save.lineage.head);
    expect((await listComments(id)).map((c) => c.body)).toEqual(['Which plan were they on?']);

    await setReadingMode(id, false);
    await updateInsight(id, sample.tables.insights[0]!.id, { title: 'Edited after reading' });
    expect((await listInsights(id))[0]?.title).toBe('Edited after reading');
  });

  it('lets a whole file replace the workspace (open, merge) — that is not editing', async () => {
    const sample = await sampleInReadingMode();
    const snapshot = await exportSnapshot(sample.meta.id);
    const renamed = { ...snapshot, tables: { ...snapshot.tables, insights: snapshot.tables.insights.map((i) => ({ ...i, title: 'From the shared file' })) } };
    await importSnapshot(renamed, { replace: true });
    expect((await listInsights(sample.meta.id))[0]?.title).toBe('From the shared file');
  });

  it('is read from storage at start (a restart in reading mode stays read-only)', async () => {
    const sample = await sampleInReadingMode();
    closeAll();
    await checkStorage();
    // The first thing after start is a write: the guard must already know.
    await expect(updateInsight(sample.meta.id, sample.tables.insights[0]!.id, { title: 'x' })).rejects.toThrow(/reading mode/i);
  });
});

// Comments and the lineage bookkeeping behind sharing: comments count and mark unsaved, files from before
// comments still open, and a tag merge noted with noteTagMerged reaches the next save's tombstones.
import { unzipSync, zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { readLineage } from '../../src/core/merge/lineage';
import { buildSampleWorkspace } from '../../src/core/sample';
import { decodeWorkspace, encodeWorkspace, MANIFEST_ENTRY } from '../../src/core/workspace-file';
import { addComment, CommentError, listComments, setCommentResolved } from '../../src/renderer/src/db/comments';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { commitSave, getLineageState, noteTagMerged, prepareSave, recordOpened } from '../../src/renderer/src/db/lineage';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { getWorkspace } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

describe('comments', () => {
  it('adds, resolves and counts comments; the workspace becomes unsaved', async () => {
    const sample = buildSampleWorkspace();
    await importSnapshot(sample, { dirty: false });
    const insight = sample.tables.insights[0]!;
    await expect(addComment(sample.meta.id, { table: 'insights', id: insight.id }, '   ')).rejects.toThrow(CommentError);
    const c = await addComment(sample.meta.id, { table: 'insights', id: insight.id }, '  Is n=12 enough? ');
    expect(c).toMatchObject({ body: 'Is n=12 enough?', author: 'me', targetTable: 'insights', targetId: insight.id });
    await setCommentResolved(sample.meta.id, c.id, true);
    expect((await listComments(sample.meta.id))[0]?.resolvedAt).toBeDefined();
    const entry = await getWorkspace(sample.meta.id);
    expect(entry?.counts.comments).toBe(1);
    expect(entry?.dirty).toBe(true);
  });

  it('opens a file written before comments existed (no comments entry, no count)', () => {
    const files = unzipSync(encodeWorkspace(buildSampleWorkspace(), { appVersion: 'old' }));
    delete files['tables/comments.ndjson'];
    const manifest: unknown = JSON.parse(new TextDecoder().decode(files[MANIFEST_ENTRY]));
    if (typeof manifest !== 'object' || manifest === null) throw new Error('no manifest');
    const counts: unknown = Reflect.get(manifest, 'counts');
    if (typeof counts === 'object' && counts !== null) Reflect.deleteProperty(counts, 'comments');
    Reflect.set(manifest, 'entries', (Reflect.get(manifest, 'entries') as { path: string }[]).filter((e) => e.path !== 'tables/comments.ndjson'));
    files[MANIFEST_ENTRY] = new TextEncoder().encode(JSON.stringify(manifest));
    const snapshot = decodeWorkspace(zipSync(files));
    expect(snapshot.tables.comments).toEqual([]);
    expect(snapshot.tables.tags.length).toBeGreaterThan(0);
  });
});

describe('lineage bookkeeping', () => {
  it('a save records its parent and the tag merges noted since, then becomes the head', async () => {
    const sample = buildSampleWorkspace();
    const bytes = encodeWorkspace(sample, { appVersion: 'test' });
    const opened = recordOpened(bytes, { ownFile: true });
    await importSnapshot(decodeWorkspace(bytes), { file: { name: 'a.loupe', path: null }, within: opened.within });
    const first = await getLineageState(sample.meta.id);
    expect(first.head).toMatch(/^file-/);
    expect(first.fileHead).toBe(first.head);

    const [from, into] = sample.tables.tags;
    const db = workspaceDb(sample.meta.id);
    await db.taggings.where('tagId').equals(from!.id).modify({ tagId: into!.id });
    await db.tags.delete(from!.id);
    await noteTagMerged(sample.meta.id, from!.id, into!.id);

    const save = await prepareSave(sample.meta.id, 'test');
    const lineage = readLineage(save.bytes);
    expect(lineage?.saves.at(-1)?.parentSaveIds).toEqual([first.head]);
    expect(lineage?.tombstones).toEqual([expect.objectContaining({ table: 'tags', id: from!.id, mergedInto: into!.id })]);
    await commitSave(sample.meta.id, save, { ownFile: true });
    expect(await getLineageState(sample.meta.id)).toEqual({ head: save.lineage.head, fileHead: save.lineage.head });
    expect(await db.tombstones.count()).toBe(0);
  });
});

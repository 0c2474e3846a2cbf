import { beforeEach, describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import { TABLES, type WorkspaceSnapshot } from '../../src/core/model';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import {
  countAnswers,
  exportSnapshot,
  importSnapshot,
  listAnswers,
  listSourceUnits,
  SnapshotImportError,
  WorkspaceExistsError,
} from '../../src/renderer/src/db/workspace-data';
import { getWorkspace, listWorkspaces } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const T = '2026-03-01T10:00:00.000Z';

/** A small hand-made workspace: one transcript with three utterances and one tag applied once. */
function tinySnapshot(): WorkspaceSnapshot {
  return {
    meta: { id: 'ws-tiny', name: 'Tiny study', createdAt: T, updatedAt: T },
    tables: {
      sources: [{ id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Interview A', vendor: 'vtt', encoding: 'utf-8' }],
      participants: [{ id: 'p1', createdAt: T, updatedAt: T, name: 'Ana', role: 'participant', attributes: { plan: 'Team' }, sourceIds: ['s1'] }],
      questions: [],
      units: [0, 1, 2].map((seq) => ({ id: `s1:${seq}`, createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq, text: `Line ${seq}`, speaker: 'Ana', startSec: seq * 10 })),
      tags: [{ id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#ff0000', order: 0 }],
      highlights: [],
      taggings: [{ id: 'g1', createdAt: T, updatedAt: T, tagId: 't1', unitId: 's1:1', coder: 'me' }],
      clusterings: [],
      insights: [],
      reports: [],
      comments: [],
    },
  };
}

describe('importSnapshot / exportSnapshot', () => {
  it('round-trips the sample workspace through IndexedDB and the file codec', async () => {
    const sample = buildSampleWorkspace();
    const entry = await importSnapshot(sample, { file: { name: 'sample.loupe', path: null } });
    expect(entry.counts.units).toBe(sample.tables.units.length);
    expect(entry.dirty).toBe(false);

    const out = await exportSnapshot(sample.meta.id);
    for (const table of TABLES) {
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect([...out.tables[table]].sort(byId), table).toEqual([...sample.tables[table]].sort(byId));
    }
    expect(out.meta).toEqual(sample.meta);
    const again = decodeWorkspace(encodeWorkspace(out, { appVersion: 'test' }));
    expect(again.tables.units.length).toBe(sample.tables.units.length);
  });

  it('stores nothing when one record is invalid', async () => {
    const bad = tinySnapshot();
    // The last table written is fine; a unit in the middle is not.
    Reflect.set(bad.tables.units[1] ?? {}, 'seq', -1);
    await expect(importSnapshot(bad)).rejects.toThrow(SnapshotImportError);
    await expect(importSnapshot(bad)).rejects.toThrow(/Record 2 of units cannot be stored: seq/);
    expect(await listWorkspaces()).toEqual([]);
  });

  it('is all-or-nothing: a failure mid-transaction keeps the previous local copy intact', async () => {
    const original = tinySnapshot();
    await importSnapshot(original);
    const broken = tinySnapshot();
    broken.tables.sources[0] = { ...broken.tables.sources[0]!, title: 'Changed title' };
    // Duplicate ids pass validation but make bulkAdd fail inside the transaction, after sources were rewritten.
    broken.tables.taggings.push({ ...broken.tables.taggings[0]! });
    await expect(importSnapshot(broken, { replace: true })).rejects.toThrow();

    const after = await exportSnapshot('ws-tiny');
    expect(after.tables.sources[0]?.title).toBe('Interview A');
    expect(after.tables.units).toHaveLength(3);
    expect(after.tables.taggings).toHaveLength(1);
  });

  it('never overwrites an existing workspace silently; replace and copy are explicit', async () => {
    await importSnapshot(tinySnapshot());
    await expect(importSnapshot(tinySnapshot())).rejects.toThrow(WorkspaceExistsError);

    const copy = await importSnapshot(tinySnapshot(), { asCopy: true });
    expect(copy.id).not.toBe('ws-tiny');
    expect(copy.name).toBe('Tiny study (copy)');
    expect((await exportSnapshot(copy.id)).tables.units).toHaveLength(3);

    const changed = tinySnapshot();
    changed.meta.name = 'Tiny study v2';
    await importSnapshot(changed, { replace: true, file: { name: 'tiny.loupe', path: '/tmp/tiny.loupe' } });
    const entry = await getWorkspace('ws-tiny');
    expect(entry?.name).toBe('Tiny study v2');
    expect(entry?.filePath).toBe('/tmp/tiny.loupe');
    expect(await listWorkspaces()).toHaveLength(2);
  });

  it('pages units by key', async () => {
    await importSnapshot(tinySnapshot());
    const first = await listSourceUnits('ws-tiny', 's1', { limit: 2 });
    expect(first.items.map((u) => u.text)).toEqual(['Line 0', 'Line 1']);
    expect(first.next).toBe(1);
    const second = await listSourceUnits('ws-tiny', 's1', { after: first.next ?? undefined, limit: 2 });
    expect(second.items.map((u) => u.text)).toEqual(['Line 2']);
    expect(second.next).toBeNull();
  });

  it('pages answers to one question and counts them', async () => {
    const sample = buildSampleWorkspace();
    await importSnapshot(sample);
    const open = sample.tables.questions.find((q) => q.type === 'open');
    expect(open).toBeDefined();
    const expected = sample.tables.units.filter((u) => u.questionId === open?.id).length;
    expect(await countAnswers(sample.meta.id, open?.id ?? '')).toBe(expected);
    const page = await listAnswers(sample.meta.id, open?.id ?? '', { limit: 50 });
    expect(page.items).toHaveLength(Math.min(50, expected));
    expect(page.items.every((u) => u.questionId === open?.id)).toBe(true);
  });
});

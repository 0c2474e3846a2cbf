// The coding repository: a change-set lands in one transaction (all or nothing), undo restores exactly,
// and the registry entry is marked dirty with its counts kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { applyTags, createHistory, createTag, mergeTags, type ChangeSet } from '../../src/core/coding';
import { emptyTables, type WorkspaceSnapshot } from '../../src/core/model';
import { applyCodingChanges, getCoder, loadCodingState, setCoder } from '../../src/renderer/src/db/coding';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { getWorkspace } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const T = '2026-03-01T10:00:00.000Z';
const WS = 'ws-coding';

function snapshot(): WorkspaceSnapshot {
  return {
    meta: { id: WS, name: 'Coding study', createdAt: T, updatedAt: T },
    tables: {
      ...emptyTables(),
      sources: [{ id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Interview A', vendor: 'vtt', encoding: 'utf-8' }],
      participants: [],
      questions: [],
      units: [0, 1, 2].map((seq) => ({ id: `s1:${seq}`, createdAt: T, updatedAt: T, sourceId: 's1', seq, text: `Line ${seq}`, speaker: 'Ana' })),
      tags: [
        { id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#ff0000', order: 0 },
        { id: 't2', createdAt: T, updatedAt: T, name: 'Slowness', color: '#00ff00', order: 1 },
      ],
      highlights: [],
      taggings: [
        { id: 'g1', createdAt: T, updatedAt: T, tagId: 't1', unitId: 's1:1', coder: 'ana' },
        { id: 'g2', createdAt: T, updatedAt: T, tagId: 't2', unitId: 's1:1', coder: 'ben' },
      ],
      clusterings: [],
      insights: [],
      reports: [],
      comments: [],
    },
  };
}

describe('coding repository', () => {
  it('applies a change-set and its undo exactly, marking the workspace dirty and keeping counts', async () => {
    await importSnapshot(snapshot(), { file: { name: 'c.loupe', path: null } });
    expect((await getWorkspace(WS))?.dirty).toBe(false);
    const s0 = await loadCodingState(WS);
    const history = createHistory();

    const tagOp = applyTags(s0, { kind: 'text', units: [{ id: 's1:0', text: 'Line 0' }], start: 0, end: 4 }, ['t1', 't2'], 'me');
    await applyCodingChanges(WS, tagOp.changes, { before: s0 });
    history.record(tagOp);
    const s1 = await loadCodingState(WS);
    expect(s1.highlights.size).toBe(1);
    expect(s1.taggings.size).toBe(4);
    let entry = await getWorkspace(WS);
    expect(entry?.dirty).toBe(true);
    expect(entry?.counts).toMatchObject({ tags: 2, highlights: 1, taggings: 4 });

    // Merge keeps both coders' codings of s1:1 (intercoder data).
    const merge = mergeTags(s1, ['t2'], 't1');
    await applyCodingChanges(WS, merge.changes); // no `before`: the repository looks the ids up itself
    history.record(merge);
    const s2 = await loadCodingState(WS);
    expect([...s2.taggings.values()].filter((t) => t.unitId === 's1:1').map((t) => `${t.tagId}:${t.coder}`).sort()).toEqual(['t1:ana', 't1:ben']);
    entry = await getWorkspace(WS);
    expect(entry?.counts).toMatchObject({ tags: 1, highlights: 1, taggings: 3 });

    await applyCodingChanges(WS, history.undo()?.inverse ?? { puts: [], deletes: [] });
    expect(await loadCodingState(WS)).toEqual(s1);
    await applyCodingChanges(WS, history.undo()?.inverse ?? { puts: [], deletes: [] });
    expect(await loadCodingState(WS)).toEqual(s0);
    entry = await getWorkspace(WS);
    expect(entry?.counts).toMatchObject({ tags: 2, highlights: 0, taggings: 2 });
  });

  it('writes nothing when any part of a change-set fails', async () => {
    await importSnapshot(snapshot());
    const s0 = await loadCodingState(WS);
    const good = createTag(s0, { name: 'Pricing' }).changes;
    const bad: ChangeSet = {
      puts: [
        ...good.puts,
        // An object IndexedDB cannot key (no id): the whole transaction must roll back.
        { table: 'taggings', record: { ...s0.taggings.get('g1')!, id: undefined as unknown as string } },
      ],
      deletes: [{ table: 'taggings', id: 'g2' }],
    };
    await expect(applyCodingChanges(WS, bad)).rejects.toThrow();
    expect(await loadCodingState(WS)).toEqual(s0);
    expect(await workspaceDb(WS).tags.count()).toBe(2);
  });

  it('keeps the coder name in settings, defaulting to "me"', async () => {
    expect(await getCoder()).toBe('me');
    await setCoder('  Ana   Lima ');
    expect(await getCoder()).toBe('Ana Lima');
    await expect(setCoder('   ')).rejects.toThrow(/coder name/);
  });
});

// The coding repository: a change-set lands in one transaction (all or nothing), undo restores exactly,
// and the registry entry is marked dirty with its counts kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { applyTags, createHistory, createTag, mergeTags, removeTags, type ChangeSet } from '../../src/core/coding';
import { exportQdpx } from '../../src/core/refi/qdpx-export';
import { emptyTables, type WorkspaceSnapshot } from '../../src/core/model';
import { applyCodingChanges, getCoder, loadCodingState, setCoder } from '../../src/renderer/src/db/coding';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { exportSnapshot, importSnapshot, taggingCountsByTag } from '../../src/renderer/src/db/workspace-data';
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

  it('stores a 1,000-row bulk tag compactly; partial removal, merge, undo and redo read back exactly, and exports see every tagging', async () => {
    const big = snapshot();
    big.tables.units = Array.from({ length: 1000 }, (_, seq) => ({ id: `s1:${seq}`, createdAt: T, updatedAt: T, sourceId: 's1', seq, text: `Line ${seq}`, speaker: 'Ana' }));
    await importSnapshot(big);
    const s0 = await loadCodingState(WS);
    const history = createHistory();
    const unitIds = Array.from({ length: 1000 }, (_, i) => `s1:${i}`);
    const run = async (op: ReturnType<typeof applyTags> | ReturnType<typeof mergeTags> | ReturnType<typeof removeTags>, before: Awaited<ReturnType<typeof loadCodingState>>) => {
      await applyCodingChanges(WS, op.changes, { before });
      history.record(op);
      return loadCodingState(WS);
    };

    const s1 = await run(applyTags(s0, { kind: 'units', unitIds }, ['t2'], 'me'), s0);
    expect(s1.taggings.size).toBe(1001); // s1:1 already had t2
    expect(await workspaceDb(WS).taggings.count()).toBe(2); // the bulk tag went to blocks…
    expect(await workspaceDb(WS).taggingBlocks.count()).toBe(4); // …256 to a record
    expect((await getWorkspace(WS))?.counts.taggings).toBe(1001);
    expect(await taggingCountsByTag(WS)).toEqual(new Map([['t1', 1], ['t2', 1000]]));

    // Remove t2 from a few rows spread over blocks (blocks rewritten, not dropped), then merge t2 into t1.
    const s2 = await run(removeTags(s1, { kind: 'units', unitIds: ['s1:0', 's1:300', 's1:999'] }, ['t2']), s1);
    expect(s2.taggings.size).toBe(998);
    const s3 = await run(mergeTags(s2, ['t2'], 't1'), s2);
    expect([...s3.taggings.values()].every((t) => t.tagId === 't1')).toBe(true);
    expect(s3.taggings.size).toBe(998);

    // The workspace file and the REFI-QDA export read every tagging, wherever it is stored.
    const exported = await exportSnapshot(WS);
    expect(new Map(exported.tables.taggings.map((t) => [t.id, t]))).toEqual(s3.taggings);
    const qde = strFromU8(unzipSync(exportQdpx(exported).bytes)['project.qde']!);
    expect(qde.match(/<Coding /g) ?? []).toHaveLength(998);
    // A snapshot import (open a file, merge, discard changes) puts them back where they were.
    await importSnapshot(exported, { replace: true });
    expect(await loadCodingState(WS)).toEqual(s3);

    for (const expected of [s2, s1, s0]) {
      await applyCodingChanges(WS, history.undo()!.inverse);
      expect(await loadCodingState(WS)).toEqual(expected);
    }
    expect(await workspaceDb(WS).taggingBlocks.count()).toBe(0);
    await applyCodingChanges(WS, history.redo()!.changes);
    expect(await loadCodingState(WS)).toEqual(s1);
    expect((await getWorkspace(WS))?.counts.taggings).toBe(1001);
  });

  it('keeps the coder name in settings, defaulting to "me"', async () => {
    expect(await getCoder()).toBe('me');
    await setCoder('  Ana   Lima ');
    expect(await getCoder()).toBe('Ana Lima');
    await expect(setCoder('   ')).rejects.toThrow(/coder name/);
  });
});

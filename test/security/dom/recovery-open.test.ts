// Opening a workspace after a crash mid-import: recovery (run while the database opens) asks Web Locks whether the
// import is still running, then discards what it staged. bench:crash found that in Chromium, where Web Locks
// answers in a later task, the open never finished (a transaction on the opening connection waited for the open
// itself); recovery now runs on a connection of its own (db/connections.ts). fake-indexeddb does not deadlock the
// way Chromium did, so the Chromium reproduction is bench:crash / test/e2e/crash.spec.ts; this checks the outcome
// with a Web Locks stub that answers late: the open finishes and the staged leftovers are gone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSourceMeta } from '../../../src/renderer/src/db/blocks';
import { closeAll, workspaceDb } from '../../../src/renderer/src/db/connections';
import { createWorkspace } from '../../../src/renderer/src/db/workspaces';
import { putUnitBlocks } from '../../db/put-unit-blocks';
import { resetDatabases } from '../../db/reset';

beforeEach(resetDatabases);
afterEach(() => {
  Reflect.deleteProperty(navigator, 'locks');
});

function slowLocks(): Pick<LockManager, 'query'> {
  return { query: () => new Promise((resolve) => setTimeout(() => resolve({ held: [], pending: [] }), 20)) };
}

function within<T>(ms: number, work: Promise<T>): Promise<T | 'timed out'> {
  return Promise.race([work, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);
}

describe('opening a workspace after a crash mid-import', () => {
  it.each([
    ['a new source', 'importing'],
    ['an append to a ready source', 'ready'],
  ] as const)('finishes and discards what %s had staged', async (_label, status) => {
    const { id } = await createWorkspace('Crashed');
    const db = workspaceDb(id);
    const meta = { ...newSourceMeta('s1', 256, 64, status), staging: { jobId: 'j', lock: 'loupe-import:dead', unitBlock: 0, respondentBlock: 0, startedAt: '2026-01-01T00:00:00.000Z' } };
    await db.sourceMeta.put(meta);
    await putUnitBlocks(db, [{ sourceId: 's1', block: 0, dict: [], seq: [1], text: ['staged'], participant: [-1], question: [-1], extra: [] } as never]);
    closeAll();
    Object.defineProperty(navigator, 'locks', { configurable: true, value: slowLocks() });

    const opened = await within(10_000, workspaceDb(id).open().then(() => 'open'));
    expect(opened).toBe('open');
    expect(await workspaceDb(id).unitBlocks.count()).toBe(0);
    const after = await workspaceDb(id).sourceMeta.get('s1');
    if (status === 'importing') expect(after).toBeUndefined();
    else expect(after?.staging).toBeUndefined();
  });
});

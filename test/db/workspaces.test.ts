import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createWorkspace,
  currentWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  markOpened,
  markSaved,
  renameWorkspace,
  WorkspaceNameError,
} from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

describe('workspace registry', () => {
  it('creates a workspace with its own database and zero counts', async () => {
    const ws = await createWorkspace('  Q3   onboarding study ');
    expect(ws.name).toBe('Q3 onboarding study');
    expect(ws.counts.units).toBe(0);
    expect(await Dexie.getDatabaseNames()).toContain(`loupe-ws-${ws.id}`);
    expect((await listWorkspaces()).map((w) => w.id)).toEqual([ws.id]);
  });

  it('refuses an empty name with a message for the user', async () => {
    await expect(createWorkspace('   ')).rejects.toThrow(WorkspaceNameError);
    await expect(createWorkspace('   ')).rejects.toThrow('Give the workspace a name.');
  });

  it('renames, marking the workspace as changed since its last save', async () => {
    const ws = await createWorkspace('Draft');
    await markSaved(ws.id, { name: 'draft.loupe', path: null });
    expect((await getWorkspace(ws.id))?.dirty).toBe(false);
    await renameWorkspace(ws.id, 'Final');
    const after = await getWorkspace(ws.id);
    expect(after?.name).toBe('Final');
    expect(after?.dirty).toBe(true);
  });

  it('lists most recently opened first and tracks the current one', async () => {
    const a = await createWorkspace('A');
    await createWorkspace('B');
    await new Promise((r) => setTimeout(r, 5));
    await markOpened(a.id);
    expect((await listWorkspaces()).map((w) => w.name)).toEqual(['A', 'B']);
    expect((await currentWorkspace())?.id).toBe(a.id);
  });

  it('deletes the registry entry and the database', async () => {
    const ws = await createWorkspace('Doomed');
    await deleteWorkspace(ws.id);
    expect(await getWorkspace(ws.id)).toBeUndefined();
    expect(await Dexie.getDatabaseNames()).not.toContain(`loupe-ws-${ws.id}`);
  });
});

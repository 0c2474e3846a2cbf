// Storage failures a user would notice, over the real data layer (fake-indexeddb): a database written by a newer
// Loupe (or one that fails to open) leads to the recovery screen — restore a backup as a NEW workspace, or open
// another — and never to silent data loss; persistent storage is requested at startup; a full disk and a failed
// save are reported with what to do.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSampleWorkspace } from '../../../src/core/sample';
import { encodeWorkspace } from '../../../src/core/workspace-file';
import { App } from '../../../src/renderer/src/app/App';
import { DISK_FULL_MESSAGE, isQuotaError, userMessage } from '../../../src/renderer/src/app/errors';
import { closeAll, DatabaseOpenError, toDatabaseOpenError } from '../../../src/renderer/src/db/connections';
import { CURRENT_WORKSPACE_VERSION, REGISTRY_DB_NAME, workspaceDbName } from '../../../src/renderer/src/db/schema';
import { importSnapshot } from '../../../src/renderer/src/db/workspace-data';
import { currentWorkspace, listWorkspaces } from '../../../src/renderer/src/db/workspaces';
import { resetDatabases } from '../../db/reset';
import { fakePlatform } from '../../renderer/fake-platform';

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
  window.location.hash = '#/sources';
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
});

/** Reopens a workspace database as a newer app would have left it: a higher version with an extra store. */
async function upgradeAsNewerApp(workspaceId: string): Promise<number> {
  closeAll();
  const name = workspaceDbName(workspaceId);
  const current = await new Promise<number>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const v = req.result.version;
      req.result.close();
      resolve(v);
    };
    req.onerror = () => reject(req.error);
  });
  const newer = (CURRENT_WORKSPACE_VERSION + 3) * 10;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(name, newer);
    req.onupgradeneeded = () => req.result.createObjectStore('futureThings', { keyPath: 'id' });
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
  expect(newer).toBeGreaterThan(current);
  return newer;
}

async function rawCount(dbName: string, store: string): Promise<{ version: number; count: number }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => {
      const db = req.result;
      const count = db.transaction(store, 'readonly').objectStore(store).count();
      count.onsuccess = () => {
        resolve({ version: db.version, count: count.result });
        db.close();
      };
      count.onerror = () => reject(count.error);
    };
    req.onerror = () => reject(req.error);
  });
}

function backupFile(name: string): { name: string; path: string; bytes: Uint8Array } {
  const snapshot = buildSampleWorkspace();
  snapshot.meta.name = name;
  return { name: `${name}.loupe`, path: `/backups/${name}.loupe`, bytes: encodeWorkspace(snapshot, { appVersion: 'test' }) };
}

describe('a workspace database that cannot be opened', () => {
  it('shows the recovery screen for data from a newer Loupe, leaves it untouched, and restores a backup as a new workspace', async () => {
    const original = await importSnapshot(buildSampleWorkspace(), { dirty: false });
    const before = await rawCount(workspaceDbName(original.id), 'sources');
    const newerVersion = await upgradeAsNewerApp(original.id);
    const backup = backupFile('Restored study');
    const platform = fakePlatform({ openFile: vi.fn(async () => backup) });
    const user = userEvent.setup();
    render(<App platform={platform} />);

    const screenRoot = await screen.findByRole('main', { name: 'Recover your data' }, WAIT);
    expect(within(screenRoot).getByRole('heading', { name: 'Your workspace could not be opened' })).toBeInTheDocument();
    expect(screenRoot).toHaveTextContent(/saved by a newer version of Loupe/);
    expect(screenRoot).toHaveTextContent(/Nothing was deleted/);
    // The app did not render any section over the unusable database.
    expect(screen.queryByRole('navigation', { name: 'Sections' })).toBeNull();

    await user.click(within(screenRoot).getByRole('button', { name: 'Restore from a backup file…' }));
    // The backup has the broken workspace's id, so it comes in as a copy beside it.
    expect(await screen.findByRole('button', { name: 'Workspace: Restored study (copy). Switch workspace' }, WAIT)).toBeInTheDocument();

    // Two workspaces now: the restored copy (current) and the newer app's, whose data is exactly as it was.
    const all = await listWorkspaces();
    expect(all).toHaveLength(2);
    expect((await currentWorkspace())?.id).not.toBe(original.id);
    closeAll();
    const after = await rawCount(workspaceDbName(original.id), 'sources');
    expect(after).toEqual({ version: newerVersion, count: before.count });
  });

  it('offers the other workspaces instead, and opens the one chosen', async () => {
    const other = await importSnapshot({ ...buildSampleWorkspace(), meta: { ...buildSampleWorkspace().meta, name: 'Other study' } }, { asCopy: true, dirty: false });
    await new Promise((r) => setTimeout(r, 5));
    const broken = await importSnapshot(buildSampleWorkspace(), { dirty: false });
    expect((await currentWorkspace())?.id).toBe(broken.id);
    await upgradeAsNewerApp(broken.id);
    const user = userEvent.setup();
    render(<App platform={fakePlatform()} />);
    const others = await screen.findByRole('navigation', { name: 'Other workspaces' }, WAIT);
    await user.click(within(others).getByRole('button', { name: 'Open Other study (copy)' }));
    expect(await screen.findByRole('button', { name: 'Workspace: Other study (copy). Switch workspace' }, WAIT)).toBeInTheDocument();
    expect((await currentWorkspace())?.id).toBe(other.id);
  });

  it('maps what a failed open rejects with to a typed error', () => {
    const inner = (name: string): Error => Object.assign(new Error(name), { name });
    const wrapped = (name: string): Error => Object.assign(new Error(`OpenFailedError: ${name}`), { name: 'OpenFailedError', inner: inner(name) });
    expect(toDatabaseOpenError(wrapped('VersionError'), 'db').problem).toBe('newer-version');
    expect(toDatabaseOpenError(wrapped('UnknownError'), 'db').problem).toBe('corrupt');
    expect(toDatabaseOpenError(inner('DataError'), 'db').problem).toBe('corrupt');
    expect(toDatabaseOpenError(inner('MissingAPIError'), 'db').problem).toBe('unavailable');
    const typed = toDatabaseOpenError(wrapped('UnknownError'), 'loupe-ws-x');
    expect(typed).toBeInstanceOf(DatabaseOpenError);
    expect(typed.database).toBe('loupe-ws-x');
    expect(typed.message).toMatch(/restore a backup file/);
  });

  it('shows the recovery screen when the open itself fails (a damaged database)', async () => {
    await importSnapshot(buildSampleWorkspace(), { dirty: false });
    closeAll();
    const realOpen = Dexie.prototype.open;
    const open = vi.spyOn(Dexie.prototype, 'open').mockImplementation(function (this: Dexie) {
      if (this.name === REGISTRY_DB_NAME) return realOpen.call(this);
      // What Chromium reports for a damaged LevelDB, wrapped the way Dexie wraps it.
      const error = Object.assign(new Error('Internal error opening backing store for indexedDB.open.'), { name: 'UnknownError' });
      return Dexie.Promise.reject(Object.assign(new Error('OpenFailedError'), { name: 'OpenFailedError', inner: error }));
    });
    try {
      render(<App platform={fakePlatform()} />);
      const root = await screen.findByRole('main', { name: 'Recover your data' }, WAIT);
      expect(root).toHaveTextContent(/may be damaged/);
      expect(within(root).getByRole('button', { name: 'Restore from a backup file…' })).toBeEnabled();
    } finally {
      open.mockRestore();
    }
  });
});

describe('storage at startup and when the disk is full', () => {
  it('asks for persistent storage at startup', async () => {
    const persist = vi.fn(async () => true);
    const persisted = vi.fn(async () => false);
    Object.defineProperty(navigator, 'storage', { configurable: true, value: { persist, persisted } });
    render(<App platform={fakePlatform()} />);
    await screen.findByRole('navigation', { name: 'Sections' }, WAIT);
    expect(persisted).toHaveBeenCalled();
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('recognises QuotaExceededError, also wrapped by Dexie, and says what to do', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const abort = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    const dexieWrapped = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError', inner: quota });
    for (const error of [quota, abort, dexieWrapped]) {
      expect(isQuotaError(error)).toBe(true);
      expect(userMessage(error)).toBe(DISK_FULL_MESSAGE);
    }
    expect(DISK_FULL_MESSAGE).toMatch(/Your disk is full.*Free some disk space.*export/);
    expect(isQuotaError(new Error('nope'))).toBe(false);
  });

  it('reports a full disk while storing the first workspace, instead of failing silently', async () => {
    const platform = fakePlatform({
      loadSample: vi.fn(async () => Promise.reject(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('quota', 'QuotaExceededError') }))),
    });
    render(<App platform={platform} />);
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent(/Your disk is full/);
    expect(alert).toHaveTextContent(/Free some disk space/);
  });
});

describe('a save that fails in main', () => {
  it.each([
    ['ENOSPC', 'no space left on device, write'],
    ['EACCES', 'permission denied, open'],
  ])('tells the user (%s) that the previous file is intact', async (code, detail) => {
    // What Electron hands the renderer when main's saveWorkspace throws a UserFacingError.
    const message = `Error invoking remote method 'loupe:save-workspace': UserFacingError: Could not save “study.loupe”: ${code}: ${detail}. The previous version of the file is intact; check the disk has space and the folder is writable, then save again (or use Save As).`;
    const platform = fakePlatform({ saveFile: vi.fn(async () => Promise.reject(new Error(message))) });
    const user = userEvent.setup();
    render(<App platform={platform} />);
    await screen.findByRole('navigation', { name: 'Sections' }, WAIT);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'The workspace was not saved' }, WAIT);
    expect(dialog).toHaveTextContent(`Could not save “study.loupe”: ${code}`);
    expect(dialog).toHaveTextContent('The previous version of the file is intact');
    expect(dialog).not.toHaveTextContent('Error invoking remote method');
    // Still unsaved: the status bar does not claim a save that did not happen.
    expect(screen.getByRole('contentinfo', { name: 'Status' })).not.toHaveTextContent(/Saved to/);
  });
});

// A save that fails midway — disk full (ENOSPC) while writing, permission denied (EACCES) creating the temp
// file or replacing the target — leaves the previous file byte-identical, no temp files behind, and an error
// whose message says what happened and that the old file is intact. Through the real saveWorkspace IPC channel.
import * as realFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workspaceBytes } from '../main/fixtures';

vi.mock('electron', () => import('../main/fakes/electron'));

const { atomicWriteFile } = await import('../../src/main/files');
const { createWorkspaceService } = await import('../../src/main/workspace-service');
const { createPathGrants, createRecentStore } = await import('../../src/main/files');
type FsPromises = import('../../src/main/files').FsPromises;

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Disk fills up after `bytesBeforeFull` bytes of the new file were written. */
function diskFullAfter(bytesBeforeFull: number): FsPromises {
  return {
    ...realFs,
    open: async (...args: Parameters<typeof realFs.open>) => {
      const handle = await realFs.open(...args);
      return Object.assign(handle, {
        writeFile: async (data: Uint8Array) => {
          await handle.write(data.subarray(0, Math.min(bytesBeforeFull, data.byteLength)));
          throw errno('ENOSPC', 'no space left on device, write');
        },
      });
    },
  };
}

const permissionDeniedOnCreate: FsPromises = {
  ...realFs,
  open: async () => Promise.reject(errno('EACCES', 'permission denied, open')),
};
const permissionDeniedOnReplace: FsPromises = {
  ...realFs,
  rename: async () => Promise.reject(errno('EACCES', 'permission denied, rename')),
};
const fsyncFails: FsPromises = {
  ...realFs,
  open: async (...args: Parameters<typeof realFs.open>) => {
    const handle = await realFs.open(...args);
    return Object.assign(handle, { sync: async () => Promise.reject(errno('EIO', 'i/o error, fsync')) });
  },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-save-fail-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const CASES: [string, FsPromises, RegExp][] = [
  ['the disk is full before anything is written', diskFullAfter(0), /no space left on device/],
  ['the disk fills up halfway through', diskFullAfter(20_000), /no space left on device/],
  ['the folder does not allow new files (EACCES)', permissionDeniedOnCreate, /permission denied/],
  ['the target cannot be replaced (EACCES on rename)', permissionDeniedOnReplace, /permission denied/],
  ['the disk reports an I/O error on fsync', fsyncFails, /i\/o error/],
];

describe('a save that fails midway', () => {
  it.each(CASES)('keeps the previous file intact and says so when %s', async (_label, fs, cause) => {
    const target = join(dir, 'study.loupe');
    const previous = workspaceBytes('Previous');
    await writeFile(target, previous);
    const next = new Uint8Array(60_000).map((_, i) => (i * 7) % 256);
    const attempt = atomicWriteFile(target, next, fs);
    await expect(attempt).rejects.toThrow(cause);
    await expect(attempt).rejects.toThrow(/Could not save “study.loupe”.*previous version of the file is intact/);
    await expect(attempt).rejects.toThrow(/check the disk has space and the folder is writable/);
    expect(new Uint8Array(await readFile(target))).toEqual(previous);
    expect(await readdir(dir)).toEqual(['study.loupe']);
  });

  it('through the saveWorkspace channel: refuses with a user message, keeps the old file and its backups', async () => {
    const target = join(dir, 'study.loupe');
    const previous = workspaceBytes('Previous');
    await writeFile(target, previous);
    const grants = createPathGrants();
    grants.grant(target);
    const service = createWorkspaceService({
      getWindow: () => null,
      getInfo: () => ({ appVersion: '0.1.0', platform: 'linux' }),
      dialogs: { open: async () => null, save: async () => null, export: async () => null },
      recent: createRecentStore(join(dir, 'user', 'recent.json')),
      grants,
      fs: diskFullAfter(1000),
    });
    const attempt = service.handlers.saveWorkspace({ path: target, suggestedName: 'study.loupe', bytes: workspaceBytes('Next') });
    await expect(attempt).rejects.toMatchObject({ name: 'UserFacingError' });
    await expect(attempt).rejects.toThrow(/previous version of the file is intact/);
    expect(new Uint8Array(await readFile(target))).toEqual(previous);
    // The backup made before overwriting is a copy, so it is intact too; no temp file is left beside the target.
    const entries = (await readdir(dir)).filter((e) => e !== 'user');
    expect(entries.filter((e) => e.endsWith('.tmp'))).toEqual([]);
    expect(entries).toContain('study.loupe');
  });
});

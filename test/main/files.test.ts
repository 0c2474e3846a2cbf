import * as realFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile, createRecentStore, type FsPromises, MAX_RECENT, readWorkspaceFile } from '../../src/main/files';
import { workspaceBytes } from './fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A filesystem whose file handles fail after writing part of the data, like a crash or a full disk. */
function failingMidWrite(): FsPromises {
  return {
    ...realFs,
    open: async (...args: Parameters<typeof realFs.open>) => {
      const handle = await realFs.open(...args);
      return Object.assign(handle, {
        writeFile: async (data: Uint8Array) => {
          await handle.write(data.subarray(0, Math.floor(data.byteLength / 2)));
          throw new Error('ENOSPC: no space left on device');
        },
      });
    },
  };
}

describe('atomicWriteFile', () => {
  it('round-trips bytes and leaves no temp files', async () => {
    const target = join(dir, 'a.loupe');
    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    await atomicWriteFile(target, bytes);
    await atomicWriteFile(target, bytes.subarray(0, 10));
    expect(new Uint8Array(await readFile(target))).toEqual(bytes.subarray(0, 10));
    expect(await readdir(dir)).toEqual(['a.loupe']);
  });

  it('keeps the old file byte-identical and cleans up when the write fails midway', async () => {
    const target = join(dir, 'study.loupe');
    const original = workspaceBytes('Original');
    await writeFile(target, original);
    const attempt = atomicWriteFile(target, new Uint8Array(50_000).fill(7), failingMidWrite());
    await expect(attempt).rejects.toThrow(/previous version of the file is intact/);
    await expect(attempt).rejects.toThrow(/no space left/);
    expect(new Uint8Array(await readFile(target))).toEqual(original);
    expect(await readdir(dir)).toEqual(['study.loupe']);
  });

  it('keeps the old file when the rename fails', async () => {
    const target = join(dir, 'study.loupe');
    await writeFile(target, 'old');
    const fs: FsPromises = { ...realFs, rename: async () => Promise.reject(new Error('EXDEV')) };
    await expect(atomicWriteFile(target, new Uint8Array([1, 2]), fs)).rejects.toThrow(/intact/);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['study.loupe']);
  });

  it('reports a folder that does not exist in words a user can act on', async () => {
    await expect(atomicWriteFile(join(dir, 'missing', 'x.loupe'), new Uint8Array([1]))).rejects.toThrow(
      /Could not save “x.loupe”/,
    );
  });
});

describe('readWorkspaceFile', () => {
  it('reads a workspace as a plain Uint8Array', async () => {
    const target = join(dir, 'w.loupe');
    await writeFile(target, workspaceBytes());
    const file = await readWorkspaceFile(target);
    expect(file.name).toBe('w.loupe');
    expect(Object.getPrototypeOf(file.bytes)).toBe(Uint8Array.prototype);
    expect(file.bytes).toEqual(workspaceBytes());
  });

  it.each([
    ['text', 'hello'],
    ['a zip-looking truncation', workspaceBytes().subarray(0, 40)],
  ])('refuses %s that is not a workspace', async (_label, content) => {
    const target = join(dir, 'bad.loupe');
    await writeFile(target, content);
    await expect(readWorkspaceFile(target)).rejects.toThrow(/bad.loupe/);
  });

  it('refuses empty files, folders, missing files and files over the cap', async () => {
    await writeFile(join(dir, 'empty.loupe'), '');
    await expect(readWorkspaceFile(join(dir, 'empty.loupe'))).rejects.toThrow(/empty/);
    await expect(readWorkspaceFile(dir)).rejects.toThrow(/not a file/);
    await expect(readWorkspaceFile(join(dir, 'gone.loupe'))).rejects.toThrow(/moved or deleted/);
    await writeFile(join(dir, 'big.loupe'), workspaceBytes());
    await expect(readWorkspaceFile(join(dir, 'big.loupe'), 10)).rejects.toThrow(/too large/);
  });
});

describe('recent files store', () => {
  it('keeps the newest ten, most recent first, without duplicates, across restarts', async () => {
    const storePath = join(dir, 'user', 'recent-files.json');
    const store = createRecentStore(storePath);
    for (let i = 0; i < 12; i += 1) await store.add(join(dir, `f${i}.loupe`));
    await store.add(join(dir, 'f5.loupe'));
    const reloaded = await createRecentStore(storePath).list();
    expect(reloaded).toHaveLength(MAX_RECENT);
    expect(reloaded.map((f) => f.name).slice(0, 3)).toEqual(['f5.loupe', 'f11.loupe', 'f10.loupe']);
    expect(new Set(reloaded.map((f) => f.path)).size).toBe(MAX_RECENT);
  });

  it.each([
    ['not JSON', '{{{'],
    ['the wrong shape', JSON.stringify({ files: 'nope' })],
    ['a future version', JSON.stringify({ version: 9, files: [] })],
  ])('starts empty when the file is %s', async (_label, content) => {
    const storePath = join(dir, 'recent-files.json');
    await writeFile(storePath, content);
    const store = createRecentStore(storePath);
    expect(await store.list()).toEqual([]);
    await store.add(join(dir, 'a.loupe'));
    expect(await createRecentStore(storePath).list()).toHaveLength(1);
  });

  it('keeps the valid entries of a partly damaged list', async () => {
    const storePath = join(dir, 'recent-files.json');
    const good = { path: '/w/a.loupe', name: 'a.loupe', openedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(storePath, JSON.stringify({ version: 1, files: [good, { path: 3 }, { ...good, path: '/x\0y' }] }));
    expect(await createRecentStore(storePath).list()).toEqual([good]);
  });
});

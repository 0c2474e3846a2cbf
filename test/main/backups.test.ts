// Rolling backups of workspace files, on a real temp folder: N kept, newest last, the original never touched
// when the backup cannot be made (and the save is then refused).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_FOLDER, backupBeforeOverwrite, type BackupFs } from '../../src/main/backups';
import { UserFacingError } from '../../src/main/files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-backups-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const clock = (start: number) => {
  let t = start;
  return () => new Date((t += 60_000));
};

describe('backupBeforeOverwrite', () => {
  it('keeps the previous versions, the newest N only', async () => {
    const file = join(dir, 'Relay study.loupe');
    const now = clock(Date.UTC(2026, 2, 1, 14, 0));
    for (let v = 1; v <= 7; v++) {
      await writeFile(file, `version ${v}`);
      await backupBeforeOverwrite(file, { keep: 3, now });
    }
    const names = (await readdir(join(dir, BACKUP_FOLDER))).sort();
    expect(names).toHaveLength(3);
    expect(names.every((n) => n.startsWith('Relay study.loupe.bak-2026-03-01T'))).toBe(true);
    const contents = await Promise.all(names.map((n) => readFile(join(dir, BACKUP_FOLDER, n), 'utf8')));
    expect(contents).toEqual(['version 5', 'version 6', 'version 7']);
    expect(await readFile(file, 'utf8')).toBe('version 7');
  });

  it('does nothing for a new file or when told to keep none', async () => {
    expect(await backupBeforeOverwrite(join(dir, 'new.loupe'))).toBeNull();
    await writeFile(join(dir, 'a.loupe'), 'x');
    expect(await backupBeforeOverwrite(join(dir, 'a.loupe'), { keep: 0 })).toBeNull();
    expect(await readdir(dir)).toEqual(['a.loupe']);
  });

  it('never touches the original when the backup fails, and refuses with a message', async () => {
    const file = join(dir, 'study.loupe');
    await writeFile(file, 'precious');
    const failing: BackupFs = { ...nodeFs, rename: async () => Promise.reject(new Error('ENOSPC: no space left on device')) };
    await expect(backupBeforeOverwrite(file, { fs: failing })).rejects.toThrow(UserFacingError);
    await expect(backupBeforeOverwrite(file, { fs: failing })).rejects.toThrow(/The file was not changed/);
    expect(await readFile(file, 'utf8')).toBe('precious');
    // No temp file is left behind.
    expect(await readdir(join(dir, BACKUP_FOLDER))).toEqual([]);
  });
});

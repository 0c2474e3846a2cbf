/**
 * Rolling backups of workspace files: before Save overwrites `X.loupe`, the version on disk is copied to
 * `.loupe-backups/X.loupe.bak-<timestamp>` beside it, and only the newest N backups of X are kept.
 * The copy is atomic (temp file, fsync, rename) and never touches the original; when it cannot be made the
 * save is refused, so the previous version is never lost without a copy.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserFacingError, type FsPromises } from './files';

export const BACKUP_FOLDER = '.loupe-backups';
export const DEFAULT_KEEP_BACKUPS = 5;

/** The fs calls backups need (tests pass a faulty one). */
export type BackupFs = FsPromises & Pick<typeof nodeFs, 'readdir'>;

/** `2026-03-01T14-02-07-123Z`: sorts by time and is a valid file name everywhere. */
export function backupStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps the current contents of `path` as a backup (if the file exists and keep > 0) and prunes older
 * backups of it beyond `keep`. Returns the backup's path, or null when there was nothing to keep.
 */
export async function backupBeforeOverwrite(path: string, options: { keep?: number; fs?: BackupFs; now?: () => Date } = {}): Promise<string | null> {
  const fs = options.fs ?? nodeFs;
  const keep = options.keep ?? DEFAULT_KEEP_BACKUPS;
  const target = resolve(path);
  const name = basename(target);
  if (keep <= 0) return null;
  let bytes: Uint8Array;
  try {
    const info = await fs.stat(target);
    if (!info.isFile()) return null;
    bytes = await fs.readFile(target);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw new UserFacingError(`Could not keep a backup of “${name}” before saving: ${describe(error)}. The file was not changed.`, { cause: error });
  }
  const folder = join(dirname(target), BACKUP_FOLDER);
  const stamp = backupStamp((options.now ?? (() => new Date()))());
  let backup = join(folder, `${name}.bak-${stamp}`);
  const temp = join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.mkdir(folder, { recursive: true });
    // Two saves in the same millisecond: never overwrite an existing backup.
    if (await exists(fs, backup)) backup = `${backup}-${randomBytes(3).toString('hex')}`;
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, backup);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new UserFacingError(
      `Could not keep a backup of “${name}” in ${BACKUP_FOLDER} before saving: ${describe(error)}. The file was not changed; ` +
        'check the disk has space and the folder is writable, or use Save As to save elsewhere.',
      { cause: error },
    );
  }
  await pruneBackups(folder, name, keep, fs).catch(() => undefined);
  return backup;
}

/** The backups of `fileName` in `folder`, oldest first. */
export async function listBackups(folder: string, fileName: string, fs: Pick<typeof nodeFs, 'readdir'> = nodeFs): Promise<string[]> {
  const prefix = `${fileName}.bak-`;
  const names = await fs.readdir(folder);
  return names.filter((n) => n.startsWith(prefix)).sort();
}

async function pruneBackups(folder: string, fileName: string, keep: number, fs: BackupFs): Promise<void> {
  const all = await listBackups(folder, fileName, fs);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await fs.rm(join(folder, old), { force: true });
}

async function exists(fs: FsPromises, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'ENOENT';
}

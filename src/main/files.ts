/**
 * File I/O for workspaces: atomic writes, capped reads, the recent-files list, and the set of paths the
 * renderer may write to. Main trusts no path from the renderer: a path is usable only if the user chose it
 * in a dialog, opened it this session (OS double-click, menu), or it is in the recent list.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { readManifest, WorkspaceFileError } from '../core/workspace-file';
import { MAX_FILE_BYTES, type OpenedFile, type RecentFile } from '../shared/api';

/** The slice of node:fs/promises these functions use; tests pass a faulty one to simulate crashes. */
export type FsPromises = Pick<typeof nodeFs, 'open' | 'rename' | 'rm' | 'stat' | 'readFile' | 'mkdir'>;

/** An error whose message is meant for the user (what happened, what to do). */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `bytes` to `path` so that a crash or a full disk leaves either the old file or the new one, never a
 * mix: write a temp file in the same folder, fsync it, rename it over the target, then fsync the folder.
 */
export async function atomicWriteFile(path: string, bytes: Uint8Array, fs: FsPromises = nodeFs): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new UserFacingError(
      `Could not save “${basename(target)}”: ${describe(error)}. The previous version of the file is intact; ` +
        'check the disk has space and the folder is writable, then save again (or use Save As).',
      { cause: error },
    );
  }
  // Makes the rename itself durable. Not possible on every platform (Windows), hence best-effort.
  try {
    const dir = await fs.open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Reads a workspace file for the renderer, refusing folders, empty files, files over the cap and files
 * whose manifest does not parse. Main checks only the manifest (cheap, and it keeps non-workspaces out of
 * the recent list and gives an OS double-click a clear error); the renderer does the full decode.
 */
export async function readWorkspaceFile(
  path: string,
  maxBytes: number = MAX_FILE_BYTES,
  fs: FsPromises = nodeFs,
): Promise<OpenedFile> {
  const target = resolve(path);
  const name = basename(target);
  let size: number;
  try {
    const info = await fs.stat(target);
    if (!info.isFile()) throw new UserFacingError(`“${name}” is not a file. Choose a .loupe workspace file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(`Could not open “${name}”: ${describe(error)}. It may have been moved or deleted.`, {
      cause: error,
    });
  }
  if (size === 0) throw new UserFacingError(`“${name}” is empty, so it is not a Loupe workspace.`);
  if (size > maxBytes) {
    throw new UserFacingError(`“${name}” is too large to open (${size} bytes; the limit is ${maxBytes}).`);
  }
  const buffer = await fs.readFile(target);
  // A plain Uint8Array (not a Buffer) so it crosses IPC as the type the contract promises.
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  try {
    readManifest(bytes);
  } catch (error) {
    if (error instanceof WorkspaceFileError) {
      throw new UserFacingError(`“${name}” cannot be opened: ${error.message}`, { cause: error });
    }
    throw new UserFacingError(`“${name}” is not a Loupe workspace file.`, { cause: error });
  }
  return { path: target, name, bytes };
}

// ---------------------------------------------------------------------------------------------------------
// Recent files

export const MAX_RECENT = 10;

// Persisted in userData/recent-files.json: changing this shape needs a migration (bump `version`).
const recentFileSchema = z.object({
  path: z.string().min(1).max(4096),
  name: z.string().min(1).max(255),
  openedAt: z.string().min(1).max(64),
});
const recentStoreSchema = z.object({ version: z.literal(1), files: z.array(z.unknown()) });

export interface RecentStore {
  list(): Promise<RecentFile[]>;
  has(path: string): Promise<boolean>;
  add(path: string): Promise<RecentFile[]>;
  remove(path: string): Promise<RecentFile[]>;
  clear(): Promise<void>;
}

/** Loads lazily, tolerates a missing or corrupt file (keeps the valid entries), writes atomically. */
export function createRecentStore(
  storePath: string,
  options: { fs?: FsPromises; now?: () => Date } = {},
): RecentStore {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? (() => new Date());
  let cache: RecentFile[] | null = null;

  async function load(): Promise<RecentFile[]> {
    if (cache !== null) return cache;
    let files: RecentFile[] = [];
    try {
      const raw: unknown = JSON.parse(await fs.readFile(storePath, 'utf8'));
      const store = recentStoreSchema.safeParse(raw);
      if (store.success) {
        files = store.data.files
          .map((entry) => recentFileSchema.safeParse(entry))
          .flatMap((parsed) => (parsed.success && !parsed.data.path.includes('\0') ? [parsed.data] : []))
          .slice(0, MAX_RECENT);
      }
    } catch {
      // Missing or unreadable JSON: start with an empty list rather than failing the app.
    }
    cache = files;
    return files;
  }

  async function persist(files: RecentFile[]): Promise<void> {
    cache = files;
    await fs.mkdir(dirname(storePath), { recursive: true });
    const json = JSON.stringify({ version: 1, files }, null, 2);
    await atomicWriteFile(storePath, new TextEncoder().encode(json), fs);
  }

  return {
    list: async () => [...(await load())],
    has: async (path) => (await load()).some((file) => file.path === resolve(path)),
    async add(path) {
      const target = resolve(path);
      const entry: RecentFile = { path: target, name: basename(target), openedAt: now().toISOString() };
      const files = [entry, ...(await load()).filter((file) => file.path !== target)].slice(0, MAX_RECENT);
      await persist(files);
      return [...files];
    },
    async remove(path) {
      const target = resolve(path);
      const files = (await load()).filter((file) => file.path !== target);
      await persist(files);
      return [...files];
    },
    clear: () => persist([]),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Path grants

/** Paths the user handed to the app this session (dialog choice, OS open). Compared after resolve(). */
export interface PathGrants {
  grant(path: string): void;
  isGranted(path: string): boolean;
}

export function createPathGrants(): PathGrants {
  const granted = new Set<string>();
  return {
    grant: (path) => void granted.add(resolve(path)),
    isGranted: (path) => granted.has(resolve(path)),
  };
}

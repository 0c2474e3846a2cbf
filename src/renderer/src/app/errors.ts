/** Turns errors from opening, storing and saving into a title and message a user can act on. */
import { WorkspaceFileError } from '../../../core/workspace-file';
import { ReadingModeError } from '../db/reading-mode';
import { SnapshotImportError } from '../db/workspace-data';
import { WorkspaceNameError } from '../db/workspaces';

/** Shown whenever the browser's storage refuses a write for lack of space. */
export const DISK_FULL_MESSAGE =
  'Your disk is full, so Loupe could not store this change. Nothing already stored was lost. ' +
  'Free some disk space (or save/export the workspace to another drive), then try again.';

/** Dexie reports a full disk as QuotaExceededError, or as an AbortError/other error whose `inner` is one. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth += 1) {
    const name = 'name' in e ? e.name : undefined;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = 'inner' in e && e.inner !== undefined ? e.inner : 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/** Electron prefixes errors thrown in main: "Error invoking remote method 'x': UserFacingError: …". */
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

export function userMessage(error: unknown): string {
  if (error instanceof WorkspaceFileError || error instanceof SnapshotImportError || error instanceof WorkspaceNameError) return error.message;
  if (isQuotaError(error)) return DISK_FULL_MESSAGE;
  const readingMode = findReadingModeError(error);
  if (readingMode !== undefined) return readingMode.message;
  if (error instanceof Error && IPC_PREFIX.test(error.message)) return error.message.replace(IPC_PREFIX, '');
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}

/** Dexie may hand the guard's refusal back wrapped (`inner`) in a transaction error. */
function findReadingModeError(error: unknown): ReadingModeError | undefined {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth += 1) {
    if (e instanceof ReadingModeError) return e;
    e = 'inner' in e && e.inner !== undefined ? e.inner : 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

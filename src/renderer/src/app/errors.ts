/** Turns errors from opening, storing and saving into a title and message a user can act on. */
import { WorkspaceFileError } from '../../../core/workspace-file';
import { SnapshotImportError } from '../db/workspace-data';
import { WorkspaceNameError } from '../db/workspaces';

export function userMessage(error: unknown): string {
  if (error instanceof WorkspaceFileError || error instanceof SnapshotImportError || error instanceof WorkspaceNameError) return error.message;
  if (error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'QuotaExceeded')) {
    return 'There is not enough disk space to store this workspace. Free some space and try again.';
  }
  if (error instanceof Error) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}

/**
 * Comments: readers' notes on insights, evidence (highlights) and units. A model table like any other (it
 * travels in the file and merges by id); adding one marks the workspace unsaved and keeps the cached count.
 */
import { newId, nowIso } from '../../../core/ids';
import type { Comment, CommentTarget } from '../../../core/model';
import { CODER_SETTING, DEFAULT_CODER } from './coding';
import { registryDb, workspaceDb } from './connections';
import { getSetting } from './workspaces';

export const MAX_COMMENT_LENGTH = 4000;

/** A comment that cannot be stored as typed; the message says why. */
export class CommentError extends Error {
  override readonly name = 'CommentError';
}

export async function listComments(workspaceId: string): Promise<Comment[]> {
  const rows = await workspaceDb(workspaceId).comments.toArray();
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function commentsOn(workspaceId: string, targetId: string): Promise<Comment[]> {
  const rows = await workspaceDb(workspaceId).comments.where('targetId').equals(targetId).toArray();
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The author recorded on new comments: the same name coding records (Settings › coder). */
export async function commentAuthor(): Promise<string> {
  return (await getSetting(CODER_SETTING)) ?? DEFAULT_CODER;
}

export async function addComment(workspaceId: string, target: { table: CommentTarget; id: string }, body: string): Promise<Comment> {
  const text = body.trim();
  if (text === '') throw new CommentError('Write something before adding the comment.');
  if (text.length > MAX_COMMENT_LENGTH) throw new CommentError(`Keep a comment under ${MAX_COMMENT_LENGTH} characters.`);
  const now = nowIso();
  const comment: Comment = { id: newId(), createdAt: now, updatedAt: now, targetTable: target.table, targetId: target.id, author: await commentAuthor(), body: text };
  await workspaceDb(workspaceId).comments.add(comment);
  await touch(workspaceId, 1);
  return comment;
}

export async function setCommentResolved(workspaceId: string, commentId: string, resolved: boolean): Promise<void> {
  const db = workspaceDb(workspaceId);
  const now = nowIso();
  await db.transaction('rw', db.comments, async () => {
    const c = await db.comments.get(commentId);
    if (c === undefined) return;
    const next: Comment = { ...c, updatedAt: now };
    if (resolved) next.resolvedAt = now;
    else delete next.resolvedAt;
    await db.comments.put(next);
  });
  await touch(workspaceId, 0);
}

export async function deleteComment(workspaceId: string, commentId: string): Promise<void> {
  const db = workspaceDb(workspaceId);
  const existed = (await db.comments.get(commentId)) !== undefined;
  await db.comments.delete(commentId);
  if (existed) await touch(workspaceId, -1);
}

async function touch(workspaceId: string, delta: number): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    // Registries from before comments have no count for them.
    const comments = Math.max(0, (entry.counts.comments ?? 0) + delta);
    await registry.workspaces.put({ ...entry, counts: { ...entry.counts, comments }, dirty: true, updatedAt: nowIso() });
  });
}

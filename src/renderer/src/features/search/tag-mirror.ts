/**
 * Keeps a unit-index worker's copy of tag membership (which units carry which tag) in step with the coding
 * service's tag index, so tag filters send a tag id instead of every unit they cover. The first sync (or one
 * after the index was replaced) sends every tag's units; later ones send only the units that gained or lost
 * a tag (the tag index's journal). Messages to the worker are handled in order, so a query sent after a sync
 * sees its membership.
 */
import type { TagIndexMark, TagIndexView, TagMembershipChange } from '../../../../core/coding';
import type { SearchWorkerApi } from '../../workers/search-protocol';

const synced = new WeakMap<SearchWorkerApi, TagIndexMark>();

export function syncTagMembership(client: SearchWorkerApi, index: TagIndexView): void {
  const since = synced.get(client);
  const mark = index.mark();
  if (since !== undefined && since.index === mark.index && since.generation === mark.generation) return;
  const changes = since === undefined ? null : index.membershipSince(since);
  synced.set(client, mark);
  if (changes !== null && changes.length === 0) return;
  const update = changes === null ? { reset: true, changes: snapshot(index) } : { reset: false, changes };
  // A lost update would leave the copy wrong: start over next time.
  client.tagMembership(update).catch(() => synced.delete(client));
}

function snapshot(index: TagIndexView): TagMembershipChange[] {
  return [...index.tagIds()].map((tagId) => ({ tagId, added: [...index.unitsWith(tagId)], removed: [] }));
}

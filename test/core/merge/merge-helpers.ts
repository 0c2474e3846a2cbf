/** The tag-merge scenario: mine merges Cost into Price with the coding module; theirs keeps coding with Cost. */
import { codingState, applyChangeSet } from '../../../src/core/coding/changeset';
import { mergeTags } from '../../../src/core/coding/codebook';
import type { WorkspaceSnapshot } from '../../../src/core/model';
import { clone, T1, tagging } from './helpers';

export function mergeCodingChanges(base: WorkspaceSnapshot): { mine: WorkspaceSnapshot; theirs: WorkspaceSnapshot } {
  const mine = clone(base);
  const op = mergeTags(codingState(mine.tables), ['cost'], 'price', { env: { newId: () => 'unused', now: () => T1 } });
  const state = applyChangeSet(codingState(mine.tables), op.changes);
  mine.tables.tags = [...state.tags.values()];
  mine.tables.taggings = [...state.taggings.values()];
  mine.tables.highlights = [...state.highlights.values()];

  const theirs = clone(base);
  // Same unit, coder and (after the merge) tag as g1: a duplicate once remapped.
  theirs.tables.taggings.push(tagging('t-cost-0', 'cost', 's1:0', 'ana'));
  theirs.tables.taggings.push(tagging('t-cost-1', 'cost', 's1:2', 'ben'));
  return { mine, theirs };
}

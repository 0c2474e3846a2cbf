/**
 * Codebook operations: create, rename, update, move, merge, split and delete tags. Pure (state, args) →
 * Operation, like the tagging operations, so each is one undoable history entry.
 *
 * Rules kept here:
 * - sibling names are unique (trimmed, case-insensitive) for create, rename, move and split. Merge and
 *   delete-with-reparent never refuse for a name clash — losing the operation would be worse — and report
 *   the clashes instead;
 * - no cycles: a tag can't move under itself or its descendants;
 * - merge loses nothing: every tagging of a source moves to the survivor, and only exact duplicates (same
 *   unit and same highlight, or both whole-unit, by the same coder) collapse into one — two coders' codings
 *   of one passage are intercoder data and both stay;
 * - delete defaults to re-parenting the children to the deleted tag's parent (only the tag's own taggings go);
 *   `children: 'delete'` removes the whole subtree and its taggings. Both report what goes before the UI commits.
 */
import type { Tag, Tagging } from '../model';
import { changeBuilder, type ChangeBuilder, type CodingState, type Operation } from './changeset';
import { tagList } from './describe';
import { CodingError, defaultEnv, type OpEnv } from './env';
import { dropBareHighlights } from './tagging';
import { ancestorIds, childIndex, childrenOf, descendantIds, normalizeColor, paletteColor, sameName } from './tree';

export interface CodebookOptions {
  env?: OpEnv;
}

export interface TagFields {
  color?: string;
  description?: string;
  whenToUse?: string;
  whenNotToUse?: string;
}

function requireTag(state: CodingState, id: string): Tag {
  const t = state.tags.get(id);
  if (!t) throw new CodingError('unknown-tag', 'That tag no longer exists. It may have been merged or deleted.');
  return t;
}

function cleanName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (n === '') throw new CodingError('empty-name', 'A tag needs a name.');
  return n;
}

function checkSiblingName(state: CodingState, parentId: string | undefined, name: string, exceptId?: string): void {
  for (const t of state.tags.values()) {
    if (t.id !== exceptId && t.parentId === parentId && sameName(t.name, name)) {
      const where = parentId ? `under “${state.tags.get(parentId)?.name ?? ''}”` : 'at the top level';
      throw new CodingError('duplicate-name', `There is already a tag “${t.name}” ${where}. Choose another name, or merge the two tags.`);
    }
  }
}

function checkColor(color: string): string {
  const c = normalizeColor(color);
  if (!c) throw new CodingError('bad-color', `“${color}” is not a color. Use a hex color such as #4f7cff.`);
  return c;
}

function nextOrder(state: CodingState, parentId: string | undefined): number {
  let max = -1;
  for (const t of state.tags.values()) if (t.parentId === parentId && t.order > max) max = t.order;
  return max + 1;
}

/** Optional text fields: an empty string clears the field. */
function withFields(tag: Tag, fields: TagFields): Tag {
  const next: Tag = { ...tag };
  if (fields.color !== undefined) next.color = checkColor(fields.color);
  for (const key of ['description', 'whenToUse', 'whenNotToUse'] as const) {
    const v = fields[key];
    if (v === undefined) continue;
    if (v.trim() === '') delete next[key];
    else next[key] = v;
  }
  return next;
}

export type CreateTagArgs = TagFields & { name: string; parentId?: string; id?: string };

export function createTag(state: CodingState, args: CreateTagArgs, options: CodebookOptions = {}): Operation & { tag: Tag } {
  const env = options.env ?? defaultEnv;
  const name = cleanName(args.name);
  if (args.parentId !== undefined) requireTag(state, args.parentId);
  checkSiblingName(state, args.parentId, name);
  const now = env.now();
  let tag: Tag = { id: args.id ?? env.newId(), createdAt: now, updatedAt: now, name, color: paletteColor(state.tags.size), order: nextOrder(state, args.parentId) };
  if (args.parentId !== undefined) tag.parentId = args.parentId;
  tag = withFields(tag, args);
  const b = changeBuilder(state);
  b.put({ table: 'tags', record: tag });
  return { ...b.build(`Create tag ${tag.name}`), tag };
}

export function renameTag(state: CodingState, tagId: string, name: string, options: CodebookOptions = {}): Operation {
  const env = options.env ?? defaultEnv;
  const tag = requireTag(state, tagId);
  const clean = cleanName(name);
  checkSiblingName(state, tag.parentId, clean, tagId);
  const b = changeBuilder(state);
  b.put({ table: 'tags', record: { ...tag, name: clean, updatedAt: env.now() } });
  return b.build(`Rename tag ${tag.name} to ${clean}`);
}

/** Color and the codebook notes (description, when to use, when not to use). */
export function updateTag(state: CodingState, tagId: string, fields: TagFields, options: CodebookOptions = {}): Operation {
  const env = options.env ?? defaultEnv;
  const tag = requireTag(state, tagId);
  const next = withFields(tag, fields);
  next.updatedAt = env.now();
  const b = changeBuilder(state);
  b.put({ table: 'tags', record: next });
  const what = Object.keys(fields).length === 1 && fields.color !== undefined ? 'color' : 'details';
  return b.build(`Edit ${what} of tag ${tag.name}`);
}

export interface MoveTarget {
  /** New parent; null = top level. */
  parentId: string | null;
  /** Position among the new siblings (0-based); omitted = last. */
  index?: number;
}

/** Re-parents and/or reorders a tag. Siblings at the destination are renumbered 0..n-1. */
export function moveTag(state: CodingState, tagId: string, target: MoveTarget, options: CodebookOptions = {}): Operation {
  const env = options.env ?? defaultEnv;
  const tag = requireTag(state, tagId);
  const parentId = target.parentId ?? undefined;
  if (parentId !== undefined) {
    const parent = requireTag(state, parentId);
    if (parentId === tagId || ancestorIds(state.tags, parentId).includes(tagId)) {
      throw new CodingError('cycle', `“${tag.name}” can't go inside “${parent.name}”, which is ${parentId === tagId ? 'itself' : 'one of its own sub-tags'}. Move it somewhere else.`);
    }
  }
  if (parentId !== tag.parentId) checkSiblingName(state, parentId, tag.name, tagId);
  const siblings = childrenOf(state.tags.values(), parentId).filter((t) => t.id !== tagId);
  const index = Math.max(0, Math.min(target.index ?? siblings.length, siblings.length));
  siblings.splice(index, 0, tag);
  const now = env.now();
  const b = changeBuilder(state);
  siblings.forEach((t, order) => {
    if (t.id === tagId) {
      const moved: Tag = { ...t, order, updatedAt: now };
      if (parentId === undefined) delete moved.parentId;
      else moved.parentId = parentId;
      if (moved.order !== t.order || moved.parentId !== t.parentId) b.put({ table: 'tags', record: moved });
    } else if (t.order !== order) {
      b.put({ table: 'tags', record: { ...t, order, updatedAt: now } });
    }
  });
  const description =
    parentId === tag.parentId ? `Reorder tag ${tag.name}` : parentId === undefined ? `Move tag ${tag.name} to the top level` : `Move tag ${tag.name} into ${state.tags.get(parentId)?.name ?? ''}`;
  return b.build(description);
}

/**
 * Moves the given taggings to `tagId`, collapsing any that would duplicate a tagging the target has (or gets)
 * by the same coder. Different coders' codings never collapse: agreement statistics need both.
 */
function retag(b: ChangeBuilder, state: CodingState, taggings: readonly Tagging[], tagId: string, now: string): { moved: number; collapsed: number } {
  const key = (t: Tagging): string => `${t.unitId}\u0000${t.highlightId ?? ''}\u0000${t.coder}`;
  const seen = new Set<string>();
  for (const t of state.taggings.values()) if (t.tagId === tagId) seen.add(key(t));
  let moved = 0;
  let collapsed = 0;
  for (const t of taggings) {
    const k = key(t);
    if (seen.has(k)) {
      b.delete('taggings', t.id);
      collapsed++;
    } else {
      seen.add(k);
      b.put({ table: 'taggings', record: { ...t, tagId, updatedAt: now } });
      moved++;
    }
  }
  return { moved, collapsed };
}

export type MergeTagsResult = Operation & {
  /** Taggings that now point to the survivor. */
  moved: number;
  /** Taggings dropped because the survivor already had the same unit/highlight from the same coder. */
  collapsed: number;
  /** Child tags re-parented under the survivor. */
  childrenMoved: number;
  /** Names that now appear twice under the survivor (kept; the user may want to merge them too). */
  nameClashes: string[];
};

/**
 * Merges `sourceIds` into `survivorId`. The sources' notes are appended to the survivor's (labelled with the
 * source's name) so no codebook text is lost. If the survivor sits inside a source, it takes the place of the
 * outermost such source in the tree.
 */
export function mergeTags(state: CodingState, sourceIds: readonly string[], survivorId: string, options: CodebookOptions = {}): MergeTagsResult {
  const env = options.env ?? defaultEnv;
  const survivor = requireTag(state, survivorId);
  const sources = [...new Set(sourceIds)].filter((id) => id !== survivorId).map((id) => requireTag(state, id));
  if (sources.length === 0) throw new CodingError('bad-selection', 'Choose at least one other tag to merge into this one.');
  const sourceSet = new Set(sources.map((s) => s.id));
  const now = env.now();
  const b = changeBuilder(state);

  const next: Tag = { ...survivor, updatedAt: now };
  // A survivor somewhere inside a source would end up inside itself once the source's children move under it.
  const ancestors = ancestorIds(state.tags, survivorId);
  const outermost = ancestors.reduce((found, id, i) => (sourceSet.has(id) ? i : found), -1);
  const parent = outermost < 0 ? survivor.parentId : ancestors[outermost + 1];
  if (parent !== survivor.parentId) {
    if (parent === undefined) delete next.parentId;
    else next.parentId = parent;
    next.order = nextOrder(state, parent);
  }
  for (const key of ['description', 'whenToUse', 'whenNotToUse'] as const) {
    const extra = sources.filter((s) => s[key] && s[key] !== survivor[key]).map((s) => `From “${s.name}”: ${s[key] ?? ''}`);
    if (extra.length > 0) next[key] = [survivor[key], ...extra].filter((s) => s).join('\n\n');
  }
  b.put({ table: 'tags', record: next });

  const fromSources: Tagging[] = [];
  for (const t of state.taggings.values()) if (sourceSet.has(t.tagId)) fromSources.push(t);
  const { moved, collapsed } = retag(b, state, fromSources, survivorId, now);

  let order = nextOrder(state, survivorId);
  let childrenMoved = 0;
  const names = childrenOf(state.tags.values(), survivorId).map((t) => t.name);
  const nameClashes: string[] = [];
  for (const source of sources) {
    for (const child of childrenOf(state.tags.values(), source.id)) {
      if (sourceSet.has(child.id) || child.id === survivorId) continue;
      if (names.some((n) => sameName(n, child.name))) nameClashes.push(child.name);
      names.push(child.name);
      b.put({ table: 'tags', record: { ...child, parentId: survivorId, order: order++, updatedAt: now } });
      childrenMoved++;
    }
    b.delete('tags', source.id);
  }
  const description = `Merge ${tagList(state, sources.map((s) => s.id))} into ${survivor.name}`;
  return { ...b.build(description), moved, collapsed, childrenMoved, nameClashes };
}

export interface SplitPart extends TagFields {
  name: string;
  /** Taggings of the source tag to move to this new tag. */
  taggingIds: readonly string[];
}

export interface SplitOptions extends CodebookOptions {
  /** Where the new tags go: beside the source (default) or inside it. */
  placement?: 'sibling' | 'child';
}

/** Creates one new tag per part and moves the chosen taggings of `sourceId` to it. The source tag stays. */
export function splitTag(state: CodingState, sourceId: string, parts: readonly SplitPart[], options: SplitOptions = {}): Operation & { tagIds: string[] } {
  const env = options.env ?? defaultEnv;
  const source = requireTag(state, sourceId);
  if (parts.length === 0) throw new CodingError('bad-split', 'Add at least one new tag to split into.');
  const parentId = options.placement === 'child' ? sourceId : source.parentId;
  const used = new Set<string>();
  const names: string[] = [];
  for (const part of parts) {
    const name = cleanName(part.name);
    checkSiblingName(state, parentId, name);
    if (names.some((n) => sameName(n, name))) throw new CodingError('duplicate-name', `“${name}” appears twice in the split. Give each new tag its own name.`);
    names.push(name);
    for (const id of part.taggingIds) {
      const t = state.taggings.get(id);
      if (!t || t.tagId !== sourceId) throw new CodingError('bad-split', `A chosen coding is not tagged “${source.name}” any more. Refresh the list and choose again.`);
      if (used.has(id)) throw new CodingError('bad-split', 'A coding was chosen for two new tags. Each coding can move to one tag only.');
      used.add(id);
    }
  }
  const now = env.now();
  const b = changeBuilder(state);
  let order = nextOrder(state, parentId);
  const tagIds: string[] = [];
  parts.forEach((part, i) => {
    let tag: Tag = { id: env.newId(), createdAt: now, updatedAt: now, name: names[i] ?? part.name, color: source.color, order: order++ };
    if (parentId !== undefined) tag.parentId = parentId;
    tag = withFields(tag, part);
    b.put({ table: 'tags', record: tag });
    tagIds.push(tag.id);
    for (const id of part.taggingIds) {
      const t = state.taggings.get(id);
      if (t) b.put({ table: 'taggings', record: { ...t, tagId: tag.id, updatedAt: now } });
    }
  });
  const into = names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return { ...b.build(`Split ${source.name} into ${into}`), tagIds };
}

export interface DeleteTagOptions extends CodebookOptions {
  /** 'reparent' (default): children move up to the deleted tag's parent. 'delete': the whole subtree goes. */
  children?: 'reparent' | 'delete';
}

export type DeleteTagResult = Operation & {
  tagsRemoved: number;
  taggingsRemoved: number;
  /** Highlights left with no tag and no memo, removed with their last tagging. */
  highlightsRemoved: number;
  childrenMoved: number;
  nameClashes: string[];
};

/** Deletes a tag and its taggings. Call it to learn the counts, show them, then commit the changes. */
export function deleteTag(state: CodingState, tagId: string, options: DeleteTagOptions = {}): DeleteTagResult {
  const env = options.env ?? defaultEnv;
  const tag = requireTag(state, tagId);
  const mode = options.children ?? 'reparent';
  const index = childIndex(state.tags);
  const doomed = new Set([tagId, ...(mode === 'delete' ? descendantIds(state.tags, tagId, index) : [])]);
  const b = changeBuilder(state);
  const now = env.now();
  let childrenMoved = 0;
  const nameClashes: string[] = [];
  if (mode === 'reparent') {
    let order = nextOrder(state, tag.parentId);
    const names = childrenOf(state.tags.values(), tag.parentId)
      .filter((t) => t.id !== tagId)
      .map((t) => t.name);
    for (const child of index.get(tagId) ?? []) {
      const moved: Tag = { ...child, order: order++, updatedAt: now };
      if (tag.parentId === undefined) delete moved.parentId;
      else moved.parentId = tag.parentId;
      if (names.some((n) => sameName(n, child.name))) nameClashes.push(child.name);
      names.push(child.name);
      b.put({ table: 'tags', record: moved });
      childrenMoved++;
    }
  }
  for (const id of doomed) b.delete('tags', id);
  let taggingsRemoved = 0;
  const touched = new Set<string>();
  for (const t of state.taggings.values()) {
    if (!doomed.has(t.tagId)) continue;
    b.delete('taggings', t.id);
    taggingsRemoved++;
    if (t.highlightId !== undefined) touched.add(t.highlightId);
  }
  const highlightsRemoved = dropBareHighlights(state, b, touched);
  const codings = `${taggingsRemoved.toLocaleString('en-US')} coding${taggingsRemoved === 1 ? '' : 's'}`;
  const subtree = doomed.size > 1 ? ` and ${doomed.size - 1} sub-tag${doomed.size === 2 ? '' : 's'}` : '';
  return {
    ...b.build(`Delete tag ${tag.name}${subtree} (${codings})`),
    tagsRemoved: doomed.size,
    taggingsRemoved,
    highlightsRemoved,
    childrenMoved,
    nameClashes,
  };
}

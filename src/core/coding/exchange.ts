/**
 * The format-neutral codebook that CSV and REFI-QDA files are read into and written from, and the operation
 * that brings an imported codebook into the workspace (undoable like any other).
 * Import matches existing tags by path ("Pricing/Discounts", case-insensitive): a match keeps its id and
 * taggings and only takes over the file's color and notes (or, with mode 'fill', only those it lacks);
 * everything else is created.
 */
import type { Tag } from '../model';
import { changeBuilder, type CodingState, type Operation } from './changeset';
import { defaultEnv, type OpEnv } from './env';
import { depthFirst, normalizeColor, paletteColor, sameName } from './tree';

export interface CodebookEntry {
  /** Names from the top level down to this tag, e.g. ["Pricing", "Discounts"]. */
  path: string[];
  color?: string;
  description?: string;
  whenToUse?: string;
  whenNotToUse?: string;
  /** Id the file gave the tag (REFI-QDA guid). */
  guid?: string;
  /** 1-based line in the file, for messages. */
  line?: number;
}

export interface CodebookIssue {
  /** 1-based line in the file (0 = the file as a whole). */
  line: number;
  severity: 'error' | 'warning';
  /** For the user: what happened to the row and what to do. */
  message: string;
}

export interface ParsedCodebook {
  /** Parents always precede their children. */
  entries: CodebookEntry[];
  issues: CodebookIssue[];
}

/** The workspace's tags as entries, in codebook reading order. */
export function codebookEntries(tags: ReadonlyMap<string, Tag>): CodebookEntry[] {
  const pathOf = new Map<string, string[]>();
  return depthFirst(tags).map(({ tag }) => {
    const path = [...(tag.parentId !== undefined ? (pathOf.get(tag.parentId) ?? []) : []), tag.name];
    pathOf.set(tag.id, path);
    const entry: CodebookEntry = { path, color: tag.color, guid: tag.id };
    if (tag.description) entry.description = tag.description;
    if (tag.whenToUse) entry.whenToUse = tag.whenToUse;
    if (tag.whenNotToUse) entry.whenNotToUse = tag.whenNotToUse;
    return entry;
  });
}

export interface ImportCodebookOptions {
  env?: OpEnv;
  /** 'overwrite' (default): matched tags take the file's color and notes. 'fill': only empty fields are set. */
  mode?: 'overwrite' | 'fill';
}

export type ImportCodebookResult = Operation & { created: number; updated: number; unchanged: number };

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

export function importCodebook(state: CodingState, entries: readonly CodebookEntry[], options: ImportCodebookOptions = {}): ImportCodebookResult {
  const env = options.env ?? defaultEnv;
  const mode = options.mode ?? 'overwrite';
  const now = env.now();
  const b = changeBuilder(state);
  // Working view of the tree: existing tags plus the ones created so far, to resolve later paths.
  const all: Tag[] = [...state.tags.values()];
  const findChild = (parentId: string | undefined, name: string): Tag | undefined =>
    all.find((t) => t.parentId === parentId && sameName(t.name, name));
  const orderAfter = (parentId: string | undefined): number => all.reduce((max, t) => (t.parentId === parentId && t.order >= max ? t.order + 1 : max), 0);
  let created = 0;
  let updated = 0;
  let unchanged = 0;

  for (const entry of entries) {
    let parentId: string | undefined;
    entry.path.forEach((name, depth) => {
      const existing = findChild(parentId, name);
      const isLeaf = depth === entry.path.length - 1;
      if (existing) {
        if (isLeaf) {
          const next = mergeFields(existing, entry, mode);
          if (next) {
            const replaced = { ...next, updatedAt: now };
            b.put({ table: 'tags', record: replaced });
            all[all.indexOf(existing)] = replaced;
            updated++;
          } else unchanged++;
        }
        parentId = existing.id;
        return;
      }
      const guid = isLeaf ? GUID.exec(entry.guid ?? '')?.[1]?.toLowerCase() : undefined;
      const id = guid && !state.tags.has(guid) && !all.some((t) => t.id === guid) ? guid : env.newId();
      let tag: Tag = { id, createdAt: now, updatedAt: now, name: name.trim(), color: paletteColor(all.length), order: orderAfter(parentId) };
      if (parentId !== undefined) tag.parentId = parentId;
      if (isLeaf) tag = mergeFields(tag, entry, 'overwrite') ?? tag;
      b.put({ table: 'tags', record: tag });
      all.push(tag);
      created++;
      parentId = id;
    });
  }
  const parts = [created > 0 ? `${created.toLocaleString('en-US')} new` : '', updated > 0 ? `${updated.toLocaleString('en-US')} updated` : ''].filter((s) => s);
  return { ...b.build(`Import codebook (${parts.join(', ') || 'no changes'})`), created, updated, unchanged };
}

/** The tag with the entry's fields applied, or undefined when nothing would change. */
function mergeFields(tag: Tag, entry: CodebookEntry, mode: 'overwrite' | 'fill'): Tag | undefined {
  const next: Tag = { ...tag };
  const color = entry.color !== undefined ? normalizeColor(entry.color) : undefined;
  if (color && (mode === 'overwrite' || !tag.color)) next.color = color;
  for (const key of ['description', 'whenToUse', 'whenNotToUse'] as const) {
    const v = entry[key];
    if (v && (mode === 'overwrite' || !tag[key])) next[key] = v;
  }
  const changed = next.color !== tag.color || next.description !== tag.description || next.whenToUse !== tag.whenToUse || next.whenNotToUse !== tag.whenNotToUse;
  return changed ? next : undefined;
}

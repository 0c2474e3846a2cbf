/** Reading the tag hierarchy: children in order, descendants, paths, colors. Shared by operations and exchange formats. */
import type { Tag } from '../model';

/** Children of `parentId` (undefined = top level), by `order` then name. */
export function childrenOf(tags: Iterable<Tag>, parentId: string | undefined): Tag[] {
  const out: Tag[] = [];
  for (const t of tags) if (t.parentId === parentId) out.push(t);
  return out.sort(byOrder);
}

export function byOrder(a: Tag, b: Tag): number {
  return a.order - b.order || a.name.localeCompare(b.name);
}

/** parentId → children (sorted); the top level is under the key ''. Tags whose parent is missing count as top level. */
export function childIndex(tags: ReadonlyMap<string, Tag>): Map<string, Tag[]> {
  const index = new Map<string, Tag[]>();
  for (const t of tags.values()) {
    const key = t.parentId !== undefined && tags.has(t.parentId) ? t.parentId : '';
    const list = index.get(key);
    if (list) list.push(t);
    else index.set(key, [t]);
  }
  for (const list of index.values()) list.sort(byOrder);
  return index;
}

/** Ids of every descendant of `tagId` (not including it), depth first. */
export function descendantIds(tags: ReadonlyMap<string, Tag>, tagId: string, index = childIndex(tags)): string[] {
  const out: string[] = [];
  const stack = [...(index.get(tagId) ?? [])].reverse();
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t) break;
    out.push(t.id);
    stack.push(...[...(index.get(t.id) ?? [])].reverse());
  }
  return out;
}

/** Ancestors from the parent up to the root. Stops (rather than loops) if the data somehow holds a cycle. */
export function ancestorIds(tags: ReadonlyMap<string, Tag>, tagId: string): string[] {
  const out: string[] = [];
  const seen = new Set([tagId]);
  let cur = tags.get(tagId)?.parentId;
  while (cur !== undefined && tags.has(cur) && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = tags.get(cur)?.parentId;
  }
  return out;
}

/** Tags in depth-first reading order: each parent before its children, siblings by `order`. */
export function depthFirst(tags: ReadonlyMap<string, Tag>): { tag: Tag; depth: number }[] {
  const index = childIndex(tags);
  const out: { tag: Tag; depth: number }[] = [];
  const visit = (parent: string, depth: number): void => {
    for (const t of index.get(parent) ?? []) {
      out.push({ tag: t, depth });
      visit(t.id, depth + 1);
    }
  };
  visit('', 0);
  return out;
}

/** Path segment escaping: "/" separates levels, so a name containing "/" is written "\/" (and "\" as "\\"). */
export function escapeSegment(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && i + 1 < path.length) {
      cur += path[++i];
    } else if (c === '/') {
      out.push(cur.trim());
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur.trim());
  return out.filter((s) => s !== '');
}

/** "Pricing/Discounts" for the tag Discounts under Pricing. */
export function tagPath(tags: ReadonlyMap<string, Tag>, tagId: string): string {
  const chain = [tagId, ...ancestorIds(tags, tagId)].reverse();
  return chain.map((id) => escapeSegment(tags.get(id)?.name ?? '')).join('/');
}

/** A calm, distinguishable palette for new tags; colors cycle. */
export const TAG_PALETTE = ['#4f7cff', '#e8833a', '#2fa36b', '#d64545', '#8a5cd6', '#c9a227', '#1f9bb5', '#d6549a', '#6b7a8f', '#7aa83a'] as const;

export function paletteColor(i: number): string {
  return TAG_PALETTE[((i % TAG_PALETTE.length) + TAG_PALETTE.length) % TAG_PALETTE.length] ?? '#4f7cff';
}

/** "#ABC", "abc", "#AABBCC" → "#aabbcc"; anything else → undefined. */
export function normalizeColor(input: string): string | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m?.[1]) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex.toLowerCase()}`;
}

/** Names compare trimmed and case-insensitively: "pricing" and "Pricing " are the same tag to a reader. */
export function sameName(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;
}

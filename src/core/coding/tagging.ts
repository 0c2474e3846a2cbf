/**
 * Applying and removing tags: whole units in bulk (one operation for 100k survey answers) or a text selection
 * that may run across consecutive units (one highlight per unit part). Plus highlight edits: create, delete,
 * memo, and setting a highlight's tags. Each function is pure: (state, args) → Operation.
 *
 * Policy: when removing tags leaves a highlight with no tag and no memo, the highlight goes too — it existed
 * only to carry the tag, and an invisible empty highlight would still show in the reader.
 */
import type { Highlight, Tagging } from '../model';
import { changeBuilder, type ChangeBuilder, type ChangeSet, type CodingState, type Operation } from './changeset';
import { batchTaggingId } from './batch-id';
import { count, quote, RESPONSES, tagList, type Noun } from './describe';
import { CodingError, defaultEnv, type OpEnv } from './env';
import { codePointLength, sliceCodePoints } from './text';

export interface UnitText {
  id: string;
  text: string;
}

/**
 * What the user selected: whole units (a table of survey answers, many rows at once) or a run of text from
 * `start` in the first unit to `end` (exclusive) in the last, over consecutive units in reading order.
 * Offsets are code points.
 */
export type Selection =
  | { kind: 'units'; unitIds: readonly string[] }
  | { kind: 'text'; units: readonly UnitText[]; start: number; end: number };

export interface TextPart {
  unitId: string;
  start: number;
  end: number;
}

export interface TaggingOptions {
  env?: OpEnv;
  /** How to name units in the description; "response(s)" by default, "passage(s)" suits transcripts. */
  noun?: Noun;
}

/** Splits a text selection into one code-point range per unit, dropping empty parts (e.g. a selection that starts at a unit's very end). */
export function textSelectionParts(units: readonly UnitText[], start: number, end: number): TextPart[] {
  if (units.length === 0) throw new CodingError('bad-selection', 'Nothing is selected. Select some text first.');
  const parts: TextPart[] = [];
  units.forEach((unit, i) => {
    const len = codePointLength(unit.text);
    const from = i === 0 ? start : 0;
    const to = i === units.length - 1 ? end : len;
    if (from < 0 || to > len || from > to) {
      throw new CodingError('bad-range', `The selection (${from}–${to}) does not fit the text of unit ${unit.id} (${len} characters). Select the text again.`);
    }
    if (to > from) parts.push({ unitId: unit.id, start: from, end: to });
  });
  if (parts.length === 0) throw new CodingError('bad-selection', 'The selection is empty. Select some text first.');
  return parts;
}

function requireTags(state: CodingState, tagIds: readonly string[]): string[] {
  const unique = [...new Set(tagIds)];
  if (unique.length === 0) throw new CodingError('bad-selection', 'Choose at least one tag.');
  for (const id of unique) {
    if (!state.tags.has(id)) throw new CodingError('unknown-tag', 'A chosen tag no longer exists. Pick the tag again from the codebook.');
  }
  return unique;
}

const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

function newTagging(env: OpEnv, now: string, tagId: string, unitId: string, coder: string, highlightId?: string, id: string = env.newId()): Tagging {
  const t: Tagging = { id, createdAt: now, updatedAt: now, tagId, unitId, coder };
  if (highlightId !== undefined) t.highlightId = highlightId;
  return t;
}

export type ApplyTagsResult = Operation & {
  /** Highlights the text selection resolved to (existing ones with the same range are reused). */
  highlightIds: string[];
  /** Taggings created; less than units × tags when some were already there. */
  created: number;
};

/** Tags a selection. Applying a tag that is already there is a no-op for that unit/highlight, never a duplicate. */
export function applyTags(
  state: CodingState,
  selection: Selection,
  tagIds: readonly string[],
  coder: string,
  options: TaggingOptions = {},
): ApplyTagsResult {
  const env = options.env ?? defaultEnv;
  const tags = requireTags(state, tagIds);
  const tagSet = new Set(tags);
  const now = env.now();
  const b = changeBuilder(state);
  let created = 0;

  if (selection.kind === 'units') {
    const unitIds = [...new Set(selection.unitIds)];
    if (unitIds.length === 0) throw new CodingError('bad-selection', 'No rows are selected. Select the responses to tag first.');
    const existing = new Set<string>();
    for (const t of state.taggings.values()) {
      if (t.highlightId === undefined && tagSet.has(t.tagId)) existing.add(pairKey(t.tagId, t.unitId));
    }
    // Fast path for the 100k-row case: every record is new, so the inverse is simply their deletes.
    // One batch id for the whole operation: storage packs its taggings many to a record (batch-id.ts).
    const batch = env.newId();
    const changes: ChangeSet = { puts: [], deletes: [] };
    const inverse: ChangeSet = { puts: [], deletes: [] };
    for (const unitId of unitIds) {
      for (const tagId of tags) {
        if (existing.has(pairKey(tagId, unitId))) continue;
        const record = newTagging(env, now, tagId, unitId, coder, undefined, batchTaggingId(batch, created));
        changes.puts.push({ table: 'taggings', record });
        inverse.deletes.push({ table: 'taggings', id: record.id });
        created++;
      }
    }
    const description = `Tag ${count(unitIds.length, options.noun ?? RESPONSES)} as ${tagList(state, tags)}`;
    return { changes, inverse, description, highlightIds: [], created };
  }

  const parts = textSelectionParts(selection.units, selection.start, selection.end);
  const partUnits = new Set(parts.map((p) => p.unitId));
  const sameRange = new Map<string, Highlight>();
  for (const h of state.highlights.values()) {
    if (partUnits.has(h.unitId)) sameRange.set(`${h.unitId}\u0000${h.start}\u0000${h.end}`, h);
  }
  const highlightIds: string[] = [];
  for (const part of parts) {
    const found = sameRange.get(`${part.unitId}\u0000${part.start}\u0000${part.end}`);
    if (found) {
      highlightIds.push(found.id);
      continue;
    }
    const h: Highlight = { id: env.newId(), createdAt: now, updatedAt: now, unitId: part.unitId, start: part.start, end: part.end, coder };
    b.put({ table: 'highlights', record: h });
    highlightIds.push(h.id);
  }
  const hlSet = new Set(highlightIds);
  const existing = new Set<string>();
  for (const t of state.taggings.values()) {
    if (t.highlightId !== undefined && hlSet.has(t.highlightId)) existing.add(pairKey(t.tagId, t.highlightId));
  }
  parts.forEach((part, i) => {
    const highlightId = highlightIds[i] ?? '';
    for (const tagId of tags) {
      if (existing.has(pairKey(tagId, highlightId))) continue;
      b.put({ table: 'taggings', record: newTagging(env, now, tagId, part.unitId, coder, highlightId) });
      created++;
    }
  });
  const textOf = new Map(selection.units.map((u) => [u.id, u.text]));
  const excerpt = parts.map((p) => sliceCodePoints(textOf.get(p.unitId) ?? '', p.start, p.end)).join(' ');
  const across = parts.length > 1 ? ` across ${count(parts.length, options.noun ?? RESPONSES)}` : '';
  return { ...b.build(`Tag ${quote(excerpt)}${across} as ${tagList(state, tags)}`), highlightIds, created };
}

function overlaps(h: { start: number; end: number }, p: TextPart): boolean {
  return h.start < p.end && p.start < h.end;
}

export type RemoveTagsResult = Operation & { removed: number };

/**
 * Removes tags from a selection. Whole units: every tagging of those tags on those units, whether on the
 * whole unit or on a highlight inside it. Text: taggings of those tags on highlights overlapping the selection.
 */
export function removeTags(
  state: CodingState,
  selection: Selection,
  tagIds: readonly string[],
  options: TaggingOptions = {},
): RemoveTagsResult {
  const tagSet = new Set(tagIds);
  if (tagSet.size === 0) throw new CodingError('bad-selection', 'Choose at least one tag to remove.');
  const b = changeBuilder(state);
  let matches: (t: Tagging) => boolean;
  let size: number;
  if (selection.kind === 'units') {
    const units = new Set(selection.unitIds);
    size = units.size;
    matches = (t) => tagSet.has(t.tagId) && units.has(t.unitId);
  } else {
    const parts = textSelectionParts(selection.units, selection.start, selection.end);
    size = parts.length;
    const hit = new Set<string>();
    for (const h of state.highlights.values()) {
      if (parts.some((p) => p.unitId === h.unitId && overlaps(h, p))) hit.add(h.id);
    }
    matches = (t) => tagSet.has(t.tagId) && t.highlightId !== undefined && hit.has(t.highlightId);
  }
  const touchedHighlights = new Set<string>();
  let removed = 0;
  for (const t of state.taggings.values()) {
    if (!matches(t)) continue;
    b.delete('taggings', t.id);
    removed++;
    if (t.highlightId !== undefined) touchedHighlights.add(t.highlightId);
  }
  dropBareHighlights(state, b, touchedHighlights);
  const noun = options.noun ?? RESPONSES;
  return { ...b.build(`Remove ${tagList(state, [...tagSet])} from ${count(size, noun)}`), removed };
}

/** Deletes the given highlights when, after the pending changes, they carry no tagging and no memo. */
export function dropBareHighlights(state: CodingState, b: ChangeBuilder, candidates: ReadonlySet<string>): number {
  if (candidates.size === 0) return 0;
  const stillTagged = new Set<string>();
  for (const t of state.taggings.values()) {
    if (t.highlightId !== undefined && candidates.has(t.highlightId) && b.get('taggings', t.id)) stillTagged.add(t.highlightId);
  }
  let dropped = 0;
  for (const id of candidates) {
    const h = b.get('highlights', id);
    if (!h || stillTagged.has(id) || (h.memo !== undefined && h.memo !== '')) continue;
    b.delete('highlights', id);
    dropped++;
  }
  return dropped;
}

export interface NewHighlight {
  unit: UnitText;
  start: number;
  end: number;
  coder: string;
  memo?: string;
  tagIds?: readonly string[];
}

/** A highlight without (or with) tags: e.g. a passage marked to come back to, with a memo. */
export function createHighlight(state: CodingState, args: NewHighlight, options: TaggingOptions = {}): Operation & { highlight: Highlight } {
  const env = options.env ?? defaultEnv;
  const len = codePointLength(args.unit.text);
  if (!(Number.isInteger(args.start) && Number.isInteger(args.end) && args.start >= 0 && args.end <= len && args.start < args.end)) {
    throw new CodingError('bad-range', `The highlight (${args.start}–${args.end}) does not fit the text (${len} characters). Select the text again.`);
  }
  const tags = args.tagIds && args.tagIds.length > 0 ? requireTags(state, args.tagIds) : [];
  const now = env.now();
  const highlight: Highlight = { id: env.newId(), createdAt: now, updatedAt: now, unitId: args.unit.id, start: args.start, end: args.end, coder: args.coder };
  if (args.memo) highlight.memo = args.memo;
  const b = changeBuilder(state);
  b.put({ table: 'highlights', record: highlight });
  for (const tagId of tags) b.put({ table: 'taggings', record: newTagging(env, now, tagId, args.unit.id, args.coder, highlight.id) });
  const what = quote(sliceCodePoints(args.unit.text, args.start, args.end));
  const description = tags.length > 0 ? `Highlight ${what} as ${tagList(state, tags)}` : `Highlight ${what}`;
  return { ...b.build(description), highlight };
}

function requireHighlight(state: CodingState, id: string): Highlight {
  const h = state.highlights.get(id);
  if (!h) throw new CodingError('unknown-highlight', 'That highlight no longer exists. It may have been removed in another window.');
  return h;
}

/** Deletes a highlight and every tagging on it. */
export function deleteHighlight(state: CodingState, highlightId: string): Operation {
  requireHighlight(state, highlightId);
  const b = changeBuilder(state);
  b.delete('highlights', highlightId);
  for (const t of state.taggings.values()) if (t.highlightId === highlightId) b.delete('taggings', t.id);
  return b.build('Delete highlight');
}

/** Sets (or, with an empty string, clears) a highlight's memo. */
export function setMemo(state: CodingState, highlightId: string, memo: string, options: TaggingOptions = {}): Operation {
  const env = options.env ?? defaultEnv;
  const h = requireHighlight(state, highlightId);
  const next: Highlight = { ...h, updatedAt: env.now() };
  if (memo.trim() === '') delete next.memo;
  else next.memo = memo;
  const b = changeBuilder(state);
  b.put({ table: 'highlights', record: next });
  return b.build(memo.trim() === '' ? 'Clear memo' : 'Edit memo');
}

/** Makes a highlight's tags exactly `tagIds`: adds the missing, removes the rest; the highlight itself stays. */
export function setHighlightTags(
  state: CodingState,
  highlightId: string,
  tagIds: readonly string[],
  coder: string,
  options: TaggingOptions = {},
): Operation {
  const env = options.env ?? defaultEnv;
  const h = requireHighlight(state, highlightId);
  const wanted = new Set(tagIds);
  for (const id of wanted) if (!state.tags.has(id)) throw new CodingError('unknown-tag', 'A chosen tag no longer exists. Pick the tag again from the codebook.');
  const b = changeBuilder(state);
  const have = new Set<string>();
  for (const t of state.taggings.values()) {
    if (t.highlightId !== highlightId) continue;
    if (wanted.has(t.tagId) && !have.has(t.tagId)) have.add(t.tagId);
    else b.delete('taggings', t.id);
  }
  const now = env.now();
  const added = [...wanted].filter((id) => !have.has(id));
  for (const tagId of added) b.put({ table: 'taggings', record: newTagging(env, now, tagId, h.unitId, coder, highlightId) });
  const description = wanted.size === 0 ? 'Remove all tags from highlight' : `Set highlight tags to ${tagList(state, [...wanted])}`;
  return b.build(description);
}

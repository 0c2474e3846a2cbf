/**
 * The unit index as a service (runs in search.worker.ts, or in-process in jsdom tests): builds the store
 * from IndexedDB, keeps it current after imports, and answers grid and search queries. See search-protocol.ts.
 */
import { matchesPhrases, parseQuery, type ParsedQuery } from '../../../core/search';
import { NEUTRAL_THRESHOLD, type SentimentLabel } from '../../../core/sentiment';
import { blockSentiment, scoreUnitBlock } from '../db/blocks';
import type { UnitBlock } from '../db/schema';
import { forEachUnitBlock, listSourceParticipants, listSources, readySourceCounts, readySourceRevisions, storeUnitSentiment } from '../db/workspace-data';
import {
  addBlock,
  addPeople,
  beginSegment,
  createUnitStore,
  personMask,
  rowCount,
  rowMask,
  rowOf,
  unitIdOf,
  type UnitStore,
} from './search-store';
import type { AttributeColumn, GridResult, GridRow, IndexStatus, SearchHit, SearchResult, SearchWorkerApi, TagQuery, UnitFilter } from './search-protocol';

const PEOPLE_PAGE = 5000;
const MAX_FILTER_VALUES = 300;
/** Tags whose row masks are kept (built on first use or change, then moved by deltas). */
const MAX_TAG_MASKS = 16;

/** Rows to keep or drop: a row passes when (mask[row] !== 0) === include. */
interface RowFilter {
  mask: Uint8Array | Uint16Array;
  include: boolean;
}

export function createSearchService(): SearchWorkerApi {
  let workspaceId: string | null = null;
  let store = createUnitStore();
  let status: IndexStatus = { state: 'idle', units: 0, total: 0 };
  let listener: ((s: IndexStatus) => void) | undefined;
  let building: Promise<IndexStatus> = Promise.resolve(status);
  let generation = 0;
  let grid: { id: number; rows: Uint32Array } = { id: 0, rows: new Uint32Array(0) };
  let answerOrder: Uint32Array | null = null;
  const baseCache = new Map<string, Uint32Array>();
  /** Tag membership mirrored from the UI's tag index (tagMembership): tag → units, unit → tags it carries. */
  const members = new Map<string, Set<string>>();
  const tagsOnUnit = new Map<string, number>();
  /** Row masks of that membership for the current store: per tag (a few), and tags per row (untagged). */
  let masks: { store: UnitStore; rows: number; byTag: Map<string, Uint8Array>; tagged: Uint16Array | null } | null = null;

  const report = (next: IndexStatus): void => {
    status = next;
    listener?.(next);
  };

  /** Indexes sources not in the store yet; a source that went away or changed means a rebuild from scratch. */
  async function indexNewSources(gen: number, full: boolean): Promise<IndexStatus> {
    const ws = workspaceId;
    if (ws === null) return status;
    const started = performance.now();
    const counts = await readySourceCounts(ws);
    const sources = (await listSources(ws)).filter((s) => counts.has(s.id));
    const revisions = await readySourceRevisions(ws);
    // A source that went away, grew (a newer export appended to it) or was rewritten in place by a role change: rebuild.
    const gone = store.segments.some(
      (seg) => !counts.has(seg.sourceId) || counts.get(seg.sourceId) !== seg.seqs.length || (revisions.get(seg.sourceId) ?? 0) !== (seg.revision ?? 0),
    );
    if (gone || full) {
      store = createUnitStore();
      baseCache.clear();
      answerOrder = null;
    }
    const fresh = sources.filter((s) => !store.segmentOf.has(s.id));
    if (fresh.length === 0 && !gone && !full) return status;
    const total = rowCount(store) + fresh.reduce((n, s) => n + (counts.get(s.id) ?? 0), 0);
    report({ state: 'indexing', units: rowCount(store), total });
    // Oldest first, so rows keep a stable order as sources are added.
    fresh.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    // Blocks stored without current sentiment scores (before Loupe kept them, from a .loupe file, a merge) are
    // scored here, once, and written back, one write in flight while the next batch is read and scored.
    let scored = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const backfill = (stale: UnitBlock[]): void => {
      writing = writing.then(() => storeUnitSentiment(ws, stale)).catch(() => 0); // a failed write is retried on the next open
    };
    for (const source of fresh) {
      for (let offset = 0; ; offset += PEOPLE_PAGE) {
        const people = await listSourceParticipants(ws, source.id, { offset, limit: PEOPLE_PAGE });
        addPeople(store, people.map((p) => ({ id: p.id, name: p.name, attributes: p.attributes })));
        if (people.length < PEOPLE_PAGE) break;
      }
      const seg = beginSegment(store, source);
      seg.revision = revisions.get(source.id) ?? 0;
      let lastReport = performance.now();
      await forEachUnitBlock(ws, source.id, (blocks) => {
        if (gen !== generation) throw new Superseded();
        const stale: UnitBlock[] = [];
        for (const b of blocks) {
          let scores = blockSentiment(b);
          if (scores === null) {
            scores = scoreUnitBlock(b).sentiment ?? [];
            stale.push(b);
            scored += b.seq.length;
          }
          addBlock(store, seg, b, scores);
        }
        if (stale.length > 0) backfill(stale);
        if (performance.now() - lastReport > 100) {
          lastReport = performance.now();
          report({ state: 'indexing', units: rowCount(store), total, ...(scored > 0 ? { scored } : {}) });
        }
      });
    }
    await writing;
    store.index.compact();
    baseCache.clear();
    answerOrder = null;
    const done: IndexStatus = { state: 'ready', units: rowCount(store), total: rowCount(store), buildMs: Math.round(performance.now() - started), ...(scored > 0 ? { scored } : {}) };
    report(done);
    return done;
  }

  function schedule(full: boolean): Promise<IndexStatus> {
    const gen = generation;
    const run = (): Promise<IndexStatus> =>
      indexNewSources(gen, full).catch((e: unknown) => {
        if (e instanceof Superseded) return status;
        const failed: IndexStatus = { state: 'error', units: rowCount(store), total: status.total, message: `Search is unavailable: the index could not be built (${e instanceof Error ? e.message : String(e)}).` };
        report(failed);
        return failed;
      });
    building = building.then(run, run);
    return building;
  }

  function requireReady(): void {
    if (status.state !== 'ready' && status.state !== 'indexing') throw new Error('The search index is not open.');
  }

  /** Rows answering the questions, grouped by question in the given order, each group in source order. */
  function baseRows(questionIds: readonly string[]): Uint32Array {
    const key = questionIds.join('\u0000');
    const cached = baseCache.get(key);
    if (cached !== undefined) return cached;
    const rank = new Int32Array(store.questionIds.length).fill(-1);
    questionIds.forEach((id, i) => {
      const c = store.questionCode.get(id);
      if (c !== undefined) rank[c] = i;
    });
    const counts = new Uint32Array(questionIds.length + 1);
    const n = rowCount(store);
    for (let r = 0; r < n; r++) {
      const q = store.question[r]!;
      const k = q < 0 ? -1 : rank[q]!;
      if (k >= 0) counts[k + 1]!++;
    }
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    const out = new Uint32Array(counts[questionIds.length]!);
    for (let r = 0; r < n; r++) {
      const q = store.question[r]!;
      const k = q < 0 ? -1 : rank[q]!;
      if (k >= 0) out[counts[k]!++] = r;
    }
    baseCache.set(key, out);
    return out;
  }

  /** Bitmap of rows matching the text (null = no text filter). */
  function textMask(parsed: ParsedQuery | null): Uint8Array | null {
    if (parsed === null) return null;
    const mask = new Uint8Array(rowCount(store));
    const hits = store.index.match(parsed);
    for (let i = 0; i < hits.length; i++) {
      const r = hits[i]!;
      if (parsed.phrases.length === 0 || matchesPhrases(store.text[r]!, parsed)) mask[r] = 1;
    }
    return mask;
  }

  /** Per sentiment class (0 negative, 1 neutral, 2 positive): 1 when kept; null = no sentiment filter. */
  function sentimentKeep(labels: readonly SentimentLabel[] | undefined): Uint8Array | null {
    if (labels === undefined || labels.length === 0) return null;
    const keep = new Uint8Array(3);
    for (const l of labels) keep[l === 'negative' ? 0 : l === 'neutral' ? 1 : 2] = 1;
    return keep;
  }

  function currentMasks(): NonNullable<typeof masks> {
    if (masks === null || masks.store !== store || masks.rows !== rowCount(store)) masks = { store, rows: rowCount(store), byTag: new Map(), tagged: null };
    return masks;
  }

  function tagMask(tagId: string): Uint8Array {
    const m = currentMasks();
    let mask = m.byTag.get(tagId);
    if (mask === undefined) {
      mask = new Uint8Array(m.rows);
      for (const unitId of members.get(tagId) ?? []) {
        const r = rowOf(store, unitId);
        if (r >= 0) mask[r] = 1;
      }
    } else m.byTag.delete(tagId);
    // Most recently used last; the oldest goes when there are too many.
    m.byTag.set(tagId, mask);
    if (m.byTag.size > MAX_TAG_MASKS) m.byTag.delete(m.byTag.keys().next().value!);
    return mask;
  }

  function taggedMask(): Uint16Array {
    const m = currentMasks();
    if (m.tagged === null) {
      m.tagged = new Uint16Array(m.rows);
      for (const [unitId, n] of tagsOnUnit) {
        const r = rowOf(store, unitId);
        if (r >= 0) m.tagged[r] = n;
      }
    }
    return m.tagged;
  }

  function rowFilter(units: UnitFilter | undefined, tag: TagQuery | undefined): RowFilter | null {
    if (tag !== undefined) return tag.kind === 'tag' ? { mask: tagMask(tag.tagId), include: true } : { mask: taggedMask(), include: false };
    return units === undefined ? null : { mask: rowMask(store, units.unitIds), include: units.mode === 'include' };
  }

  /** Moves membership (and the masks built so far) by units gaining or losing a tag; both are idempotent. */
  function moveMembership(tagId: string, unitId: string, on: boolean): void {
    let set = members.get(tagId);
    if (on ? set?.has(unitId) === true : set?.has(unitId) !== true) return;
    if (set === undefined) members.set(tagId, (set = new Set()));
    const n = (tagsOnUnit.get(unitId) ?? 0) + (on ? 1 : -1);
    if (on) set.add(unitId);
    else set.delete(unitId);
    if (n > 0) tagsOnUnit.set(unitId, n);
    else tagsOnUnit.delete(unitId);
    if (masks === null || masks.store !== store || masks.rows !== rowCount(store)) return;
    const r = rowOf(store, unitId);
    if (r < 0) return;
    const mask = masks.byTag.get(tagId);
    if (mask !== undefined) mask[r] = on ? 1 : 0;
    if (masks.tagged !== null) masks.tagged[r] = n;
  }

  function sortRows(rows: Uint32Array, column: string, desc: boolean): Uint32Array {
    if (column === 'sentiment') return sortBySentiment(store, rows, desc);
    if (column === 'answer') {
      answerOrder ??= computeAnswerOrder(store);
      const inResult = new Uint8Array(rowCount(store));
      for (let i = 0; i < rows.length; i++) inResult[rows[i]!] = 1;
      const out = new Uint32Array(rows.length);
      let n = 0;
      for (let i = 0; i < answerOrder.length; i++) if (inResult[answerOrder[i]!] === 1) out[n++] = answerOrder[i]!;
      return desc ? out.reverse() : out;
    }
    // Every other column has few distinct values per person: a stable counting sort on their rank.
    const personKey = column === 'participant' ? (p: number) => store.people[p]?.name : (p: number) => store.people[p]?.attributes[column.slice(5)];
    const values = new Map<string | number, number>();
    store.people.forEach((_, i) => {
      const v = personKey(i);
      if (v !== undefined) values.set(v, 0);
    });
    const sorted = [...values.keys()].sort(compareValues);
    sorted.forEach((v, i) => values.set(v, i + 1));
    const personRank = new Uint32Array(store.people.length);
    store.people.forEach((_, i) => {
      const v = personKey(i);
      personRank[i] = v === undefined ? 0 : (values.get(v) ?? 0);
    });
    const keyOf = column === 'question' ? (r: number) => store.question[r]! + 1 : (r: number) => (store.person[r]! < 0 ? 0 : personRank[store.person[r]!]!);
    const buckets = (column === 'question' ? store.questionIds.length : sorted.length) + 2;
    const counts = new Uint32Array(buckets + 1);
    for (let i = 0; i < rows.length; i++) counts[keyOf(rows[i]!) + 1]!++;
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    const out = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[counts[keyOf(rows[i]!)]!++] = rows[i]!;
    return desc ? out.reverse() : out;
  }

  function hitOf(r: number): SearchHit {
    const seg = store.segments[store.source[r]!]!;
    const q = store.question[r]!;
    const p = store.person[r]!;
    const hit: SearchHit = { unitId: unitIdOf(store, r), sourceId: seg.sourceId, sourceTitle: seg.title, sourceKind: seg.kind, text: store.text[r]! };
    if (q >= 0) hit.questionId = store.questionIds[q]!;
    const speaker = store.speaker[r];
    if (speaker !== null && speaker !== undefined) hit.speaker = speaker;
    const start = store.startSec[r];
    if (start !== null && start !== undefined) hit.startSec = start;
    if (p >= 0) hit.participantName = store.people[p]!.name;
    return hit;
  }

  return {
    async open(id, onStatus) {
      generation++;
      workspaceId = id;
      listener = onStatus;
      grid = { id: grid.id + 1, rows: new Uint32Array(0) };
      report({ state: 'indexing', units: 0, total: 0 });
      return schedule(true);
    },

    sync() {
      return schedule(false);
    },

    async status() {
      return status;
    },

    async gridQuery(query) {
      requireReady();
      const started = performance.now();
      const base = baseRows(query.questionIds);
      const parsed = query.text === undefined || query.text.trim() === '' ? null : parseQuery(query.text);
      const text = textMask(parsed);
      const units = rowFilter(query.units, undefined);
      const tagged = rowFilter(undefined, query.tag);
      const people = query.attributes !== undefined && query.attributes.length > 0 ? personMask(store, query.attributes) : null;
      const feeling = sentimentKeep(query.sentiment);
      let rows = base;
      if (text !== null || units !== null || tagged !== null || people !== null || feeling !== null) {
        const out = new Uint32Array(base.length);
        let n = 0;
        for (let i = 0; i < base.length; i++) {
          const r = base[i]!;
          if (text !== null && text[r] !== 1) continue;
          if (units !== null && (units.mask[r] !== 0) !== units.include) continue;
          if (tagged !== null && (tagged.mask[r] !== 0) !== tagged.include) continue;
          if (people !== null) {
            const p = store.person[r]!;
            if (p < 0 || people[p] !== 1) continue;
          }
          if (feeling !== null && feeling[sentimentClass(store.sentiment[r]!)] !== 1) continue;
          out[n++] = r;
        }
        rows = out.subarray(0, n);
      }
      if (query.sort !== undefined) rows = sortRows(rows, query.sort.column, query.sort.desc);
      grid = { id: grid.id + 1, rows };
      return { queryId: grid.id, total: rows.length, ms: performance.now() - started } satisfies GridResult;
    },

    async gridRows(queryId, from, to) {
      if (queryId !== grid.id) return [];
      const out: GridRow[] = [];
      const end = Math.min(to, grid.rows.length);
      for (let pos = Math.max(0, from); pos < end; pos++) {
        const r = grid.rows[pos]!;
        const p = store.person[r]!;
        const person = p < 0 ? undefined : store.people[p];
        const row: GridRow = {
          pos,
          unitId: unitIdOf(store, r),
          text: store.text[r]!,
          questionId: store.questionIds[store.question[r]!] ?? '',
          participantName: person?.name ?? '—',
          attributes: person?.attributes ?? {},
          sentiment: store.sentiment[r] ?? 0,
        };
        if (person !== undefined) row.participantId = person.id;
        out.push(row);
      }
      return out;
    },

    async gridUnitIds(queryId, ranges) {
      if (queryId !== grid.id) throw new Error('The list changed before the selection could be read. Select the rows again.');
      const out: string[] = [];
      for (const [start, end] of ranges) {
        for (let pos = Math.max(0, start); pos < Math.min(end, grid.rows.length); pos++) out.push(unitIdOf(store, grid.rows[pos]!));
      }
      return out;
    },

    async gridPosition(queryId, unitId) {
      if (queryId !== grid.id) return -1;
      const r = rowOf(store, unitId);
      if (r < 0) return -1;
      return grid.rows.indexOf(r);
    },

    async attributeColumns(questionIds) {
      const base = baseRows(questionIds);
      const seen = new Uint8Array(store.people.length);
      for (let i = 0; i < base.length; i++) {
        const p = store.person[base[i]!]!;
        if (p >= 0) seen[p] = 1;
      }
      const values = new Map<string, Set<string>>();
      store.people.forEach((person, i) => {
        if (seen[i] !== 1) return;
        for (const [k, v] of Object.entries(person.attributes)) {
          let set = values.get(k);
          if (set === undefined) values.set(k, (set = new Set()));
          if (set.size < MAX_FILTER_VALUES) set.add(String(v));
        }
      });
      return [...values].map(([key, set]): AttributeColumn => ({ key, values: [...set].sort(compareValues) }));
    },

    async tagMembership(update) {
      if (update.reset) {
        members.clear();
        tagsOnUnit.clear();
        masks = null;
      }
      for (const change of update.changes) {
        for (const unitId of change.removed) moveMembership(change.tagId, unitId, false);
        for (const unitId of change.added) moveMembership(change.tagId, unitId, true);
        // Have the changed tag's mask ready for the filter that usually follows (a bulk tag, then filtering by it).
        if (status.state === 'ready' && change.added.length > 0) tagMask(change.tagId);
      }
      if (status.state === 'ready' && update.changes.length > 0) taggedMask();
    },

    async search(query) {
      requireReady();
      const started = performance.now();
      const parsed = parseQuery(query.text);
      const limit = query.limit ?? 100;
      if (parsed.terms.length === 0) return { total: 0, hits: [], ms: 0 } satisfies SearchResult;
      const sources = query.sourceIds === undefined || query.sourceIds.length === 0 ? null : new Set(query.sourceIds.map((id) => store.segments.findIndex((s) => s.sourceId === id)));
      const units = rowFilter(query.units, undefined);
      const tagged = rowFilter(undefined, query.tag);
      const people = query.attributes !== undefined && query.attributes.length > 0 ? personMask(store, query.attributes) : null;
      const candidates = store.index.match(parsed);
      const hits: SearchHit[] = [];
      let total = 0;
      for (let i = 0; i < candidates.length; i++) {
        const r = candidates[i]!;
        if (sources !== null && !sources.has(store.source[r]!)) continue;
        if (units !== null && (units.mask[r] !== 0) !== units.include) continue;
          if (tagged !== null && (tagged.mask[r] !== 0) !== tagged.include) continue;
        if (people !== null) {
          const p = store.person[r]!;
          if (p < 0 || people[p] !== 1) continue;
        }
        if (parsed.phrases.length > 0 && !matchesPhrases(store.text[r]!, parsed)) continue;
        total++;
        if (hits.length < limit) hits.push(hitOf(r));
      }
      return { total, hits, ms: performance.now() - started } satisfies SearchResult;
    },
  };
}

class Superseded extends Error {}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b));
}

/** 0 negative, 1 neutral, 2 positive: the labels core/sentiment gives. */
function sentimentClass(score: number): number {
  return score > NEUTRAL_THRESHOLD ? 2 : score < -NEUTRAL_THRESHOLD ? 0 : 1;
}

/** Most negative first (desc: most positive first), ties in result order: a counting sort on the 4-decimal score. */
function sortBySentiment(store: UnitStore, rows: Uint32Array, desc: boolean): Uint32Array {
  const STEPS = 20_000;
  const keyOf = (r: number): number => {
    const k = Math.round(((store.sentiment[r] ?? 0) + 1) * (STEPS / 2));
    return Math.max(0, Math.min(STEPS, desc ? STEPS - k : k));
  };
  const counts = new Uint32Array(STEPS + 2);
  for (let i = 0; i < rows.length; i++) counts[keyOf(rows[i]!) + 1]!++;
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[counts[keyOf(rows[i]!)]!++] = rows[i]!;
  return out;
}

/** All rows ordered by their text, case-insensitively (built once, on the first sort by answer). */
function computeAnswerOrder(store: UnitStore): Uint32Array {
  const n = rowCount(store);
  const keys = store.text.map((t) => t.toLowerCase());
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  return order;
}

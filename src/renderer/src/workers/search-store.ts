/**
 * The unit index's memory: every committed unit as a row of compact columns (source, seq, question,
 * participant, text), appended source by source, plus the full-text index over the same row numbers.
 * Rows of one source are contiguous and in seq order, so a unit id finds its row by binary search.
 */
import type { SourceKind } from '../../../core/model';
import { createTextIndex, type TextIndex } from '../../../core/search';
import type { UnitBlock } from '../db/schema';

export interface Segment {
  sourceId: string;
  title: string;
  kind: SourceKind;
  /** First row of the source. */
  start: number;
  /** Seqs of its rows, ascending (row = start + position). */
  seqs: number[];
  /** The source's revision when indexed (SourceMeta.revision): a role change bumps it and the index is rebuilt. */
  revision?: number;
}

export interface Person {
  id: string;
  name: string;
  attributes: Record<string, string | number>;
}

export interface UnitStore {
  segments: Segment[];
  segmentOf: Map<string, Segment>;
  /** Per row. */
  source: number[];
  seq: number[];
  text: string[];
  /** Index into questionIds, -1 = none. */
  question: number[];
  /** Index into people, -1 = none. */
  person: number[];
  speaker: (string | null)[];
  startSec: (number | null)[];
  /** Sentiment score (−1 … 1) per row. */
  sentiment: number[];
  questionIds: string[];
  questionCode: Map<string, number>;
  people: Person[];
  personCode: Map<string, number>;
  index: TextIndex;
}

export function createUnitStore(): UnitStore {
  return {
    segments: [],
    segmentOf: new Map(),
    source: [],
    seq: [],
    text: [],
    question: [],
    person: [],
    speaker: [],
    startSec: [],
    sentiment: [],
    questionIds: [],
    questionCode: new Map(),
    people: [],
    personCode: new Map(),
    index: createTextIndex(),
  };
}

export function rowCount(s: UnitStore): number {
  return s.text.length;
}

function code(map: Map<string, number>, list: string[], id: string): number {
  let c = map.get(id);
  if (c === undefined) {
    c = list.length;
    list.push(id);
    map.set(id, c);
  }
  return c;
}

export function addPeople(s: UnitStore, people: readonly Person[]): void {
  for (const p of people) {
    const known = s.personCode.get(p.id);
    if (known !== undefined) s.people[known] = p;
    else {
      s.personCode.set(p.id, s.people.length);
      s.people.push(p);
    }
  }
}

export function beginSegment(s: UnitStore, source: { id: string; title: string; kind: SourceKind }): Segment {
  const seg: Segment = { sourceId: source.id, title: source.title, kind: source.kind, start: rowCount(s), seqs: [] };
  s.segments.push(seg);
  s.segmentOf.set(seg.sourceId, seg);
  return seg;
}

/** Appends one stored block's units (blocks arrive in order) to the segment being built, with their sentiment scores. */
export function addBlock(s: UnitStore, seg: Segment, b: UnitBlock, sentiment: readonly number[]): void {
  const sourceCode = s.segments.indexOf(seg);
  const pCodes = new Map<number, number>();
  for (let i = 0; i < b.seq.length; i++) {
    const row = rowCount(s);
    const q = b.question[i]!;
    const p = b.participant[i]!;
    const sp = b.speaker?.[i] ?? -1;
    s.source.push(sourceCode);
    s.seq.push(b.seq[i]!);
    seg.seqs.push(b.seq[i]!);
    s.text.push(b.text[i]!);
    s.question.push(q < 0 ? -1 : code(s.questionCode, s.questionIds, b.dict[q]!));
    let pc = p < 0 ? -1 : pCodes.get(p);
    if (pc === undefined) {
      const id = b.dict[p]!;
      pc = s.personCode.get(id) ?? -1;
      pCodes.set(p, pc);
    }
    s.person.push(pc);
    s.speaker.push(sp < 0 ? null : b.dict[sp]!);
    s.startSec.push(b.startSec?.[i] ?? null);
    s.sentiment.push(sentiment[i] ?? 0);
    s.index.add(row, b.text[i]!);
  }
}

export function unitIdOf(s: UnitStore, row: number): string {
  return `${s.segments[s.source[row]!]!.sourceId}:${s.seq[row]!}`;
}

/** Row of a unit id, or -1. */
export function rowOf(s: UnitStore, unitId: string): number {
  const colon = unitId.lastIndexOf(':');
  if (colon < 0) return -1;
  const seg = s.segmentOf.get(unitId.slice(0, colon));
  if (seg === undefined) return -1;
  const seq = Number(unitId.slice(colon + 1));
  const seqs = seg.seqs;
  let lo = 0;
  let hi = seqs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = seqs[mid]!;
    if (v === seq) return seg.start + mid;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A bitmap over rows of the given units. */
export function rowMask(s: UnitStore, unitIds: readonly string[]): Uint8Array {
  const mask = new Uint8Array(rowCount(s));
  for (const id of unitIds) {
    const r = rowOf(s, id);
    if (r >= 0) mask[r] = 1;
  }
  return mask;
}

/** Per person: 1 when their attributes pass every filter (no filters: all pass). */
export function personMask(s: UnitStore, filters: readonly { key: string; values: readonly string[] }[]): Uint8Array {
  const mask = new Uint8Array(s.people.length).fill(1);
  for (const f of filters) {
    const ok = new Set(f.values);
    s.people.forEach((p, i) => {
      const v = p.attributes[f.key];
      if (v === undefined || !ok.has(String(v))) mask[i] = 0;
    });
  }
  return mask;
}

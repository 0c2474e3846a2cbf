/**
 * The block layout: units and survey respondents packed column-wise, ~100 to an IndexedDB record, and back.
 * Pure functions (no Dexie), shared by the repositories, the v2 upgrade and the import worker.
 *
 * Persisted shape (schema.ts UnitBlock/RespondentBlock): changing how a field is encoded needs a migration.
 */
import type { Participant, Unit } from '../../../core/model';
import { scoreSentiment, SENTIMENT_VERSION } from '../../../core/sentiment';
import { parseRespondentId } from '../../../core/unit-id';
import { decodeRespondentColumns, Dict, encodeRespondentColumns, extraFields, MAX_RESPONDENTS_PER_BLOCK, respondentAt as respondentAtColumns, respondentIndexOf } from '../../../core/workspace-blocks';
import type { CellBlock, RespondentBlock, SourceMeta, UnitBlock } from './schema';

/** Aim for records well under 64 KB: larger values go to Chromium's separate blob files and cost more. */
const TARGET_BLOCK_BYTES = 48 * 1024;
export const MAX_UNITS_PER_BLOCK = 256;
const MIN_UNITS_PER_BLOCK = 16;
/** Bytes a unit costs beyond its text (seq, dictionary indexes, structured-clone framing), roughly. */
const UNIT_OVERHEAD = 40;

export interface UnitSample {
  units: number;
  /** Characters of text over the sampled units. */
  textChars: number;
  /** Seqs the sample spans (max - min + 1). */
  seqRange: number;
  /** Surveys: the source's seqStride, so a respondent's answers never straddle two blocks. */
  seqStride?: number;
}

/** Seqs per unit block for a source, from a sample of its units: up to 256 units and ≤ ~48 KB per record. */
export function chooseUnitSpan(sample: UnitSample): number {
  const stride = sample.seqStride ?? 1;
  if (sample.units === 0) return stride * Math.max(1, Math.floor(MAX_UNITS_PER_BLOCK / stride));
  // Text is mostly ASCII; a UTF-16 worst case still stays under the blob threshold.
  const bytesPerUnit = sample.textChars / sample.units + UNIT_OVERHEAD;
  const perBlock = Math.max(MIN_UNITS_PER_BLOCK, Math.min(MAX_UNITS_PER_BLOCK, Math.floor(TARGET_BLOCK_BYTES / bytesPerUnit)));
  const density = Math.min(1, sample.units / Math.max(1, sample.seqRange));
  const span = Math.max(1, Math.floor(perBlock / density));
  return Math.max(1, Math.floor(span / stride)) * stride;
}

/** Respondents per respondent block, from the JSON size of a few respondents' attributes. */
export function chooseRespondentSpan(sampleBytesPerRespondent: number): number {
  const per = Math.floor(TARGET_BLOCK_BYTES / Math.max(1, sampleBytesPerRespondent + UNIT_OVERHEAD));
  return Math.max(MIN_UNITS_PER_BLOCK, Math.min(MAX_RESPONDENTS_PER_BLOCK, per));
}

const UNIT_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'sourceId', 'participantId', 'questionId', 'seq', 'text', 'speaker', 'startSec', 'row', 'section']);

/** Units of ONE block of one source (any order; ids must be `${sourceId}:${seq}`) → the block record. */
export function encodeUnitBlock(sourceId: string, block: number, units: readonly Unit[]): UnitBlock {
  const sorted = isSortedBySeq(units) ? units : [...units].sort((a, b) => a.seq - b.seq);
  const dict = new Dict();
  const n = sorted.length;
  const seq = new Array<number>(n);
  const text = new Array<string>(n);
  const participant = new Array<number>(n);
  const question = new Array<number>(n);
  const createdAt = new Array<number>(n);
  const updatedAt = new Array<number>(n);
  let speaker: number[] | undefined;
  let section: number[] | undefined;
  let startSec: (number | null)[] | undefined;
  let row: (number | null)[] | undefined;
  let extra: (Record<string, unknown> | null)[] | undefined;
  const qk = new Map<string, [string, number]>();
  const pk = new Map<string, [string, number]>();
  for (let i = 0; i < n; i++) {
    const u = sorted[i]!;
    if (u.sourceId !== sourceId || u.id !== `${sourceId}:${u.seq}`) {
      throw new Error(`Unit ${u.id} cannot be stored in a block of source ${sourceId}: its id must be "${sourceId}:${u.seq}".`);
    }
    seq[i] = u.seq;
    text[i] = u.text;
    participant[i] = dict.of(u.participantId);
    question[i] = dict.of(u.questionId);
    createdAt[i] = dict.of(u.createdAt);
    updatedAt[i] = dict.of(u.updatedAt);
    if (u.speaker !== undefined) (speaker ??= new Array<number>(n).fill(-1))[i] = dict.of(u.speaker);
    if (u.section !== undefined) (section ??= new Array<number>(n).fill(-1))[i] = dict.of(u.section);
    if (u.startSec !== undefined) (startSec ??= new Array<number | null>(n).fill(null))[i] = u.startSec;
    if (u.row !== undefined) (row ??= new Array<number | null>(n).fill(null))[i] = u.row;
    const more = extraFields(u, UNIT_KEYS);
    if (more !== null) (extra ??= new Array<Record<string, unknown> | null>(n).fill(null))[i] = more;
    if (u.questionId !== undefined && !qk.has(u.questionId)) qk.set(u.questionId, [u.questionId, block]);
    if (u.participantId !== undefined && !pk.has(u.participantId) && parseRespondentId(u.participantId)?.sourceId !== sourceId) {
      pk.set(u.participantId, [u.participantId, block]);
    }
  }
  const out: UnitBlock = { sourceId, block, dict: dict.values, seq, text, participant, question, createdAt, updatedAt, qk: [...qk.values()], pk: [...pk.values()] };
  if (speaker) out.speaker = speaker;
  if (section) out.section = section;
  if (startSec) out.startSec = startSec;
  if (row) out.row = row;
  if (extra) out.extra = extra;
  return out;
}

function isSortedBySeq(units: readonly Unit[]): boolean {
  for (let i = 1; i < units.length; i++) if (units[i - 1]!.seq >= units[i]!.seq) return false;
  return true;
}

/** The i-th unit of a block, as the model record (fields in the order the importers write them). */
export function unitAt(b: UnitBlock, i: number): Unit {
  const d = b.dict;
  const seq = b.seq[i]!;
  const p = b.participant[i]!;
  const q = b.question[i]!;
  const sp = b.speaker?.[i] ?? -1;
  const st = b.startSec?.[i] ?? null;
  const r = b.row?.[i] ?? null;
  const sec = b.section?.[i] ?? -1;
  const unit: Unit = {
    id: `${b.sourceId}:${seq}`,
    createdAt: d[b.createdAt[i]!]!,
    updatedAt: d[b.updatedAt[i]!]!,
    sourceId: b.sourceId,
    ...(p >= 0 ? { participantId: d[p]! } : {}),
    ...(q >= 0 ? { questionId: d[q]! } : {}),
    seq,
    text: b.text[i]!,
    ...(sp >= 0 ? { speaker: d[sp]! } : {}),
    ...(st !== null ? { startSec: st } : {}),
    ...(r !== null ? { row: r } : {}),
    ...(sec >= 0 ? { section: d[sec]! } : {}),
  };
  const extra = b.extra?.[i] ?? null;
  return extra === null ? unit : { ...extra, ...unit };
}

export function decodeUnitBlock(b: UnitBlock): Unit[] {
  const out = new Array<Unit>(b.seq.length);
  for (let i = 0; i < out.length; i++) out[i] = unitAt(b, i);
  return out;
}

/** Position of `seq` in the block, or -1. */
export function findSeq(b: UnitBlock, seq: number): number {
  let lo = 0;
  let hi = b.seq.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = b.seq[mid]!;
    if (v === seq) return mid;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The block's sentiment column when it is complete and from the current scorer; null when it must be (re)computed. */
export function blockSentiment(b: UnitBlock): readonly number[] | null {
  return b.sentimentVersion === SENTIMENT_VERSION && b.sentiment !== undefined && b.sentiment.length === b.seq.length ? b.sentiment : null;
}

/**
 * Short answers repeat across a survey export ("No", "N/A", "Nothing", "Good") and scoring is the costly part of an
 * import (~10 µs a text, wink's tokenizer): scores of short texts are remembered, per thread, a bounded number.
 */
const MEMO_TEXT_CHARS = 120;
const MEMO_ENTRIES = 50_000;
const memo = new Map<string, number>();

function scoreText(text: string): number {
  if (text.length > MEMO_TEXT_CHARS) return scoreSentiment(text).score;
  let score = memo.get(text);
  if (score === undefined) {
    score = scoreSentiment(text).score;
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(text, score);
  }
  return score;
}

/** Scores every unit of the block from its text (the current scorer); returns the same block, changed. */
export function scoreUnitBlock(b: UnitBlock): UnitBlock {
  const scores = new Array<number>(b.text.length);
  for (let i = 0; i < scores.length; i++) scores[i] = scoreText(b.text[i]!);
  b.sentiment = scores;
  b.sentimentVersion = SENTIMENT_VERSION;
  return b;
}

/** Merge units into an existing block (a newer export filling the last block of a source). */
export function mergeUnitBlock(existing: UnitBlock | undefined, sourceId: string, block: number, units: readonly Unit[]): UnitBlock {
  if (existing === undefined) return encodeUnitBlock(sourceId, block, units);
  return encodeUnitBlock(sourceId, block, [...decodeUnitBlock(existing), ...units]);
}

export { MAX_RESPONDENTS_PER_BLOCK, respondentIndexOf };

/** Respondents of ONE block of one source → the block record (core/workspace-blocks.ts holds the codec). */
export function encodeRespondentBlock(sourceId: string, block: number, respondents: readonly Participant[]): RespondentBlock {
  return { ...encodeRespondentColumns(sourceId, respondents), block };
}

export const respondentAt: (b: RespondentBlock, i: number) => Participant = respondentAtColumns;
export const decodeRespondentBlock: (b: RespondentBlock) => Participant[] = decodeRespondentColumns;

export function findRespondent(b: RespondentBlock, index: number): number {
  let lo = 0;
  let hi = b.index.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = b.index[mid]!;
    if (v === index) return mid;
    if (v < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function newSourceMeta(sourceId: string, unitSpan: number, respondentSpan: number, status: SourceMeta['status']): SourceMeta {
  return { sourceId, status, unitSpan, respondentSpan, units: 0, respondents: 0, blockCounts: [], respondentBlocks: 0, questionCounts: {} };
}

/** Count a written unit block into the stats; `replaced` is the committed block it overwrites, if any. */
export function countUnitBlock(meta: SourceMeta, b: UnitBlock, replaced?: UnitBlock): void {
  if (replaced !== undefined) adjustQuestions(meta, replaced, -1);
  adjustQuestions(meta, b, 1);
  const before = meta.blockCounts[b.block] ?? 0;
  for (let i = meta.blockCounts.length; i < b.block; i++) meta.blockCounts[i] = 0;
  meta.blockCounts[b.block] = b.seq.length;
  meta.units += b.seq.length - before;
}

function adjustQuestions(meta: SourceMeta, b: UnitBlock, sign: 1 | -1): void {
  for (const q of b.question) {
    if (q < 0) continue;
    const id = b.dict[q]!;
    meta.questionCounts[id] = (meta.questionCounts[id] ?? 0) + sign;
  }
}

export function countRespondentBlock(meta: SourceMeta, b: RespondentBlock, replaced?: RespondentBlock): void {
  meta.respondents += b.index.length - (replaced?.index.length ?? 0);
  meta.respondentBlocks = Math.max(meta.respondentBlocks, b.block + 1);
}

export interface BlockLayout {
  unitBlocks: UnitBlock[];
  respondentBlocks: RespondentBlock[];
  metas: SourceMeta[];
  /** Participants that stay one record each: transcript speakers, people in several sources, older ids. */
  participants: Participant[];
}

/**
 * Whole tables of units and participants → blocks and per-source stats, every source 'ready'. For a
 * snapshot being stored and for the v2 upgrade; imports stream blocks instead (workers/import-service.ts).
 */
export function layoutRecords(
  sources: readonly { id: string; seqStride?: number }[],
  units: readonly Unit[],
  participants: readonly Participant[],
): BlockLayout {
  const unitsBySource = groupBy(units, (u) => u.sourceId);
  const respondentsBySource = new Map<string, Participant[]>();
  const others: Participant[] = [];
  for (const p of participants) {
    const at = respondentIndexOf(p);
    if (at === null) others.push(p);
    else {
      const list = respondentsBySource.get(at.sourceId);
      if (list === undefined) respondentsBySource.set(at.sourceId, [p]);
      else list.push(p);
    }
  }
  const stride = new Map(sources.map((s) => [s.id, s.seqStride]));
  const ids = new Set([...sources.map((s) => s.id), ...unitsBySource.keys(), ...respondentsBySource.keys()]);
  const out: BlockLayout = { unitBlocks: [], respondentBlocks: [], metas: [], participants: others };
  for (const sourceId of ids) {
    const list = unitsBySource.get(sourceId) ?? [];
    const respondents = respondentsBySource.get(sourceId) ?? [];
    const seqStride = stride.get(sourceId);
    const sample = list.slice(0, 2000);
    let min = Infinity;
    let max = -Infinity;
    let chars = 0;
    for (const u of sample) {
      min = Math.min(min, u.seq);
      max = Math.max(max, u.seq);
      chars += u.text.length;
    }
    const unitSpan = chooseUnitSpan({ units: sample.length, textChars: chars, seqRange: sample.length === 0 ? 1 : max - min + 1, ...(seqStride !== undefined ? { seqStride } : {}) });
    const someRespondents = respondents.slice(0, 200);
    const respondentBytes = someRespondents.reduce((n, p) => n + JSON.stringify(p.attributes).length + p.name.length, 0) / Math.max(1, someRespondents.length);
    const meta = newSourceMeta(sourceId, unitSpan, chooseRespondentSpan(respondentBytes), 'ready');
    for (const [block, members] of groupBy(list, (u) => Math.floor(u.seq / unitSpan))) {
      const b = encodeUnitBlock(sourceId, block, members);
      countUnitBlock(meta, b);
      out.unitBlocks.push(b);
    }
    for (const [block, members] of groupBy(respondents, (p) => Math.floor((respondentIndexOf(p)?.index ?? 0) / meta.respondentSpan))) {
      const b = encodeRespondentBlock(sourceId, block, members);
      countRespondentBlock(meta, b);
      out.respondentBlocks.push(b);
    }
    out.metas.push(meta);
  }
  return out;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

/** Respondents per kept-cells block: a constant (not the source's respondentSpan, which a snapshot import re-chooses). */
export const CELL_SPAN = 256;

/** A respondent's kept cells, decoded: data row and slot → value (only non-empty values). */
export interface KeptRow {
  index: number;
  row: number | null;
  values: Map<number, string>;
}

/** Kept rows of ONE block of one source (any order) → the block record. */
export function encodeCellBlock(sourceId: string, block: number, rows: readonly KeptRow[], covers: Iterable<number>): CellBlock {
  const sorted = [...rows].sort((a, b) => a.index - b.index);
  const slots = [...new Set(sorted.flatMap((r) => [...r.values.keys()]))].sort((a, b) => a - b);
  return {
    sourceId,
    block,
    index: sorted.map((r) => r.index),
    row: sorted.map((r) => r.row),
    slots,
    values: slots.map((s) => sorted.map((r) => r.values.get(s) ?? '')),
    covers: [...new Set(covers)].sort((a, b) => a - b),
  };
}

export function decodeCellBlock(b: CellBlock): KeptRow[] {
  return b.index.map((index, i) => {
    const values = new Map<number, string>();
    b.slots.forEach((s, k) => {
      const v = b.values[k]?.[i] ?? '';
      if (v !== '') values.set(s, v);
    });
    return { index, row: b.row[i] ?? null, values };
  });
}

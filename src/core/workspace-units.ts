/**
 * Units in a workspace file, format v2: `tables/units.ndjson` holds one line per BLOCK of up to 256
 * consecutive units of one source, column-wise (the same idea as the app's IndexedDB unitBlocks):
 *
 *   {"sourceId":"s1","seq":[0,1],"text":["…","…"],"dict":["p1","q1","2026-…"],
 *    "participant":[0,-1],"question":[1,1],"createdAt":[2,2],"updatedAt":[2,2], …optional columns}
 *
 * Why: a million units as one JSON object each repeat their source id, participant and question ids and two
 * timestamps per line (~200 bytes of ids for ~90 bytes of text). Every byte is stringified, hashed and
 * deflated on save and inflated, parsed and validated on open; blocks cut that work to the text plus a few
 * small numbers, and a block is checked with a few array scans instead of a schema parse per unit.
 * A unit id is `<sourceId>:<seq>` by rule (unit-id.ts), so ids are not stored.
 *
 * Optional columns appear only when some unit of the block has the field: speaker and section (dict index,
 * -1 absent), startSec and row (number or null), extra (fields this version does not know, kept as-is).
 * Persisted: the keys of a block line are the format (FORMAT_VERSION 2 in workspace-file.ts).
 */
import type { Unit } from './model';

export const MAX_UNITS_PER_FILE_BLOCK = 256;

export interface FileUnitBlock {
  sourceId: string;
  seq: number[];
  text: string[];
  dict: string[];
  participant: number[];
  question: number[];
  createdAt: number[];
  updatedAt: number[];
  speaker?: number[];
  section?: number[];
  startSec?: (number | null)[];
  row?: (number | null)[];
  extra?: (Record<string, unknown> | null)[];
}

const UNIT_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'sourceId', 'participantId', 'questionId', 'seq', 'text', 'speaker', 'startSec', 'row', 'section']);

/** Calls `fn` with each block of consecutive units of one source (units keep their order). */
export function forEachFileBlock(units: readonly Unit[], fn: (block: FileUnitBlock) => void): void {
  let start = 0;
  while (start < units.length) {
    const sourceId = units[start]!.sourceId;
    let end = start + 1;
    while (end < units.length && end - start < MAX_UNITS_PER_FILE_BLOCK && units[end]!.sourceId === sourceId) end++;
    fn(encodeFileBlock(units, start, end));
    start = end;
  }
}

function encodeFileBlock(units: readonly Unit[], start: number, end: number): FileUnitBlock {
  const n = end - start;
  const sourceId = units[start]!.sourceId;
  const dict: string[] = [];
  const index = new Map<string, number>();
  const of = (value: string | undefined): number => {
    if (value === undefined) return -1;
    let i = index.get(value);
    if (i === undefined) {
      i = dict.length;
      dict.push(value);
      index.set(value, i);
    }
    return i;
  };
  const block: FileUnitBlock = {
    sourceId,
    seq: new Array<number>(n),
    text: new Array<string>(n),
    dict,
    participant: new Array<number>(n),
    question: new Array<number>(n),
    createdAt: new Array<number>(n),
    updatedAt: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const u = units[start + i]!;
    if (u.id !== `${sourceId}:${u.seq}`) throw new Error(`Unit ${u.id} cannot be written: its id must be "${sourceId}:${u.seq}".`);
    block.seq[i] = u.seq;
    block.text[i] = u.text;
    block.participant[i] = of(u.participantId);
    block.question[i] = of(u.questionId);
    block.createdAt[i] = of(u.createdAt);
    block.updatedAt[i] = of(u.updatedAt);
    if (u.speaker !== undefined) (block.speaker ??= new Array<number>(n).fill(-1))[i] = of(u.speaker);
    if (u.section !== undefined) (block.section ??= new Array<number>(n).fill(-1))[i] = of(u.section);
    if (u.startSec !== undefined) (block.startSec ??= new Array<number | null>(n).fill(null))[i] = u.startSec;
    if (u.row !== undefined) (block.row ??= new Array<number | null>(n).fill(null))[i] = u.row;
    let extra: Record<string, unknown> | null = null;
    for (const key of Object.keys(u)) {
      if (UNIT_KEYS.has(key)) continue;
      extra ??= {};
      extra[key] = Reflect.get(u, key);
    }
    if (extra !== null) (block.extra ??= new Array<Record<string, unknown> | null>(n).fill(null))[i] = extra;
  }
  return block;
}

/**
 * A parsed block line → its units, or a description of what is wrong (for "units.ndjson line N: …").
 * Checks everything the unit schema checks, column by column.
 */
export function decodeFileBlock(value: unknown): Unit[] | string {
  if (!isObject(value)) return 'a block must be an object';
  const { sourceId, seq, text, dict } = value;
  if (typeof sourceId !== 'string' || sourceId === '') return 'sourceId must be a non-empty string';
  if (!Array.isArray(seq) || seq.length === 0) return 'seq must be a non-empty list';
  const n = seq.length;
  for (const s of seq) if (!Number.isSafeInteger(s) || (s as number) < 0) return 'seq must hold non-negative whole numbers';
  if (!Array.isArray(text) || text.length !== n || !text.every((t) => typeof t === 'string')) return `text must be a list of ${n} strings`;
  if (!Array.isArray(dict) || !dict.every((d) => typeof d === 'string' && d !== '')) return 'dict must be a list of non-empty strings';
  const refs = (name: string, optional: boolean): number[] | undefined | string => {
    const col = value[name];
    if (col === undefined && optional) return undefined;
    if (!Array.isArray(col) || col.length !== n) return `${name} must be a list of ${n} dict positions`;
    const min = name === 'createdAt' || name === 'updatedAt' ? 0 : -1;
    for (const x of col) if (!Number.isInteger(x) || (x as number) < min || (x as number) >= dict.length) return `${name} must be a list of ${n} dict positions`;
    return col as number[];
  };
  const nums = (name: string, ok: (x: number) => boolean, what: string): (number | null)[] | undefined | string => {
    const col = value[name];
    if (col === undefined) return undefined;
    if (!Array.isArray(col) || col.length !== n) return `${name} must be a list of ${n} values`;
    for (const x of col) if (x !== null && (typeof x !== 'number' || !ok(x))) return `${name} must hold ${what} or null`;
    return col as (number | null)[];
  };
  const participant = refs('participant', false);
  const question = refs('question', false);
  const createdAt = refs('createdAt', false);
  const updatedAt = refs('updatedAt', false);
  const speaker = refs('speaker', true);
  const section = refs('section', true);
  const startSec = nums('startSec', (x) => Number.isFinite(x) && x >= 0, 'non-negative numbers');
  const row = nums('row', (x) => Number.isSafeInteger(x) && x > 0, 'positive whole numbers');
  for (const col of [participant, question, createdAt, updatedAt, speaker, section, startSec, row]) if (typeof col === 'string') return col;
  const extra = value.extra;
  if (extra !== undefined && (!Array.isArray(extra) || extra.length !== n || !extra.every((e) => e === null || isObject(e)))) {
    return `extra must be a list of ${n} objects or null`;
  }
  const d = dict as string[];
  const out = new Array<Unit>(n);
  for (let i = 0; i < n; i++) {
    const p = (participant as number[])[i]!;
    const q = (question as number[])[i]!;
    const sp = (speaker as number[] | undefined)?.[i] ?? -1;
    const sec = (section as number[] | undefined)?.[i] ?? -1;
    const st = (startSec as (number | null)[] | undefined)?.[i] ?? null;
    const r = (row as (number | null)[] | undefined)?.[i] ?? null;
    const s = seq[i] as number;
    const unit: Unit = {
      id: `${sourceId}:${s}`,
      createdAt: d[(createdAt as number[])[i]!]!,
      updatedAt: d[(updatedAt as number[])[i]!]!,
      sourceId,
      ...(p >= 0 ? { participantId: d[p]! } : {}),
      ...(q >= 0 ? { questionId: d[q]! } : {}),
      seq: s,
      text: text[i] as string,
      ...(sp >= 0 ? { speaker: d[sp]! } : {}),
      ...(st !== null ? { startSec: st } : {}),
      ...(r !== null ? { row: r } : {}),
      ...(sec >= 0 ? { section: d[sec]! } : {}),
    };
    const more = (extra as (Record<string, unknown> | null)[] | undefined)?.[i] ?? null;
    out[i] = more === null ? unit : { ...more, ...unit };
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

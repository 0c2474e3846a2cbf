/**
 * Column-wise blocks of survey respondents and of bulk taggings: the one codec shared by the app's storage
 * (IndexedDB respondentBlocks / taggingBlocks, db/schema.ts adds its keys) and the workspace file (format v3,
 * workspace-file.ts: `blocks/respondents.ndjson`, `blocks/taggings.ndjson`, one block per line).
 *
 * Why in the file too: 250k respondents as one JSON object each were 84 MB of repeated keys, ids and
 * timestamps, and 200k bulk taggings 49 MB; every byte was stringified, hashed and deflated on save and
 * inflated, parsed and schema-checked on open. As blocks they are a fifth of that, a save writes the stored
 * blocks as they are, and an open checks a block with a few array scans instead of a schema parse per record.
 *
 * Ids are not stored: a respondent's id is `${sourceId}:p${index}` (unit-id.ts), a bulk tagging's
 * `${batch}#${n}` (coding/batch-id.ts).
 *
 * Persisted: the keys of a block are the format (storage and FORMAT_VERSION 3). Changing one needs a storage
 * migration and a format version.
 */
import { batchTaggingId, parseBatchTaggingId } from './coding/batch-id';
import type { Participant, Tagging } from './model';
import { parseRespondentId } from './unit-id';

/** Respondents and taggings per block (a block's taggings are those with n / TAGGINGS_PER_BLOCK equal). */
export const MAX_RESPONDENTS_PER_BLOCK = 256;
/** Persisted: taggings per block (n / TAGGINGS_PER_BLOCK is the block number). Changing it needs a migration. */
export const TAGGINGS_PER_BLOCK = 256;

/** Up to a few hundred survey respondents of one source, column-wise; respondent ids are `${sourceId}:p${index}`. */
export interface RespondentColumns {
  sourceId: string;
  dict: string[];
  /** Respondent indexes, ascending. */
  index: number[];
  name: string[];
  externalId: (string | null)[];
  role: Participant['role'][];
  createdAt: number[];
  updatedAt: number[];
  /** Attribute names; attrs[k][i] is respondent i's value for attrKeys[k] (null: not answered). */
  attrKeys: string[];
  attrs: (string | number | null)[][];
  /** Only when a respondent's sourceIds is not exactly [sourceId]. */
  sourceIds?: (string[] | null)[];
  extra?: (Record<string, unknown> | null)[];
}

/** Up to TAGGINGS_PER_BLOCK taggings of one bulk operation (batch), column-wise; ids are `${batch}#${n}`. */
export interface TaggingColumns {
  batch: string;
  dict: string[];
  /** Ascending indexes within the batch. */
  n: number[];
  unitId: string[];
  tagId: number[];
  coder: number[];
  createdAt: number[];
  updatedAt: number[];
  /** Present only when some tagging of the block is on a highlight (null: whole unit). */
  highlightId?: (string | null)[];
  /** Fields this version does not know: kept so a save/load round-trips them. */
  extra?: (Record<string, unknown> | null)[];
}

/** A string table for one block: each distinct value once, referred to by position. */
export class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: readonly string[] = []) {
    for (const v of initial) this.of(v);
  }
  of(value: string | undefined): number {
    if (value === undefined) return -1;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** The fields of `record` not in `known` (a newer version's), or null when there are none. */
export function extraFields(record: object, known: ReadonlySet<string>): Record<string, unknown> | null {
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    if (known.has(key)) continue;
    extra ??= {};
    extra[key] = Reflect.get(record, key);
  }
  return extra;
}

// ——— Respondents ———

const RESPONDENT_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'name', 'externalId', 'role', 'attributes', 'sourceIds']);

/** Is this participant a survey respondent kept in respondent blocks (id `${sourceId}:p${index}`, in that source)? */
export function respondentIndexOf(p: Pick<Participant, 'id' | 'sourceIds'>): { sourceId: string; index: number } | null {
  const parsed = parseRespondentId(p.id);
  if (parsed === null || !p.sourceIds.includes(parsed.sourceId)) return null;
  return parsed;
}

/** Respondents of one source → one block, ordered by index. */
export function encodeRespondentColumns(sourceId: string, respondents: readonly Participant[]): RespondentColumns {
  const withIndex = respondents.map((p) => {
    const at = respondentIndexOf(p);
    if (at === null || at.sourceId !== sourceId) throw new Error(`Participant ${p.id} is not a respondent of source ${sourceId}.`);
    return { p, index: at.index };
  });
  withIndex.sort((a, b) => a.index - b.index);
  const n = withIndex.length;
  const dict = new Dict();
  const keys = new Dict();
  const out: RespondentColumns = {
    sourceId,
    dict: dict.values,
    index: new Array<number>(n),
    name: new Array<string>(n),
    externalId: new Array<string | null>(n),
    role: new Array<Participant['role']>(n),
    createdAt: new Array<number>(n),
    updatedAt: new Array<number>(n),
    attrKeys: keys.values,
    attrs: [],
  };
  for (let i = 0; i < n; i++) {
    const { p, index } = withIndex[i]!;
    out.index[i] = index;
    out.name[i] = p.name;
    out.externalId[i] = p.externalId ?? null;
    out.role[i] = p.role;
    out.createdAt[i] = dict.of(p.createdAt);
    out.updatedAt[i] = dict.of(p.updatedAt);
    for (const [key, value] of Object.entries(p.attributes)) {
      const k = keys.of(key);
      let column = out.attrs[k];
      if (column === undefined) {
        column = new Array<string | number | null>(n).fill(null);
        out.attrs[k] = column;
      }
      column[i] = value;
    }
    if (p.sourceIds.length !== 1) (out.sourceIds ??= new Array<string[] | null>(n).fill(null))[i] = [...p.sourceIds];
    const more = extraFields(p, RESPONDENT_KEYS);
    if (more !== null) (out.extra ??= new Array<Record<string, unknown> | null>(n).fill(null))[i] = more;
  }
  return out;
}

export function respondentAt(b: RespondentColumns, i: number): Participant {
  const d = b.dict;
  const attributes: Record<string, string | number> = {};
  for (let k = 0; k < b.attrKeys.length; k++) {
    const v = b.attrs[k]?.[i] ?? null;
    if (v !== null) attributes[b.attrKeys[k]!] = v;
  }
  const ext = b.externalId[i] ?? null;
  const p: Participant = {
    id: `${b.sourceId}:p${b.index[i]!}`,
    createdAt: d[b.createdAt[i]!]!,
    updatedAt: d[b.updatedAt[i]!]!,
    name: b.name[i]!,
    ...(ext !== null ? { externalId: ext } : {}),
    role: b.role[i]!,
    attributes,
    sourceIds: b.sourceIds?.[i] ?? [b.sourceId],
  };
  const extra = b.extra?.[i] ?? null;
  return extra === null ? p : { ...extra, ...p };
}

export function decodeRespondentColumns(b: RespondentColumns): Participant[] {
  const out = new Array<Participant>(b.index.length);
  for (let i = 0; i < out.length; i++) out[i] = respondentAt(b, i);
  return out;
}

// ——— Taggings ———

const TAGGING_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'tagId', 'unitId', 'highlightId', 'coder']);

/** Where a tagging lives in blocks: its batch, block number and n; undefined for a single tagging. */
export function taggingBlockOf(id: string): { batch: string; block: number; n: number } | undefined {
  const parsed = parseBatchTaggingId(id);
  return parsed === undefined ? undefined : { batch: parsed.batch, block: Math.floor(parsed.n / TAGGINGS_PER_BLOCK), n: parsed.n };
}

/** One block's taggings (all of batch `batch`, one block number) → the block, ordered by n. */
export function encodeTaggingColumns(batch: string, taggings: readonly Tagging[]): TaggingColumns {
  const sorted = taggings.map((t) => ({ t, n: taggingBlockOf(t.id)?.n ?? -1 })).sort((a, b) => a.n - b.n);
  const dict = new Dict();
  const out: TaggingColumns = { batch, dict: dict.values, n: [], unitId: [], tagId: [], coder: [], createdAt: [], updatedAt: [] };
  let highlights: (string | null)[] | undefined;
  let extras: (Record<string, unknown> | null)[] | undefined;
  sorted.forEach(({ t, n }, i) => {
    if (n < 0) throw new Error(`Tagging ${t.id} does not belong in a tagging block.`);
    out.n.push(n);
    out.unitId.push(t.unitId);
    out.tagId.push(dict.of(t.tagId));
    out.coder.push(dict.of(t.coder));
    out.createdAt.push(dict.of(t.createdAt));
    out.updatedAt.push(dict.of(t.updatedAt));
    if (t.highlightId !== undefined) {
      highlights ??= new Array<string | null>(i).fill(null);
      highlights.push(t.highlightId);
    } else highlights?.push(null);
    const extra = extraFields(t, TAGGING_KEYS);
    if (extra !== null) {
      extras ??= new Array<Record<string, unknown> | null>(i).fill(null);
      extras.push(extra);
    } else extras?.push(null);
  });
  if (highlights !== undefined) out.highlightId = highlights;
  if (extras !== undefined) out.extra = extras;
  return out;
}

/** The taggings of a block, as records. */
export function decodeTaggingColumns(b: TaggingColumns): Tagging[] {
  const out = new Array<Tagging>(b.n.length);
  for (let i = 0; i < b.n.length; i++) {
    const t: Tagging = {
      id: batchTaggingId(b.batch, b.n[i]!),
      createdAt: b.dict[b.createdAt[i]!]!,
      updatedAt: b.dict[b.updatedAt[i]!]!,
      tagId: b.dict[b.tagId[i]!]!,
      unitId: b.unitId[i]!,
      coder: b.dict[b.coder[i]!]!,
    };
    const h = b.highlightId?.[i];
    if (h !== undefined && h !== null) t.highlightId = h;
    const extra = b.extra?.[i];
    out[i] = extra !== undefined && extra !== null ? { ...extra, ...t } : t;
  }
  return out;
}

// ——— Records → blocks (a file written from records, e.g. by the CLI) ———

/**
 * Splits participants into respondent blocks (≤ MAX_RESPONDENTS_PER_BLOCK respondents of one source, by index)
 * and the rest (interview participants, ids of other shapes), which stay records.
 */
export function respondentColumnsOf(participants: readonly Participant[]): { blocks: RespondentColumns[]; rest: Participant[] } {
  const bySource = new Map<string, { p: Participant; index: number }[]>();
  const rest: Participant[] = [];
  for (const p of participants) {
    const at = respondentIndexOf(p);
    if (at === null) {
      rest.push(p);
      continue;
    }
    let list = bySource.get(at.sourceId);
    if (list === undefined) bySource.set(at.sourceId, (list = []));
    list.push({ p, index: at.index });
  }
  const blocks: RespondentColumns[] = [];
  for (const [sourceId, list] of bySource) {
    list.sort((a, b) => a.index - b.index);
    for (let i = 0; i < list.length; i += MAX_RESPONDENTS_PER_BLOCK) {
      blocks.push(encodeRespondentColumns(sourceId, list.slice(i, i + MAX_RESPONDENTS_PER_BLOCK).map((x) => x.p)));
    }
  }
  return { blocks, rest };
}

/** Splits taggings into blocks (bulk taggings, grouped as storage groups them) and single taggings. */
export function taggingColumnsOf(taggings: readonly Tagging[]): { blocks: TaggingColumns[]; rest: Tagging[] } {
  const groups = new Map<string, { batch: string; items: Tagging[] }>();
  const rest: Tagging[] = [];
  for (const t of taggings) {
    const at = taggingBlockOf(t.id);
    if (at === undefined) {
      rest.push(t);
      continue;
    }
    const key = `${at.batch}\u0000${at.block}`;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { batch: at.batch, items: [] }));
    g.items.push(t);
  }
  return { blocks: [...groups.values()].map((g) => encodeTaggingColumns(g.batch, g.items)), rest };
}

// ——— Checking blocks read from a file ———

/** A parsed respondent block line → its respondents, or what is wrong (for "respondents.ndjson line N: …"). */
export function checkRespondentColumns(value: unknown): Participant[] | string {
  if (!isObject(value)) return 'a block must be an object';
  const { sourceId, dict, index, name, externalId, role, attrKeys, attrs } = value;
  if (typeof sourceId !== 'string' || sourceId === '') return 'sourceId must be a non-empty string';
  if (!Array.isArray(index) || index.length === 0) return 'index must be a non-empty list';
  const n = index.length;
  let last = -1;
  for (const x of index) {
    if (!Number.isSafeInteger(x) || (x as number) <= last) return 'index must hold ascending non-negative whole numbers';
    last = x as number;
  }
  if (!stringList(dict) || !dict.every((d) => d !== '')) return 'dict must be a list of non-empty strings';
  if (!stringList(name) || name.length !== n) return `name must be a list of ${n} strings`;
  if (!Array.isArray(externalId) || externalId.length !== n || !externalId.every((x) => x === null || typeof x === 'string')) return `externalId must be a list of ${n} strings or null`;
  if (!Array.isArray(role) || role.length !== n || !role.every((r) => r === 'participant' || r === 'interviewer')) return `role must be a list of ${n} of "participant", "interviewer"`;
  for (const col of ['createdAt', 'updatedAt']) if (!positions(value[col], n, dict.length)) return `${col} must be a list of ${n} dict positions`;
  if (!stringList(attrKeys) || new Set(attrKeys).size !== attrKeys.length) return 'attrKeys must be a list of distinct strings';
  if (!Array.isArray(attrs) || attrs.length > attrKeys.length) return 'attrs must hold one column per attribute key';
  for (const col of attrs as unknown[]) {
    if (col === undefined || col === null) continue;
    if (!Array.isArray(col) || col.length !== n || !col.every((v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      return `each attrs column must be a list of ${n} strings, numbers or null`;
    }
  }
  const sourceIds = value.sourceIds;
  if (sourceIds !== undefined && (!Array.isArray(sourceIds) || sourceIds.length !== n || !sourceIds.every((s) => s === null || (stringList(s) && s.every((x) => x !== ''))))) {
    return `sourceIds must be a list of ${n} lists of ids or null`;
  }
  const extra = checkExtra(value.extra, n);
  if (extra !== undefined) return extra;
  return decodeRespondentColumns(value as unknown as RespondentColumns);
}

/** A parsed tagging block line → its taggings, or what is wrong (for "taggings.ndjson line N: …"). */
export function checkTaggingColumns(value: unknown): Tagging[] | string {
  if (!isObject(value)) return 'a block must be an object';
  const { batch, dict, n: ns, unitId } = value;
  if (typeof batch !== 'string' || parseBatchTaggingId(batchTaggingId(batch, 0))?.batch !== batch) return 'batch must be a non-empty string without "#"';
  if (!Array.isArray(ns) || ns.length === 0) return 'n must be a non-empty list';
  const count = ns.length;
  let last = -1;
  for (const x of ns) {
    if (!Number.isSafeInteger(x) || (x as number) <= last || (x as number) > 999_999_999) return 'n must hold ascending whole numbers from 0 to 999999999';
    last = x as number;
  }
  const block = Math.floor((ns[0] as number) / TAGGINGS_PER_BLOCK);
  if (Math.floor(last / TAGGINGS_PER_BLOCK) !== block) return `n must lie in one block of ${TAGGINGS_PER_BLOCK}`;
  if (!stringList(dict)) return 'dict must be a list of strings';
  if (!stringList(unitId) || unitId.length !== count || !unitId.every((u) => u !== '')) return `unitId must be a list of ${count} ids`;
  for (const col of ['tagId', 'coder', 'createdAt', 'updatedAt']) {
    const list = value[col];
    if (!positions(list, count, dict.length)) return `${col} must be a list of ${count} dict positions`;
    // Only a coder may be empty (as in the tagging schema).
    if (col !== 'coder' && list.some((i) => dict[i] === '')) return `${col} must not refer to an empty string`;
  }
  const highlightId = value.highlightId;
  if (highlightId !== undefined && (!Array.isArray(highlightId) || highlightId.length !== count || !highlightId.every((h) => h === null || (typeof h === 'string' && h !== '')))) {
    return `highlightId must be a list of ${count} ids or null`;
  }
  const extra = checkExtra(value.extra, count);
  if (extra !== undefined) return extra;
  return decodeTaggingColumns(value as unknown as TaggingColumns);
}

function checkExtra(extra: unknown, n: number): string | undefined {
  if (extra !== undefined && (!Array.isArray(extra) || extra.length !== n || !extra.every((e) => e === null || isObject(e)))) {
    return `extra must be a list of ${n} objects or null`;
  }
  return undefined;
}

function positions(col: unknown, n: number, size: number): col is number[] {
  if (!Array.isArray(col) || col.length !== n) return false;
  for (const x of col) if (!Number.isInteger(x) || (x as number) < 0 || (x as number) >= size) return false;
  return true;
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

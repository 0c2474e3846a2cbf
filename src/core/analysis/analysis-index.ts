/**
 * A columnar index over one AnalysisData, built on first use and shared by every analysis function that scans
 * units, so a report with eight charts pays for one pass over the units instead of one per chart and per tag.
 *
 * Units are numbered by their position in `analysedUnits` (reading order); participants and attribute values
 * are interned to numbers; each tag keeps the sorted positions of its units (an Int32Array "posting list"), so
 * "units with tag t in scope" is a walk over t's postings, never a Map lookup per unit. Columns that depend on
 * an argument (an attribute, a date attribute, a scope) are built once per argument and cached here too.
 *
 * The index is keyed by the AnalysisData object (a WeakMap): AnalysisData is immutable once built, and a new
 * workspace state means a new AnalysisData (the renderer rebuilds it when its tables change).
 */
import type { Participant } from '../model';
import { type AnalysisData, attributeValue, isInterviewer, NO_VALUE } from './data';

export interface ScopeSpec {
  questionId?: string;
  sourceIds?: readonly string[];
}

export interface IndexedScope {
  /** Unit positions in scope, ascending (reading order). */
  positions: Int32Array;
  /** mask[pos] = 1 when in scope; null when every analysed unit is. */
  mask: Uint8Array | null;
}

export interface AttributeColumn {
  /** Distinct values (as attributeValue prints them); values[0] is NO_VALUE. */
  values: string[];
  /** Value number per participant number. */
  ofParticipant: Int32Array;
}

export interface AnalysisIndex {
  /** Number of analysed units. */
  size: number;
  /** Unit id at each position. */
  unitIds: readonly string[];
  /** Participant number of each unit, -1 when it has none. */
  unitParticipant: Int32Array;
  /** Participant ids by number: every participant of the workspace, then ids units name but the table lacks. */
  participantIds: readonly string[];
  /** The Participant row by number (undefined for ids the table lacks). */
  participants: readonly (Participant | undefined)[];
  /** Sorted unit positions per tag id (tags with no analysed unit map to an empty array). */
  tagUnits(tagId: string): Int32Array;
  /** Tag numbers (positions in data.tagOrder) of unit `pos`: tagList[tagStart[pos] .. tagStart[pos + 1]). */
  tagStart: Int32Array;
  tagList: Int32Array;
  scope(spec: ScopeSpec): IndexedScope;
  attribute(name: string): AttributeColumn;
  /** NPS score (0–10) per participant number under `attribute`, -1 when there is none or it is not a score. */
  npsScores(attribute: string, score: (v: string | number | undefined) => number | undefined): Int8Array;
  /** A number per unit position, cached under `key` (e.g. the unit's day for a date attribute). */
  unitColumn(key: string, build: () => Float64Array): Float64Array;
  /** Respondents (non-interviewers) per source id, in participant-table order. */
  respondents(sourceId: string): readonly Participant[];
  /** How many distinct respondents the sources have together. */
  respondentCount(sourceIds: readonly string[]): number;
  /** Respondents (non-interviewers) in any of `sourceIds`, counted per value of `attribute`. */
  segmentBase(attribute: string, sourceIds: ReadonlySet<string>): ReadonlyMap<string, number>;
}

function cached<V>(map: Map<string, V>, key: string, build: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = build();
    map.set(key, value);
  }
  return value;
}

const EMPTY = new Int32Array(0);
const cache = new WeakMap<AnalysisData, AnalysisIndex>();

export function analysisIndex(data: AnalysisData): AnalysisIndex {
  let index = cache.get(data);
  if (index === undefined) {
    index = buildIndex(data);
    cache.set(data, index);
  }
  return index;
}

function buildIndex(data: AnalysisData): AnalysisIndex {
  const size = data.analysedUnits.length;
  const units = data.analysedUnits;
  const unitIds = units.map((u) => u.id);

  const participantNumber = new Map<string, number>();
  const participantIds: string[] = [];
  const participants: (Participant | undefined)[] = [];
  const intern = (id: string, row: Participant | undefined): number => {
    let n = participantNumber.get(id);
    if (n === undefined) {
      n = participantIds.length;
      participantNumber.set(id, n);
      participantIds.push(id);
      participants.push(row);
    }
    return n;
  };
  for (const [id, p] of data.participants) intern(id, p);
  const unitParticipant = new Int32Array(size);
  for (let pos = 0; pos < size; pos++) {
    const pid = units[pos]!.participantId;
    unitParticipant[pos] = pid === undefined ? -1 : intern(pid, undefined);
  }

  // Tag postings and the per-unit tag lists, in one counting pass and one filling pass.
  const tagNumber = new Map(data.tagOrder.map((t, i) => [t.id, i]));
  const tagCount = new Int32Array(data.tagOrder.length);
  const tagStart = new Int32Array(size + 1);
  const unitTags = unitIds.map((id) => data.unitTags.get(id));
  for (let pos = 0; pos < size; pos++) {
    const tags = unitTags[pos];
    let k = 0;
    if (tags) {
      for (const t of tags) {
        const n = tagNumber.get(t);
        if (n !== undefined) {
          tagCount[n]!++;
          k++;
        }
      }
    }
    tagStart[pos + 1] = tagStart[pos]! + k;
  }
  const tagList = new Int32Array(tagStart[size]!);
  const postings = Array.from(tagCount, (c) => new Int32Array(c));
  const fill = new Int32Array(data.tagOrder.length);
  for (let pos = 0; pos < size; pos++) {
    const tags = unitTags[pos];
    if (!tags) continue;
    let k = tagStart[pos]!;
    for (const t of tags) {
      const n = tagNumber.get(t);
      if (n === undefined) continue;
      tagList[k++] = n;
      postings[n]![fill[n]!++] = pos;
    }
  }
  const byTag = new Map(data.tagOrder.map((t, i) => [t.id, postings[i]!]));

  const scopes = new Map<string, IndexedScope>();
  const attributes = new Map<string, AttributeColumn>();
  const scores = new Map<string, Int8Array>();
  const columns = new Map<string, Float64Array>();
  const respondentLists = new Map<string, Participant[]>();
  const bases = new Map<string, Map<string, number>>();

  const scope = (spec: ScopeSpec): IndexedScope => {
    if (spec.questionId === undefined && spec.sourceIds === undefined) return cached(scopes, '', () => ({ positions: Int32Array.from({ length: size }, (_, i) => i), mask: null }));
    const key = JSON.stringify([spec.questionId ?? null, spec.sourceIds ?? null]);
    return cached(scopes, key, () => {
      const sources = spec.sourceIds === undefined ? undefined : new Set(spec.sourceIds);
      const mask = new Uint8Array(size);
      const picked: number[] = [];
      data.analysedUnits.forEach((u, pos) => {
        if ((spec.questionId === undefined || u.questionId === spec.questionId) && (sources === undefined || sources.has(u.sourceId))) {
          mask[pos] = 1;
          picked.push(pos);
        }
      });
      return { positions: Int32Array.from(picked), mask };
    });
  };

  const attribute = (name: string): AttributeColumn =>
    cached(attributes, name, () => {
      const values = [NO_VALUE];
      const numbers = new Map([[NO_VALUE, 0]]);
      const ofParticipant = new Int32Array(participants.length);
      participants.forEach((p, n) => {
        const v = attributeValue(p, name);
        let k = numbers.get(v);
        if (k === undefined) {
          k = values.length;
          numbers.set(v, k);
          values.push(v);
        }
        ofParticipant[n] = k;
      });
      return { values, ofParticipant };
    });

  const npsScores = (name: string, score: (v: string | number | undefined) => number | undefined): Int8Array =>
    cached(scores, name, () => Int8Array.from(participants, (p) => (p === undefined ? -1 : (score(p.attributes[name]) ?? -1))));

  const respondents = (sourceId: string): readonly Participant[] =>
    cached(respondentLists, sourceId, () => {
      const out: Participant[] = [];
      for (const p of data.participants.values()) if (!isInterviewer(p) && p.sourceIds.includes(sourceId)) out.push(p);
      return out;
    });

  const unionSizes = new Map<string, number>();
  const respondentCount = (sourceIds: readonly string[]): number => {
    const key = JSON.stringify(sourceIds);
    let n = unionSizes.get(key);
    if (n === undefined) {
      const ids = new Set<string>();
      for (const sourceId of sourceIds) for (const p of respondents(sourceId)) ids.add(p.id);
      n = ids.size;
      unionSizes.set(key, n);
    }
    return n;
  };

  const segmentBase = (name: string, sourceIds: ReadonlySet<string>): ReadonlyMap<string, number> =>
    cached(bases, JSON.stringify([name, ...sourceIds]), () => {
      const base = new Map<string, number>();
      for (const p of data.participants.values()) {
        if (isInterviewer(p) || !p.sourceIds.some((s) => sourceIds.has(s))) continue;
        const v = attributeValue(p, name);
        base.set(v, (base.get(v) ?? 0) + 1);
      }
      return base;
    });

  return {
    size,
    unitIds,
    unitParticipant,
    participantIds,
    participants,
    tagUnits: (tagId) => byTag.get(tagId) ?? EMPTY,
    tagStart,
    tagList,
    scope,
    attribute,
    npsScores,
    unitColumn: (key, build) => cached(columns, key, build),
    respondents,
    respondentCount,
    segmentBase,
  };
}

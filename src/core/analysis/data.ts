/**
 * The read-only lookups every analysis function works from, built once from a workspace's tables.
 * It owns the two rules all counts share: interviewers are left out (their units never count), and a unit
 * carries a tag when the tag is on the whole unit or on any highlight inside it.
 */
import type { Clustering, Highlight, Participant, Question, Source, Tag, Tagging, Unit } from '../model';

export interface AnalysisTables {
  sources: readonly Source[];
  participants: readonly Participant[];
  questions: readonly Question[];
  units: readonly Unit[];
  tags: readonly Tag[];
  highlights: readonly Highlight[];
  taggings: readonly Tagging[];
  clusterings?: readonly Clustering[];
  /** Unit id → sentiment score (−1 … 1, core/sentiment), when the caller scored the units. */
  sentiment?: ReadonlyMap<string, number>;
}

export interface AnalysisData {
  sources: ReadonlyMap<string, Source>;
  participants: ReadonlyMap<string, Participant>;
  questions: ReadonlyMap<string, Question>;
  units: ReadonlyMap<string, Unit>;
  tags: ReadonlyMap<string, Tag>;
  highlights: ReadonlyMap<string, Highlight>;
  clusterings: ReadonlyMap<string, Clustering>;
  /** Tags in reading order: each parent before its children, siblings by `order` then name. */
  tagOrder: readonly Tag[];
  /** Units that count (not spoken by an interviewer), in source then seq order. */
  analysedUnits: readonly Unit[];
  /** Tag ids per analysed unit (only units with at least one tag appear). */
  unitTags: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per-unit sentiment scores; undefined when the units were not scored (then no sentiment chart or segment). */
  sentiment?: ReadonlyMap<string, number>;
}

export function isInterviewer(p: Participant | undefined): boolean {
  return p?.role === 'interviewer';
}

function tagReadingOrder(tags: ReadonlyMap<string, Tag>): Tag[] {
  const children = new Map<string, Tag[]>();
  for (const t of tags.values()) {
    const key = t.parentId !== undefined && tags.has(t.parentId) ? t.parentId : '';
    const list = children.get(key) ?? [];
    list.push(t);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const out: Tag[] = [];
  const seen = new Set<string>();
  const visit = (key: string): void => {
    for (const t of children.get(key) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push(t);
      visit(t.id);
    }
  };
  visit('');
  // Tags caught in a parent cycle are unreachable from the top: keep them rather than lose their counts.
  for (const t of tags.values()) if (!seen.has(t.id)) out.push(t);
  return out;
}

export function analysisData(tables: AnalysisTables): AnalysisData {
  const byId = <T extends { id: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));
  const participants = byId(tables.participants);
  const units = byId(tables.units);
  const tags = byId(tables.tags);
  const sourceOrder = new Map(tables.sources.map((s, i) => [s.id, i]));
  const analysedUnits = tables.units
    .filter((u) => !isInterviewer(u.participantId === undefined ? undefined : participants.get(u.participantId)))
    .sort((a, b) => (sourceOrder.get(a.sourceId) ?? Infinity) - (sourceOrder.get(b.sourceId) ?? Infinity) || a.sourceId.localeCompare(b.sourceId) || a.seq - b.seq);
  const analysed = new Set(analysedUnits.map((u) => u.id));
  const unitTags = new Map<string, Set<string>>();
  for (const t of tables.taggings) {
    if (!analysed.has(t.unitId) || !tags.has(t.tagId)) continue;
    const set = unitTags.get(t.unitId) ?? new Set<string>();
    set.add(t.tagId);
    unitTags.set(t.unitId, set);
  }
  return {
    sources: byId(tables.sources),
    participants,
    questions: byId(tables.questions),
    units,
    tags,
    highlights: byId(tables.highlights),
    clusterings: byId(tables.clusterings ?? []),
    tagOrder: tagReadingOrder(tags),
    analysedUnits,
    unitTags,
    ...(tables.sentiment !== undefined ? { sentiment: tables.sentiment } : {}),
  };
}

/** "Parent › Child" for a tag, so two same-named tags under different parents stay apart in exports. */
export function tagPath(data: AnalysisData, tagId: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let cur = data.tags.get(tagId);
  while (cur && !seen.has(cur.id)) {
    names.unshift(cur.name);
    seen.add(cur.id);
    cur = cur.parentId === undefined ? undefined : data.tags.get(cur.parentId);
  }
  return names.join(' › ');
}

/** Participants who count (not interviewers) and appear in `sourceId`. */
export function respondentsOf(data: AnalysisData, sourceId: string): Participant[] {
  const out: Participant[] = [];
  for (const p of data.participants.values()) if (!isInterviewer(p) && p.sourceIds.includes(sourceId)) out.push(p);
  return out;
}

/** The string a participant attribute groups by; missing values group under `NO_VALUE`. */
export const NO_VALUE = '(no answer)';

export function attributeValue(p: Participant | undefined, attribute: string): string {
  const v = p?.attributes[attribute];
  if (v === undefined || v === '') return NO_VALUE;
  return String(v);
}

/** Segment values in a stable order: numbers numerically, text alphabetically, the missing bucket last. */
export function sortSegments(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => {
    if (a === NO_VALUE || b === NO_VALUE) return a === NO_VALUE ? (b === NO_VALUE ? 0 : 1) : -1;
    const na = Number(a);
    const nb = Number(b);
    if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    return a.localeCompare(b);
  });
}

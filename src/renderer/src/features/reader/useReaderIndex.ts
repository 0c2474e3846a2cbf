/**
 * What the reader draws, derived from the coding state for one source's units: highlights per unit (as
 * marks with their tag colors), whole-unit tags, the highlights in reading order (for J/K), the tags used
 * here (for the filter) and the units a tag filter leaves visible. One pass over highlights and taggings.
 */
import { useMemo } from 'react';
import type { CodingState } from '../../../../core/coding';
import type { Highlight, Tag, Unit } from '../../../../core/model';
import type { MarkInfo } from './UtteranceText';

export interface ReaderIndex {
  unitById: Map<string, Unit>;
  marksByUnit: Map<string, MarkInfo[]>;
  unitTags: Map<string, Tag[]>;
  /** Highlights in reading order (restricted to the filter tag when one is set). */
  ordered: Highlight[];
  usedTagIds: string[];
  visibleUnits: readonly Unit[];
}

export function useReaderIndex(units: readonly Unit[], state: CodingState, filterTagId: string | null): ReaderIndex {
  return useMemo(() => {
    const unitById = new Map(units.map((u) => [u.id, u]));
    const position = new Map(units.map((u, i) => [u.id, i]));
    const tagsOfHighlight = new Map<string, string[]>();
    const unitTagIds = new Map<string, string[]>();
    const used = new Set<string>();
    for (const t of state.taggings.values()) {
      if (!unitById.has(t.unitId) || !state.tags.has(t.tagId)) continue;
      used.add(t.tagId);
      const key = t.highlightId;
      const map = key === undefined ? unitTagIds : tagsOfHighlight;
      const id = key ?? t.unitId;
      const list = map.get(id);
      if (list === undefined) map.set(id, [t.tagId]);
      else if (!list.includes(t.tagId)) list.push(t.tagId);
    }
    const marksByUnit = new Map<string, MarkInfo[]>();
    const highlights: Highlight[] = [];
    for (const h of state.highlights.values()) {
      if (!unitById.has(h.unitId)) continue;
      highlights.push(h);
      const tags = (tagsOfHighlight.get(h.id) ?? []).flatMap((id) => state.tags.get(id) ?? []);
      const mark: MarkInfo = {
        id: h.id,
        start: h.start,
        end: h.end,
        colors: tags.map((t) => t.color),
        label: tags.length === 0 ? (h.memo !== undefined ? 'Memo' : 'Highlight') : tags.map((t) => t.name).join(', '),
      };
      const list = marksByUnit.get(h.unitId);
      if (list === undefined) marksByUnit.set(h.unitId, [mark]);
      else list.push(mark);
    }
    highlights.sort((a, b) => (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0) || a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
    const unitTags = new Map([...unitTagIds].map(([unitId, ids]) => [unitId, ids.flatMap((id) => state.tags.get(id) ?? [])]));

    let ordered = highlights;
    let visibleUnits: readonly Unit[] = units;
    if (filterTagId !== null) {
      ordered = highlights.filter((h) => tagsOfHighlight.get(h.id)?.includes(filterTagId) === true);
      const keep = new Set(ordered.map((h) => h.unitId));
      for (const [unitId, ids] of unitTagIds) if (ids.includes(filterTagId)) keep.add(unitId);
      visibleUnits = units.filter((u) => keep.has(u.id));
    }
    const usedTagIds = [...used].sort((a, b) => (state.tags.get(a)?.name ?? '').localeCompare(state.tags.get(b)?.name ?? ''));
    return { unitById, marksByUnit, unitTags, ordered, usedTagIds, visibleUnits };
  }, [units, state, filterTagId]);
}

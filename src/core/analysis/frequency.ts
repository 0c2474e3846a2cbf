/**
 * Tag frequency (by units and by participants) and tag co-occurrence (units tagged with both). Both walk the
 * shared column index (analysis-index.ts): a tag's posting list, filtered by the scope's mask.
 */
import { analysisIndex } from './analysis-index';
import type { AnalysisData } from './data';
import { percent } from './insight-counts';

export interface TagFrequency {
  tagId: string;
  name: string;
  color: string;
  units: number;
  participants: number;
  /** units / analysed units in scope × 100. */
  percentOfUnits: number;
  /** participants / participants with any unit in scope × 100. */
  percentOfParticipants: number;
  unitIds: string[];
}

export interface FrequencyScope {
  /** Only these tags (default: every tag). */
  tagIds?: readonly string[];
  /** Only units answering this question (survey open-ends). */
  questionId?: string;
  /** Only units from these sources. */
  sourceIds?: readonly string[];
}

/** Analysed units in scope, in reading order. */
export function unitsInScope(data: AnalysisData, scope: FrequencyScope = {}): string[] {
  const ix = analysisIndex(data);
  return Array.from(ix.scope(scope).positions, (pos) => ix.unitIds[pos]!);
}

function scopeTags(data: AnalysisData, tagIds: readonly string[] | undefined): string[] {
  return tagIds === undefined ? data.tagOrder.map((t) => t.id) : tagIds.filter((id) => data.tags.has(id));
}

/** Most-used first (by units, then participants), ties in codebook order. Tags with no units are kept (a 0 is a finding). */
export function tagFrequency(data: AnalysisData, scope: FrequencyScope = {}): TagFrequency[] {
  const ix = analysisIndex(data);
  const { positions, mask } = ix.scope(scope);
  // seen[p] === mark: participant p was already counted for the current tag (mark 1 = the scope's people).
  const seen = new Int32Array(ix.participantIds.length);
  let people = 0;
  for (const pos of positions) {
    const p = ix.unitParticipant[pos]!;
    if (p >= 0 && seen[p] !== 1) {
      seen[p] = 1;
      people++;
    }
  }
  const tagIds = scopeTags(data, scope.tagIds);
  const rows = tagIds.map((tagId, order) => {
    const mark = order + 2;
    const unitIds: string[] = [];
    let participants = 0;
    for (const pos of ix.tagUnits(tagId)) {
      if (mask !== null && mask[pos] === 0) continue;
      unitIds.push(ix.unitIds[pos]!);
      const p = ix.unitParticipant[pos]!;
      if (p >= 0 && seen[p] !== mark) {
        seen[p] = mark;
        participants++;
      }
    }
    const tag = data.tags.get(tagId);
    return {
      order,
      row: {
        tagId,
        name: tag?.name ?? tagId,
        color: tag?.color ?? '#888888',
        units: unitIds.length,
        participants,
        percentOfUnits: percent(unitIds.length, positions.length),
        percentOfParticipants: percent(participants, people),
        unitIds,
      },
    };
  });
  return rows.sort((a, b) => b.row.units - a.row.units || b.row.participants - a.row.participants || a.order - b.order).map((r) => r.row);
}

export interface CoOccurrence {
  tagIds: string[];
  names: string[];
  /** counts[i][j]: units tagged with both tag i and tag j; the diagonal is each tag's own unit count. */
  counts: number[][];
  /** unitIds[i][j]: the units behind counts[i][j]. */
  unitIds: string[][][];
}

export function coOccurrence(data: AnalysisData, scope: FrequencyScope = {}): CoOccurrence {
  const ix = analysisIndex(data);
  const tagIds = scopeTags(data, scope.tagIds);
  // Row of each codebook tag in this matrix, -1 when it is not in it (a repeated id keeps its last row).
  const row = new Int32Array(data.tagOrder.length).fill(-1);
  const number = new Map(data.tagOrder.map((t, i) => [t.id, i]));
  tagIds.forEach((id, i) => {
    const n = number.get(id);
    if (n !== undefined) row[n] = i;
  });
  const unitIds: string[][][] = tagIds.map(() => tagIds.map(() => []));
  for (const pos of ix.scope(scope).positions) {
    const start = ix.tagStart[pos]!;
    const end = ix.tagStart[pos + 1]!;
    if (start === end) continue;
    const u = ix.unitIds[pos]!;
    for (let a = start; a < end; a++) {
      const i = row[ix.tagList[a]!]!;
      if (i < 0) continue;
      for (let b = start; b < end; b++) {
        const j = row[ix.tagList[b]!]!;
        if (j >= 0) unitIds[i]![j]!.push(u);
      }
    }
  }
  return {
    tagIds,
    names: tagIds.map((id) => data.tags.get(id)?.name ?? id),
    counts: unitIds.map((r) => r.map((cell) => cell.length)),
    unitIds,
  };
}

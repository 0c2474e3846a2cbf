/** Tag frequency (by units and by participants) and tag co-occurrence (units tagged with both). */
import type { AnalysisData } from '../../../../src/core/analysis/data';
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
  const sources = scope.sourceIds === undefined ? undefined : new Set(scope.sourceIds);
  return data.analysedUnits
    .filter((u) => (scope.questionId === undefined || u.questionId === scope.questionId) && (sources === undefined || sources.has(u.sourceId)))
    .map((u) => u.id);
}

function scopeTags(data: AnalysisData, tagIds: readonly string[] | undefined): string[] {
  return tagIds === undefined ? data.tagOrder.map((t) => t.id) : tagIds.filter((id) => data.tags.has(id));
}

/** Most-used first (by units, then participants), ties in codebook order. Tags with no units are kept (a 0 is a finding). */
export function tagFrequency(data: AnalysisData, scope: FrequencyScope = {}): TagFrequency[] {
  const units = unitsInScope(data, scope);
  const people = new Set<string>();
  for (const id of units) {
    const pid = data.units.get(id)?.participantId;
    if (pid !== undefined) people.add(pid);
  }
  const tagIds = scopeTags(data, scope.tagIds);
  const rows = tagIds.map((tagId, order) => {
    const unitIds = units.filter((u) => data.unitTags.get(u)?.has(tagId));
    const participants = new Set<string>();
    for (const u of unitIds) {
      const pid = data.units.get(u)?.participantId;
      if (pid !== undefined) participants.add(pid);
    }
    const tag = data.tags.get(tagId);
    return {
      order,
      row: {
        tagId,
        name: tag?.name ?? tagId,
        color: tag?.color ?? '#888888',
        units: unitIds.length,
        participants: participants.size,
        percentOfUnits: percent(unitIds.length, units.length),
        percentOfParticipants: percent(participants.size, people.size),
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
  const tagIds = scopeTags(data, scope.tagIds);
  const index = new Map(tagIds.map((id, i) => [id, i]));
  const unitIds: string[][][] = tagIds.map(() => tagIds.map(() => []));
  for (const u of unitsInScope(data, scope)) {
    const tags = data.unitTags.get(u);
    if (!tags) continue;
    const idx = [...tags].map((t) => index.get(t)).filter((i): i is number => i !== undefined);
    for (const i of idx) for (const j of idx) unitIds[i]![j]!.push(u);
  }
  return {
    tagIds,
    names: tagIds.map((id) => data.tags.get(id)?.name ?? id),
    counts: unitIds.map((row) => row.map((cell) => cell.length)),
    unitIds,
  };
}

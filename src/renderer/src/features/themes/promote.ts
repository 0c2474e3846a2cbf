/**
 * Turning a theme into durable analysis: a tag on every member (one coding operation, so one undo step), or
 * an insight draft whose evidence is the theme's representative quotes.
 */
import { applyTags, createTag, sameName, type CodingState } from '../../../../core/coding';
import { newId } from '../../../../core/ids';
import type { Clustering } from '../../../../core/model';
import { representativesOf, type BoardCluster } from '../../db/clusterings';
import type { InsightFields } from '../../db/workspace-data';
import type { CodingOp } from '../coding/CodingProvider';
import { chain } from '../coding/ops';

/** A top-level tag with the theme's name, if the codebook has one (promoting twice reuses it). */
export function existingTag(state: CodingState, name: string): string | undefined {
  for (const t of state.tags.values()) if (t.parentId === undefined && sameName(t.name, name)) return t.id;
  return undefined;
}

/** Whether every unit already has `tagId` as a whole-unit tagging (promoting again would change nothing). */
export function allTagged(state: CodingState, tagId: string, unitIds: readonly string[]): boolean {
  const tagged = new Set<string>();
  for (const t of state.taggings.values()) if (t.tagId === tagId && t.highlightId === undefined) tagged.add(t.unitId);
  return unitIds.every((id) => tagged.has(id));
}

/** Tags every member of the theme with a tag named after it, creating the tag when there is none. */
export function promoteToTag(cluster: BoardCluster, coder: string): CodingOp {
  const apply = (tagId: string): CodingOp => (state) => applyTags(state, { kind: 'units', unitIds: cluster.unitIds }, [tagId], coder);
  return (state) => {
    const found = existingTag(state, cluster.label);
    if (found !== undefined) return apply(found)(state);
    const id = newId();
    return chain(
      (s) => createTag(s, { name: cluster.label, id, description: `From the theme “${cluster.label}” (${cluster.keywords.slice(0, 5).join(', ')}).` }),
      apply(id),
      (_, b) => `${b.description} (new tag)`,
    )(state);
  };
}

/** An insight draft: the theme's name as title, its representative quotes (or first members) as evidence. */
export function insightDraft(clustering: Clustering, cluster: BoardCluster): InsightFields {
  const reps = representativesOf(cluster);
  const quotes = reps.length > 0 ? reps : cluster.unitIds.slice(0, 3);
  return {
    title: cluster.label,
    statement: `Draft from the theme “${cluster.label}” in ${clustering.name}: ${cluster.unitIds.length} ${cluster.unitIds.length === 1 ? 'response' : 'responses'}. Write what you learned here.`,
    tagIds: [],
    evidence: quotes.map((refId) => ({ kind: 'cluster-member', refId, clusteringId: clustering.id })),
  };
}

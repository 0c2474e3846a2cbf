/**
 * Board edits as pure functions over a run's themes: move cards, rename, merge, split off, delete (members go
 * to the unclustered bucket) and create manual themes. Each returns the new theme list; the caller stores it.
 * The unclustered bucket always stays last, and a theme's representative quotes are only ever its members.
 */
import { newId } from '../../../../core/ids';
import { isUnclustered, representativesOf, UNCLUSTERED_ID, UNCLUSTERED_LABEL, type BoardCluster } from '../../db/clusterings';

function withMembers(c: BoardCluster, unitIds: string[]): BoardCluster {
  const members = new Set(unitIds);
  const next: BoardCluster = { ...c, unitIds };
  const reps = representativesOf(c).filter((id) => members.has(id));
  if (reps.length > 0) next.representativeIds = reps;
  else delete next.representativeIds;
  return next;
}

/** Keeps the unclustered bucket last (and present). */
function ordered(clusters: BoardCluster[]): BoardCluster[] {
  const bucket = clusters.find(isUnclustered) ?? { id: UNCLUSTERED_ID, label: UNCLUSTERED_LABEL, keywords: [], unitIds: [] };
  return [...clusters.filter((c) => !isUnclustered(c)), bucket];
}

/** Moves cards to `targetId` (appended, in the order given). Moving to the theme they are in changes nothing. */
export function moveUnits(clusters: readonly BoardCluster[], unitIds: readonly string[], targetId: string): BoardCluster[] {
  const moving = new Set(unitIds);
  const target = clusters.find((c) => c.id === targetId);
  if (target === undefined) throw new Error(`No theme ${targetId}`);
  const already = new Set(target.unitIds);
  if (unitIds.every((id) => already.has(id))) return [...clusters];
  return ordered(
    clusters.map((c) => {
      if (c.id === targetId) return withMembers(c, [...c.unitIds.filter((id) => !moving.has(id)), ...moving]);
      return c.unitIds.some((id) => moving.has(id)) ? withMembers(c, c.unitIds.filter((id) => !moving.has(id))) : c;
    }),
  );
}

export function renameCluster(clusters: readonly BoardCluster[], id: string, label: string): BoardCluster[] {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (clean === '') return [...clusters];
  return clusters.map((c) => (c.id === id ? { ...c, label: clean } : c));
}

/** Merges `sourceIds` into `targetId`: members, keywords and representative quotes are combined. */
export function mergeClusters(clusters: readonly BoardCluster[], sourceIds: readonly string[], targetId: string): BoardCluster[] {
  const sources = clusters.filter((c) => sourceIds.includes(c.id) && c.id !== targetId);
  const target = clusters.find((c) => c.id === targetId);
  if (target === undefined) throw new Error(`No theme ${targetId}`);
  const unitIds = [...new Set([...target.unitIds, ...sources.flatMap((c) => c.unitIds)])];
  const merged: BoardCluster = {
    ...withMembers(target, unitIds),
    keywords: [...new Set([...target.keywords, ...sources.flatMap((c) => c.keywords)])].slice(0, 10),
  };
  const reps = [...representativesOf(target), ...sources.flatMap(representativesOf)].slice(0, 3);
  if (reps.length > 0) merged.representativeIds = reps;
  const gone = new Set(sources.map((c) => c.id));
  return ordered(clusters.filter((c) => !gone.has(c.id)).map((c) => (c.id === targetId ? merged : c)));
}

/** Moves the given cards into a new manual theme, placed after the theme the first card came from. */
export function splitCluster(clusters: readonly BoardCluster[], unitIds: readonly string[], label: string): { clusters: BoardCluster[]; id: string } {
  const id = `manual-${newId()}`;
  const fresh: BoardCluster = { id, label: label.trim() === '' ? 'New theme' : label.trim(), keywords: [], unitIds: [], origin: 'manual' };
  const from = clusters.findIndex((c) => c.unitIds.includes(unitIds[0] ?? ''));
  const list = [...clusters];
  list.splice(from < 0 || isUnclustered(list[from]!) ? list.length : from + 1, 0, fresh);
  return { clusters: moveUnits(list, unitIds, id), id };
}

/** Deletes a theme; its members go to the unclustered bucket. The bucket itself cannot be deleted. */
export function deleteCluster(clusters: readonly BoardCluster[], id: string): BoardCluster[] {
  const victim = clusters.find((c) => c.id === id);
  if (victim === undefined || isUnclustered(victim)) return [...clusters];
  const rest = ordered(clusters.filter((c) => c.id !== id));
  return rest.map((c) => (isUnclustered(c) ? { ...c, unitIds: [...c.unitIds, ...victim.unitIds] } : c));
}

/** An empty manual theme, before the unclustered bucket. */
export function createCluster(clusters: readonly BoardCluster[], label: string): { clusters: BoardCluster[]; id: string } {
  const id = `manual-${newId()}`;
  const fresh: BoardCluster = { id, label: label.trim() === '' ? 'New theme' : label.trim(), keywords: [], unitIds: [], origin: 'manual' };
  return { clusters: ordered([...clusters.filter((c) => !isUnclustered(c)), fresh, ...clusters.filter(isUnclustered)]), id };
}

/** A theme's cards in board order: its representative quotes first (closest to the centre first), then the rest. */
export function cardOrder(cluster: BoardCluster): string[] {
  const reps = representativesOf(cluster);
  const set = new Set(reps);
  return [...reps, ...cluster.unitIds.filter((id) => !set.has(id))];
}

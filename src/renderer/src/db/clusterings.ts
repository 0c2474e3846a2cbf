/**
 * The clusterings repository: what a clustering run reads (the items of a scope: answers to a question,
 * responses filtered by an attribute, the passages of a tag, or every unit), the Clustering records it writes
 * (one per run, with its parameters, date, themes and the unclustered bucket), the board's edits, and the
 * per-workspace extra stop words. Plain functions; the worker and the Themes section both call them.
 *
 * ClusterDef is a loose record (core/schemas.ts), so a board theme carries two optional fields beyond the
 * model's: `representativeIds` (the quotes the pipeline picked) and `origin` ('manual' for themes the user made).
 */
import type { ClusterDef, Clustering, Participant, Unit } from '../../../core/model';
import type { ClusterResult } from '../../../core/cluster';
import { newId, nowIso } from '../../../core/ids';
import { sliceCodePoints } from '../../../core/coding';
import { registryDb, workspaceDb } from './connections';
import { readTaggingsOfTag } from './tagging-blocks';
import { forEachSourceUnit, getParticipants, getUnits, listAnswers, listQuestions, listSources } from './workspace-data';
import { getSetting, setSetting } from './workspaces';

/** Persisted: the id and label of the bucket holding units that fit no theme. Changing them needs a migration. */
export const UNCLUSTERED_ID = 'unclustered';
export const UNCLUSTERED_LABEL = 'Unclustered';

/** A theme on the board: the model's ClusterDef plus the optional fields the board keeps. */
export interface BoardCluster extends ClusterDef {
  representativeIds?: string[];
  /** Persisted: 'manual' marks a theme the user created; absent for themes the pipeline found. */
  origin?: 'manual';
}

/** What to cluster. */
export type ClusterScope =
  | { kind: 'responses'; questionId: string | null; filter: { key: string; value: string } | null }
  | { kind: 'tag'; tagId: string }
  | { kind: 'all' };

export interface ScopeItem {
  id: string;
  text: string;
}

/** The representative quotes of a stored theme ([] for manual themes and older records). */
export function representativesOf(cluster: ClusterDef): string[] {
  if (!('representativeIds' in cluster) || !Array.isArray(cluster.representativeIds)) return [];
  return cluster.representativeIds.filter((id): id is string => typeof id === 'string');
}

export function isUnclustered(cluster: ClusterDef): boolean {
  return cluster.id === UNCLUSTERED_ID;
}

/**
 * The items of a scope, in source order. Units with no text are left out; so are interviewers' utterances
 * (kept in the workspace, never analysed). `onProgress` gets the number of items read so far.
 */
export async function collectScopeItems(workspaceId: string, scope: ClusterScope, onProgress?: (read: number) => void): Promise<ScopeItem[]> {
  const items: ScopeItem[] = [];
  const push = (id: string, text: string): void => {
    if (text.trim() !== '') items.push({ id, text });
  };
  if (scope.kind === 'tag') {
    const db = workspaceDb(workspaceId);
    const taggings = await db.transaction('r', [db.taggings, db.taggingBlocks], () => readTaggingsOfTag(db, scope.tagId));
    const highlights = await db.highlights.bulkGet(taggings.flatMap((t) => t.highlightId ?? []));
    const byId = new Map(highlights.flatMap((h) => (h === undefined ? [] : [[h.id, h] as const])));
    const units = await getUnits(workspaceId, taggings.map((t) => t.unitId));
    // One item per unit: the whole unit when it is tagged as a whole, else its tagged passages joined.
    const parts = new Map<string, string[]>();
    for (const t of taggings) {
      const unit = units.get(t.unitId);
      if (unit === undefined) continue;
      const h = t.highlightId === undefined ? undefined : byId.get(t.highlightId);
      const text = h === undefined ? unit.text : sliceCodePoints(unit.text, h.start, h.end);
      const list = parts.get(unit.id) ?? [];
      if (h === undefined) list.splice(0, list.length, unit.text);
      else if (!list.includes(unit.text) && !list.includes(text)) list.push(text);
      parts.set(unit.id, list);
    }
    const ordered = [...parts.keys()].sort(compareUnitIds);
    for (const id of ordered) push(id, (parts.get(id) ?? []).join(' … '));
    onProgress?.(items.length);
    return items;
  }

  const interviewers = new Set((await workspaceDb(workspaceId).participants.toArray()).filter((p) => p.role === 'interviewer').map((p) => p.id));
  if (scope.kind === 'all') {
    for (const source of await listSources(workspaceId)) {
      await forEachSourceUnit(workspaceId, source.id, (units) => {
        for (const u of units) if (u.participantId === undefined || !interviewers.has(u.participantId)) push(u.id, u.text);
        onProgress?.(items.length);
      });
    }
    return items;
  }

  const filter = scope.filter;
  const keep = async (units: Unit[]): Promise<void> => {
    let people: Map<string, Participant> | undefined;
    if (filter !== null) people = await getParticipants(workspaceId, units.flatMap((u) => u.participantId ?? []));
    for (const u of units) {
      if (people !== undefined && filter !== null) {
        const p = u.participantId === undefined ? undefined : people.get(u.participantId);
        if (p === undefined || String(p.attributes[filter.key] ?? '') !== filter.value) continue;
      }
      push(u.id, u.text);
    }
    onProgress?.(items.length);
  };
  if (scope.questionId !== null) {
    let after: number | undefined;
    for (;;) {
      const page = await listAnswers(workspaceId, scope.questionId, after === undefined ? { limit: 5000 } : { after, limit: 5000 });
      await keep(page.items);
      if (page.next === null) break;
      after = page.next;
    }
    return items;
  }
  const open = new Set((await listQuestions(workspaceId)).filter((q) => q.type === 'open').map((q) => q.id));
  for (const source of await listSources(workspaceId)) {
    if (source.kind !== 'survey') continue;
    const batches: Unit[][] = [];
    await forEachSourceUnit(workspaceId, source.id, (units) => {
      batches.push(units.filter((u) => u.questionId !== undefined && open.has(u.questionId)));
    });
    for (const batch of batches) await keep(batch);
  }
  return items;
}

function compareUnitIds(a: string, b: string): number {
  const [sa, qa] = splitId(a);
  const [sb, qb] = splitId(b);
  return sa.localeCompare(sb) || qa - qb;
}

function splitId(id: string): [string, number] {
  const at = id.lastIndexOf(':');
  return [id.slice(0, at), Number(id.slice(at + 1))];
}

export interface NewRun {
  name: string;
  result: ClusterResult;
  /** Added to the pipeline's params: what was clustered, described for people and for re-running. */
  scopeParams: Record<string, string | number | boolean>;
}

/** Stores one run as a Clustering record: its themes, then the unclustered bucket. */
export async function saveClusterRun(workspaceId: string, run: NewRun): Promise<Clustering> {
  const now = nowIso();
  const clusters: BoardCluster[] = run.result.clusters.map((c) => ({
    id: c.id,
    label: c.label,
    keywords: c.keywords,
    unitIds: c.unitIds,
    representativeIds: c.representativeIds,
  }));
  clusters.push({ id: UNCLUSTERED_ID, label: UNCLUSTERED_LABEL, keywords: [], unitIds: run.result.unclustered });
  const record: Clustering = {
    id: newId(),
    createdAt: now,
    updatedAt: now,
    name: run.name,
    // k stays as asked ('auto' or a number); kUsed is what k-means ran with.
    params: { ...run.result.params, ...run.scopeParams, kUsed: run.result.stats.k, ms: run.result.stats.ms },
    clusters,
  };
  await workspaceDb(workspaceId).clusterings.add(record);
  await markChanged(workspaceId, { clusterings: 1 });
  return record;
}

export async function getClustering(workspaceId: string, id: string): Promise<Clustering | undefined> {
  return workspaceDb(workspaceId).clusterings.get(id);
}

/** Replaces a run's themes (a board edit); returns the updatedAt it stored. */
export async function updateClusters(workspaceId: string, id: string, clusters: readonly BoardCluster[]): Promise<string> {
  const updatedAt = nowIso();
  const changed = await workspaceDb(workspaceId).clusterings.update(id, { clusters: [...clusters], updatedAt });
  if (changed === 0) throw new Error(`No clustering ${id}`);
  await markChanged(workspaceId, {});
  return updatedAt;
}

export async function renameClustering(workspaceId: string, id: string, name: string): Promise<void> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') return;
  await workspaceDb(workspaceId).clusterings.update(id, { name: clean, updatedAt: nowIso() });
  await markChanged(workspaceId, {});
}

export async function deleteClustering(workspaceId: string, id: string): Promise<void> {
  await workspaceDb(workspaceId).clusterings.delete(id);
  await markChanged(workspaceId, { clusterings: -1 });
}

/** Marks the workspace changed since its last save and moves its cached counts. */
async function markChanged(workspaceId: string, delta: { clusterings?: number }): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    const counts = { ...entry.counts };
    counts.clusterings = Math.max(0, counts.clusterings + (delta.clusterings ?? 0));
    await registry.workspaces.put({ ...entry, counts, dirty: true, updatedAt: nowIso() });
  });
}

/** Persisted: the settings key prefix of a workspace's extra stop words (one setting per workspace). */
const STOP_WORDS_KEY = 'cluster-stop-words:';

export async function getExtraStopWords(workspaceId: string): Promise<string[]> {
  return parseStopWords((await getSetting(STOP_WORDS_KEY + workspaceId)) ?? '');
}

export async function setExtraStopWords(workspaceId: string, words: readonly string[]): Promise<void> {
  await setSetting(STOP_WORDS_KEY + workspaceId, [...new Set(words)].join(', '));
}

/** "relay, app  the-product" → ['relay', 'app', 'the-product']: commas or whitespace separate, lower-cased. */
export function parseStopWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[\s,;]+/u).filter((w) => w !== ''))];
}

/** Attribute names of survey respondents and up to `maxValues` of their most common values each. */
export async function respondentAttributes(workspaceId: string, maxValues = 40): Promise<Map<string, string[]>> {
  const db = workspaceDb(workspaceId);
  const counts = new Map<string, Map<string, number>>();
  const add = (key: string, value: string | number | null | undefined): void => {
    if (value === null || value === undefined || value === '') return;
    let m = counts.get(key);
    if (m === undefined) counts.set(key, (m = new Map()));
    const v = String(value);
    m.set(v, (m.get(v) ?? 0) + 1);
  };
  await db.respondentBlocks.each((b) => {
    b.attrKeys.forEach((key, k) => {
      for (const value of b.attrs[k] ?? []) add(key, value);
    });
  });
  const out = new Map<string, string[]>();
  for (const [key, values] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.set(
      key,
      [...values]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], undefined, { numeric: true }))
        .slice(0, maxValues)
        .map(([v]) => v),
    );
  }
  return out;
}

/** Unit texts by id, read in batches (texts never change after import, so the board reads them once). */
export async function unitTexts(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 20_000) {
    const units = await getUnits(workspaceId, ids.slice(i, i + 20_000));
    for (const [id, u] of units) out.set(id, u.text);
  }
  return out;
}

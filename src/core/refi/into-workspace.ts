/**
 * A `.qdpx` project added to an existing workspace, for `loupe import`: its codebook joins the workspace's
 * (codes with the same path become the same tag, as with any codebook import), and its sources, units,
 * highlights, taggings and participants are added. A source whose id is already in the workspace (the same
 * project imported again) is skipped with everything that hangs off it. The result fits the import summary.
 */
import { applyChangeSet, codingState } from '../coding/changeset';
import { codebookEntries, importCodebook } from '../coding/exchange';
import type { WorkspaceSnapshot } from '../model';
import type { SourceImportSummary } from '../import/workspace-import';
import { importQdpx, type QdpxImportOptions } from './qdpx-import';
import { sha256Hex } from '../sha256';

export function addQdpxToWorkspace(snapshot: WorkspaceSnapshot, fileName: string, bytes: Uint8Array, options: QdpxImportOptions = {}): SourceImportSummary {
  const { snapshot: project, loss } = importQdpx(bytes, options);
  const t = snapshot.tables;
  const p = project.tables;
  const contentHash = sha256Hex(bytes);
  const tagsBefore = t.tags.length;
  const summary = (status: SourceImportSummary['status'], units: number, participants: number, sourceId: string, added?: Omit<NonNullable<SourceImportSummary['project']>, 'codes' | 'newTags'>): SourceImportSummary => ({
    fileName,
    status,
    sourceId,
    title: project.meta.name,
    kind: 'transcript',
    vendor: 'refi-qda',
    layout: null,
    encoding: 'utf-8',
    rowsRead: null,
    participants,
    units,
    questions: [],
    warnings: [...loss.lost.map((l) => ({ row: 0, message: l.message })), ...loss.notes.map((n) => ({ row: 0, message: n }))],
    rowsNotImported: [],
    project: { sources: 0, selections: 0, codings: 0, notes: 0, ...added, codes: p.tags.length, newTags: t.tags.length - tagsBefore },
  });

  // Codebook first: the project's tags are matched to the workspace's by path.
  const projectTags = new Map(p.tags.map((tag) => [tag.id, tag]));
  const state = codingState(t);
  const op = importCodebook(state, codebookEntries(projectTags), options.newId ? { env: { newId: options.newId, now: () => options.now ?? new Date().toISOString() } } : {});
  const tags = [...applyChangeSet(state, op.changes).tags.values()];
  const idByPath = new Map<string, string>();
  const pathOf = (all: ReadonlyMap<string, { name: string; parentId?: string }>, id: string): string => {
    const parts: string[] = [];
    for (let cur = all.get(id); cur; cur = cur.parentId !== undefined ? all.get(cur.parentId) : undefined) parts.unshift(cur.name.trim().toLowerCase());
    return parts.join('\u0000');
  };
  const merged = new Map(tags.map((tag) => [tag.id, tag]));
  for (const tag of tags) idByPath.set(pathOf(merged, tag.id), tag.id);
  const tagMap = new Map(p.tags.map((tag) => [tag.id, idByPath.get(pathOf(projectTags, tag.id)) ?? tag.id]));

  const existing = new Set(t.sources.map((s) => s.id));
  const sources = p.sources.filter((s) => !existing.has(s.id));
  const first = sources[0]?.id ?? p.sources[0]?.id ?? '';
  t.tags = tags;
  if (sources.length === 0 && p.sources.length > 0) return summary('duplicate', 0, 0, first);
  const keep = new Set(sources.map((s) => s.id));
  const units = p.units.filter((u) => keep.has(u.sourceId));
  const unitIds = new Set(units.map((u) => u.id));
  const highlights = p.highlights.filter((h) => unitIds.has(h.unitId));
  const participantIds = new Set(t.participants.map((x) => x.id));
  const participants = p.participants.filter((x) => !participantIds.has(x.id));
  const taggings = p.taggings.filter((g) => unitIds.has(g.unitId)).map((g) => ({ ...g, tagId: tagMap.get(g.tagId) ?? g.tagId }));
  for (const s of sources) t.sources.push({ ...s, contentHash });
  for (const u of units) t.units.push(u);
  for (const h of highlights) t.highlights.push(h);
  for (const g of taggings) t.taggings.push(g);
  for (const x of participants) t.participants.push(x);
  const added = { sources: sources.length, selections: highlights.length, codings: taggings.length, notes: sources.filter((s) => s.kind === 'notes').length };
  return summary('imported', units.length, participants.length, first, added);
}

/** A summary of what a workspace holds, for `loupe inspect` and the app's "open file" preview. */
import type { QuestionType, SourceKind, WorkspaceSnapshot } from './model';

export interface WorkspaceInspection {
  workspace: { id: string; name: string };
  totals: { sources: number; participants: number; questions: number; units: number; tags: number; highlights: number; taggings: number; insights: number; clusterings: number; reports: number };
  /** Saved clustering runs: name, date, number of clusters. */
  clusterings: { id: string; name: string; createdAt: string; clusters: number }[];
  sources: {
    id: string;
    kind: SourceKind;
    title: string;
    vendor: string;
    encoding: string;
    units: number;
    participants: number;
    questions: { id: string; label: string; text: string; type: QuestionType }[];
  }[];
}

export function inspectWorkspace(snapshot: WorkspaceSnapshot): WorkspaceInspection {
  const { tables } = snapshot;
  const unitsBySource = countBy(tables.units, (u) => u.sourceId);
  const participantsBySource = new Map<string, number>();
  for (const p of tables.participants) for (const id of new Set(p.sourceIds)) participantsBySource.set(id, (participantsBySource.get(id) ?? 0) + 1);
  return {
    workspace: { id: snapshot.meta.id, name: snapshot.meta.name },
    totals: {
      sources: tables.sources.length,
      participants: tables.participants.length,
      questions: tables.questions.length,
      units: tables.units.length,
      tags: tables.tags.length,
      highlights: tables.highlights.length,
      taggings: tables.taggings.length,
      insights: tables.insights.length,
      clusterings: tables.clusterings.length,
      reports: tables.reports.length,
    },
    clusterings: tables.clusterings.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt, clusters: c.clusters.length })),
    sources: tables.sources.map((s) => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      vendor: s.vendor,
      encoding: s.encoding,
      units: unitsBySource.get(s.id) ?? 0,
      participants: participantsBySource.get(s.id) ?? 0,
      questions: tables.questions
        .filter((q) => q.sourceId === s.id)
        .sort((a, b) => a.order - b.order)
        .map((q) => ({ id: q.id, label: q.label, text: q.text, type: q.type })),
    })),
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * React hooks over the repositories, live: they re-render when the underlying IndexedDB data changes
 * (Dexie liveQuery). `undefined` means still loading. Components read data only through these.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { analysisData, type AnalysisData } from '../../../core/analysis';
import type { Clustering, Highlight, Insight, Participant, Question, Report, Source, Tag, Unit } from '../../../core/model';
import * as data from './workspace-data';
import { respondentAttributes } from './clusterings';
import { currentWorkspace, getWorkspace, listWorkspaces, type WorkspaceEntry } from './workspaces';

export function useWorkspaces(): WorkspaceEntry[] | undefined {
  return useLiveQuery(listWorkspaces, []);
}

/** The most recently opened workspace; null when there is none. */
export function useCurrentWorkspace(): WorkspaceEntry | null | undefined {
  return useLiveQuery(async () => (await currentWorkspace()) ?? null, []);
}

export function useWorkspace(id: string): WorkspaceEntry | undefined {
  return useLiveQuery(() => getWorkspace(id), [id]);
}

export interface SourceRow {
  source: Source;
  units: number;
  participants: number;
}

export function useSources(workspaceId: string): SourceRow[] | undefined {
  return useLiveQuery(async () => {
    const sources = await data.listSources(workspaceId);
    const stats = await data.sourceStats(workspaceId, sources.map((s) => s.id));
    return sources.map((source) => ({ source, ...(stats.get(source.id) ?? { units: 0, participants: 0 }) }));
  }, [workspaceId]);
}

export function useSource(workspaceId: string, sourceId: string): Source | null | undefined {
  return useLiveQuery(async () => (await data.getSource(workspaceId, sourceId)) ?? null, [workspaceId, sourceId]);
}

/** The first `limit` units of a source, in order. */
export function useSourceUnits(workspaceId: string, sourceId: string, limit: number): Unit[] | undefined {
  return useLiveQuery(async () => (await data.listSourceUnits(workspaceId, sourceId, { limit })).items, [workspaceId, sourceId, limit]);
}

/** Committed answers (units) per question id of one source, from its stored stats. */
export function useQuestionCounts(workspaceId: string, sourceId: string): Record<string, number> | undefined {
  return useLiveQuery(async () => (await data.sourceMeta(workspaceId, sourceId))?.questionCounts ?? {}, [workspaceId, sourceId]);
}

export function useQuestions(workspaceId: string): Question[] | undefined {
  return useLiveQuery(() => data.listQuestions(workspaceId), [workspaceId]);
}

export interface AnswerRow {
  unit: Unit;
  participant: Participant | undefined;
}

export interface AnswersPage {
  rows: AnswerRow[];
  total: number;
}

/** The first `limit` answers to a question with their participants, and the total number of answers. */
export function useAnswers(workspaceId: string, questionId: string | null, limit: number): AnswersPage | undefined {
  return useLiveQuery(async () => {
    if (questionId === null) return { rows: [], total: 0 };
    const page = await data.listAnswers(workspaceId, questionId, { limit });
    const people = await data.getParticipants(
      workspaceId,
      page.items.flatMap((u) => (u.participantId === undefined ? [] : [u.participantId])),
    );
    const total = await data.countAnswers(workspaceId, questionId);
    return { rows: page.items.map((unit) => ({ unit, participant: unit.participantId === undefined ? undefined : people.get(unit.participantId) })), total };
  }, [workspaceId, questionId, limit]);
}

export interface CodebookData {
  tags: Tag[];
  counts: Map<string, number>;
}

export function useCodebook(workspaceId: string): CodebookData | undefined {
  return useLiveQuery(async () => ({ tags: await data.listTags(workspaceId), counts: await data.taggingCountsByTag(workspaceId) }), [workspaceId]);
}

export interface ClusteringView {
  clustering: Clustering;
  /** A few example units per cluster id. */
  examples: Map<string, Unit[]>;
}

export function useClusterings(workspaceId: string, examplesPerCluster = 2): ClusteringView[] | undefined {
  return useLiveQuery(async () => {
    const clusterings = await data.listClusterings(workspaceId);
    const wanted = clusterings.flatMap((c) => c.clusters.flatMap((k) => k.unitIds.slice(0, examplesPerCluster)));
    const units = await data.getUnits(workspaceId, wanted);
    return clusterings.map((clustering) => ({
      clustering,
      examples: new Map(
        clustering.clusters.map((k) => [k.id, k.unitIds.slice(0, examplesPerCluster).flatMap((id) => units.get(id) ?? [])]),
      ),
    }));
  }, [workspaceId, examplesPerCluster]);
}

export interface EvidenceQuote {
  key: string;
  text: string;
  unit: Unit | undefined;
  participant: Participant | undefined;
}

export interface InsightView {
  insight: Insight;
  quotes: EvidenceQuote[];
  tags: Tag[];
}

export function useInsights(workspaceId: string): InsightView[] | undefined {
  return useLiveQuery(async () => {
    const insights = await data.listInsights(workspaceId);
    const evidence = insights.flatMap((i) => i.evidence);
    const highlights = await data.getHighlights(workspaceId, evidence.filter((e) => e.kind === 'highlight').map((e) => e.refId));
    const unitIds = evidence.map((e) => (e.kind === 'highlight' ? highlights.get(e.refId)?.unitId : e.refId)).filter((id) => id !== undefined);
    const units = await data.getUnits(workspaceId, unitIds);
    const people = await data.getParticipants(workspaceId, [...units.values()].flatMap((u) => u.participantId ?? []));
    const tags = new Map((await data.listTags(workspaceId)).map((t) => [t.id, t]));
    return insights.map((insight) => ({
      insight,
      tags: insight.tagIds.flatMap((id) => tags.get(id) ?? []),
      quotes: insight.evidence.map((e, i) => {
        const highlight = e.kind === 'highlight' ? highlights.get(e.refId) : undefined;
        const unit = units.get(highlight?.unitId ?? e.refId);
        const participant = unit?.participantId === undefined ? undefined : people.get(unit.participantId);
        return { key: `${e.refId}-${i}`, text: quoteText(unit, highlight), unit, participant };
      }),
    }));
  }, [workspaceId]);
}

/** The highlighted part of a unit (offsets count code points), or the whole unit. */
export function quoteText(unit: Unit | undefined, highlight: Highlight | undefined): string {
  if (unit === undefined) return '(evidence no longer in this workspace)';
  if (highlight === undefined) return unit.text;
  return Array.from(unit.text).slice(highlight.start, highlight.end).join('');
}

export function useReports(workspaceId: string): Report[] | undefined {
  return useLiveQuery(() => data.listReports(workspaceId), [workspaceId]);
}

/**
 * The workspace as core analysis sees it (insight counts, charts, reports), live. Two queries, so a new
 * tagging re-reads only the coding tables, not every unit block.
 */
export function useAnalysisData(workspaceId: string): AnalysisData | undefined {
  const sources = useLiveQuery(() => data.loadAnalysisSources(workspaceId), [workspaceId]);
  const coding = useLiveQuery(() => data.loadAnalysisCoding(workspaceId), [workspaceId]);
  return useMemo(() => (sources === undefined || coding === undefined ? undefined : analysisData({ ...sources, ...coding })), [sources, coding]);
}

/** Insight records, most recently changed first. */
export function useInsightRecords(workspaceId: string): Insight[] | undefined {
  return useLiveQuery(() => data.listInsights(workspaceId), [workspaceId]);
}

export function useReport(workspaceId: string, reportId: string): Report | null | undefined {
  return useLiveQuery(async () => (await data.getReport(workspaceId, reportId)) ?? null, [workspaceId, reportId]);
}

/** Every clustering run, newest first, live (Themes: the runs list and the board of the open run). */
export function useClusteringRuns(workspaceId: string): Clustering[] | undefined {
  return useLiveQuery(() => data.listClusterings(workspaceId), [workspaceId]);
}

/** Survey respondents' attribute names and their most common values (to filter what to cluster). */
export function useRespondentAttributes(workspaceId: string): Map<string, string[]> | undefined {
  return useLiveQuery(() => respondentAttributes(workspaceId), [workspaceId]);
}

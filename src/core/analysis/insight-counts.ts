/**
 * Insight counts, always computed from the evidence and never typed: how many units and participants back an
 * insight, what share of a survey's respondents that is, and how it splits by a participant attribute.
 * Evidence spoken by an interviewer, or pointing at a deleted unit/highlight, is reported and left out.
 */
import type { EvidenceLink, Insight } from '../model';
import { analysisIndex } from './analysis-index';
import { type AnalysisData, attributeValue, isInterviewer, sortSegments } from './data';

export interface SurveyShare {
  sourceId: string;
  title: string;
  /** Participants of that survey behind the insight. */
  participants: number;
  /** Everyone who answered the survey (interviewers excluded). */
  respondents: number;
  /** participants / respondents × 100; 0 when the survey has no respondents. */
  percent: number;
}

export interface SegmentCount {
  value: string;
  units: number;
  participants: number;
  /** Participants in this segment across the sources the evidence comes from (the base). */
  base: number;
  /** participants / base × 100. */
  percent: number;
}

export interface InsightCounts {
  unitIds: string[];
  participantIds: string[];
  units: number;
  participants: number;
  /** One entry per survey the evidence comes from. */
  surveys: SurveyShare[];
  /**
   * Survey participants behind the insight as a share of those surveys' respondents; null when no evidence
   * comes from a survey (a share of interviewees would mislead).
   */
  percentOfRespondents: number | null;
  /** Present when a segment attribute was asked for. */
  bySegment?: { attribute: string; segments: SegmentCount[] };
  /** Evidence left out: spoken by an interviewer, or pointing at something deleted. */
  excluded: { interviewer: number; missing: number };
}

/** The unit an evidence link points at, or undefined when it is gone. */
export function evidenceUnitId(data: AnalysisData, link: EvidenceLink): string | undefined {
  if (link.kind === 'highlight') return data.highlights.get(link.refId)?.unitId;
  return data.units.has(link.refId) ? link.refId : undefined;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (part / whole) * 100;
}

export function insightCounts(insight: Pick<Insight, 'evidence'>, data: AnalysisData, options: { segmentBy?: string } = {}): InsightCounts {
  const unitIds: string[] = [];
  const seenUnits = new Set<string>();
  const excluded = { interviewer: 0, missing: 0 };
  for (const link of insight.evidence) {
    const id = evidenceUnitId(data, link);
    const unit = id === undefined ? undefined : data.units.get(id);
    if (!unit) {
      excluded.missing++;
      continue;
    }
    if (isInterviewer(unit.participantId === undefined ? undefined : data.participants.get(unit.participantId))) {
      excluded.interviewer++;
      continue;
    }
    if (!seenUnits.has(unit.id)) {
      seenUnits.add(unit.id);
      unitIds.push(unit.id);
    }
  }

  const participantIds: string[] = [];
  const seenParticipants = new Set<string>();
  const sourceIds = new Set<string>();
  for (const id of unitIds) {
    const u = data.units.get(id);
    if (!u) continue;
    sourceIds.add(u.sourceId);
    if (u.participantId !== undefined && !seenParticipants.has(u.participantId)) {
      seenParticipants.add(u.participantId);
      participantIds.push(u.participantId);
    }
  }

  const ix = analysisIndex(data);
  const surveys: SurveyShare[] = [];
  const surveyIds: string[] = [];
  const surveyParticipants = new Set<string>();
  for (const sourceId of sourceIds) {
    const source = data.sources.get(sourceId);
    if (source?.kind !== 'survey') continue;
    const respondents = ix.respondents(sourceId);
    surveyIds.push(sourceId);
    const inIt = participantIds.filter((pid) => data.participants.get(pid)?.sourceIds.includes(sourceId));
    for (const pid of inIt) surveyParticipants.add(pid);
    surveys.push({ sourceId, title: source.title, participants: inIt.length, respondents: respondents.length, percent: percent(inIt.length, respondents.length) });
  }

  const counts: InsightCounts = {
    unitIds,
    participantIds,
    units: unitIds.length,
    participants: participantIds.length,
    surveys,
    percentOfRespondents: surveys.length === 0 ? null : percent(surveyParticipants.size, ix.respondentCount(surveyIds)),
    excluded,
  };
  if (options.segmentBy !== undefined) counts.bySegment = { attribute: options.segmentBy, segments: segmentCounts(data, unitIds, participantIds, sourceIds, options.segmentBy) };
  return counts;
}

function segmentCounts(data: AnalysisData, unitIds: readonly string[], participantIds: readonly string[], sourceIds: ReadonlySet<string>, attribute: string): SegmentCount[] {
  const base = analysisIndex(data).segmentBase(attribute, sourceIds);
  const units = new Map<string, number>();
  for (const id of unitIds) {
    const pid = data.units.get(id)?.participantId;
    const v = attributeValue(pid === undefined ? undefined : data.participants.get(pid), attribute);
    units.set(v, (units.get(v) ?? 0) + 1);
  }
  const people = new Map<string, number>();
  for (const pid of participantIds) {
    const v = attributeValue(data.participants.get(pid), attribute);
    people.set(v, (people.get(v) ?? 0) + 1);
  }
  return sortSegments([...base.keys(), ...units.keys()]).map((value) => {
    const n = people.get(value) ?? 0;
    const b = base.get(value) ?? 0;
    return { value, units: units.get(value) ?? 0, participants: n, base: b, percent: percent(n, b) };
  });
}

/** A one-line summary a report prints under an insight, e.g. "12 quotes from 9 participants · 18% of respondents". */
export function describeCounts(c: InsightCounts): string {
  const parts = [`${c.units} ${c.units === 1 ? 'quote' : 'quotes'} from ${c.participants} ${c.participants === 1 ? 'participant' : 'participants'}`];
  if (c.percentOfRespondents !== null) parts.push(`${formatPercent(c.percentOfRespondents)} of respondents`);
  return parts.join(' · ');
}

/** Whole percents, except below 1% where "0%" would hide a real, small share. */
export function formatPercent(p: number): string {
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}

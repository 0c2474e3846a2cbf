/**
 * Net Promoter Score: promoters 9–10, passives 7–8, detractors 0–6; NPS = %promoters − %detractors
 * (−100…100). Scores are participant attributes (the importer stores an NPS column under its label);
 * anything that is not a whole number 0–10 is left out and counted as invalid.
 */
import type { Participant, Question } from '../../../../src/core/model';
import { type AnalysisData, isInterviewer } from '../../../../src/core/analysis/data';
import { percent } from './insight-counts';

export interface NpsResult {
  /** Valid scores. */
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  pctPromoters: number;
  pctPassives: number;
  pctDetractors: number;
  /** null when there are no valid scores. */
  nps: number | null;
  /** distribution[s]: how many gave score s (0–10). */
  distribution: number[];
  /** Values present but not a 0–10 score. */
  invalid: number;
}

export function npsScore(value: string | number | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : undefined;
}

export function computeNps(values: Iterable<string | number | undefined>): NpsResult {
  const distribution = Array.from({ length: 11 }, () => 0);
  let invalid = 0;
  for (const v of values) {
    if (v === undefined || v === '') continue;
    const s = npsScore(v);
    if (s === undefined) invalid++;
    else distribution[s]!++;
  }
  const n = distribution.reduce((a, b) => a + b, 0);
  const promoters = distribution[9]! + distribution[10]!;
  const passives = distribution[7]! + distribution[8]!;
  const detractors = n - promoters - passives;
  const pctPromoters = percent(promoters, n);
  const pctDetractors = percent(detractors, n);
  return {
    n,
    promoters,
    passives,
    detractors,
    pctPromoters,
    pctPassives: percent(passives, n),
    pctDetractors,
    nps: n === 0 ? null : pctPromoters - pctDetractors,
    distribution,
    invalid,
  };
}

/** Attribute keys holding NPS answers: the labels of the workspace's NPS questions. */
export function npsAttributes(questions: Iterable<Question>): string[] {
  const out = new Set<string>();
  for (const q of questions) if (q.type === 'nps') out.add(q.label);
  return [...out];
}

export type NpsClass = 'detractors' | 'passives' | 'promoters';

export function npsClass(score: number): NpsClass {
  return score >= 9 ? 'promoters' : score >= 7 ? 'passives' : 'detractors';
}

export interface OverallNps extends NpsResult {
  /** participantIdsByScore[s]: who gave score s, so a bar of the distribution can open them. */
  participantIdsByScore: string[][];
  /** unitIdsByScore[s]: their analysed units. */
  unitIdsByScore: string[][];
}

/** NPS over every participant (interviewers excluded) who has a score under `attribute`. */
export function overallNps(data: AnalysisData, attribute: string): OverallNps {
  const people = [...data.participants.values()].filter((p) => !isInterviewer(p));
  const participantIdsByScore: string[][] = Array.from({ length: 11 }, () => []);
  const scoreOf = new Map<string, number>();
  for (const p of people) {
    const s = npsScore(p.attributes[attribute]);
    if (s === undefined) continue;
    participantIdsByScore[s]!.push(p.id);
    scoreOf.set(p.id, s);
  }
  const unitIdsByScore: string[][] = Array.from({ length: 11 }, () => []);
  for (const u of data.analysedUnits) {
    const s = u.participantId === undefined ? undefined : scoreOf.get(u.participantId);
    if (s !== undefined) unitIdsByScore[s]!.push(u.id);
  }
  return { ...computeNps(people.map((p) => p.attributes[attribute])), participantIdsByScore, unitIdsByScore };
}

export interface NpsGroup {
  key: string;
  label: string;
  color?: string;
  unitIds: readonly string[];
}

export interface NpsByGroup extends NpsResult {
  key: string;
  label: string;
  color?: string;
  /** Units behind the group, so a bar can open them. */
  unitIds: string[];
  /** The group's units split by their participant's NPS class (units of unscored people are in none). */
  unitIdsByClass: Record<NpsClass, string[]>;
  /** Scored participants behind the group. */
  participantIds: string[];
}

/** NPS of the participants behind each group of units (a tag, a cluster/theme): each person counts once per group. */
export function npsByGroups(data: AnalysisData, attribute: string, groups: readonly NpsGroup[]): NpsByGroup[] {
  return groups.map((g) => {
    const people = new Map<string, Participant>();
    const unitIds: string[] = [];
    const unitIdsByClass: Record<NpsClass, string[]> = { detractors: [], passives: [], promoters: [] };
    for (const id of g.unitIds) {
      const u = data.units.get(id);
      const p = u?.participantId === undefined ? undefined : data.participants.get(u.participantId);
      if (!u || isInterviewer(p)) continue;
      unitIds.push(id);
      const s = npsScore(p?.attributes[attribute]);
      if (p && s !== undefined) {
        people.set(p.id, p);
        unitIdsByClass[npsClass(s)].push(id);
      }
    }
    const result = computeNps([...people.values()].map((p) => p.attributes[attribute]));
    return { ...result, key: g.key, label: g.label, ...(g.color !== undefined ? { color: g.color } : {}), unitIds, unitIdsByClass, participantIds: [...people.keys()] };
  });
}

/** NPS per tag, over the participants whose units carry the tag; tags with no scored participant are left out. */
export function npsByTag(data: AnalysisData, attribute: string, tagIds?: readonly string[]): NpsByGroup[] {
  const ids = tagIds ?? data.tagOrder.map((t) => t.id);
  const groups = ids.map((tagId) => ({
    key: tagId,
    label: data.tags.get(tagId)?.name ?? tagId,
    color: data.tags.get(tagId)?.color,
    unitIds: data.analysedUnits.filter((u) => data.unitTags.get(u.id)?.has(tagId)).map((u) => u.id),
  }));
  return npsByGroups(data, attribute, groups).filter((g) => g.n > 0);
}

/** NPS per theme (cluster) of a clustering. */
export function npsByCluster(data: AnalysisData, attribute: string, clusteringId: string): NpsByGroup[] {
  const clustering = data.clusterings.get(clusteringId);
  if (!clustering) return [];
  return npsByGroups(
    data,
    attribute,
    clustering.clusters.map((c) => ({ key: c.id, label: c.label, unitIds: c.unitIds })),
  ).filter((g) => g.n > 0);
}

/** An insight's evidence resolved against the analysis data: the quoted text, who said it, where it lives. */
import { type AnalysisData, evidenceUnitId, NO_VALUE } from '../../../../core/analysis';
import type { EvidenceLink, Insight, Unit } from '../../../../core/model';

export interface ResolvedEvidence {
  /** Stable within the insight: kind, ref and position. */
  key: string;
  link: EvidenceLink;
  unit: Unit | undefined;
  /** The highlighted part, or the whole unit. */
  text: string;
  memo?: string;
  /** "Priya Raman · Relay customer survey, Q1 2026". */
  attribution: string;
  sourceKind: string | undefined;
  /** Spoken by an interviewer: shown, but left out of the counts. */
  interviewer: boolean;
}

export function resolveEvidence(insight: Pick<Insight, 'evidence'>, data: AnalysisData): ResolvedEvidence[] {
  return insight.evidence.map((link, i) => {
    const unitId = evidenceUnitId(data, link);
    const unit = unitId === undefined ? undefined : data.units.get(unitId);
    const highlight = link.kind === 'highlight' ? data.highlights.get(link.refId) : undefined;
    const participant = unit?.participantId === undefined ? undefined : data.participants.get(unit.participantId);
    const source = unit === undefined ? undefined : data.sources.get(unit.sourceId);
    const text =
      unit === undefined ? '(this evidence is no longer in the workspace)' : highlight !== undefined ? Array.from(unit.text).slice(highlight.start, highlight.end).join('') : unit.text;
    const who = participant?.name ?? unit?.speaker;
    return {
      key: `${link.kind}:${link.refId}:${i}`,
      link,
      unit,
      text: text.trim(),
      ...(highlight?.memo !== undefined && highlight.memo !== '' ? { memo: highlight.memo } : {}),
      attribution: [who, source?.title].filter((x): x is string => x !== undefined && x !== '').join(' · '),
      sourceKind: source?.kind,
      interviewer: participant?.role === 'interviewer',
    };
  });
}

/** Participant attributes worth segmenting by: present on several participants, with 2–12 distinct values. */
export function segmentAttributes(data: AnalysisData): string[] {
  // Scores are not segments: an NPS answer is charted as NPS, not as eleven groups.
  const scores = new Set([...data.questions.values()].filter((q) => q.type === 'nps' || q.type === 'rating').map((q) => q.label));
  const values = new Map<string, Set<string>>();
  const seen = new Map<string, number>();
  for (const p of data.participants.values()) {
    if (p.role === 'interviewer') continue;
    for (const [k, v] of Object.entries(p.attributes)) {
      if (v === '' || scores.has(k)) continue;
      const set = values.get(k) ?? new Set<string>();
      set.add(String(v));
      values.set(k, set);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
  }
  return [...values.entries()]
    .filter(([k, set]) => set.size >= 2 && set.size <= 12 && (seen.get(k) ?? 0) >= 2 && !set.has(NO_VALUE))
    .map(([k]) => k)
    .sort((a, b) => a.localeCompare(b));
}

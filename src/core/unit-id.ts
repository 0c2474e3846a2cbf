/**
 * Unit and respondent id convention. Storage-driven: the IndexedDB layer stores units in blocks (about 128
 * per record, keyed by [sourceId, block]) and must find a unit from its id alone, without a per-unit index.
 * So a unit id IS its address: `${sourceId}:${seq}`.
 *
 * `seq` is a unique non-negative integer sort position within the source and may be SPARSE:
 * - transcripts and notes: the utterance/paragraph index;
 * - surveys: respondentIndex * seqStride + questionSlot, where respondentIndex is the respondent's 0-based,
 *   append-only index within the source (a newer export continues after Source.respondentCount),
 *   questionSlot is the question's `order`, and seqStride (Source.seqStride) the number of question slots.
 *   Every column of the export owns a slot, so a unit id stays the same when a question's role later
 *   changes between open and closed.
 *
 * Survey respondents get `${sourceId}:p${respondentIndex}`; transcript speakers keep random ids.
 * Persisted: changing the shape of these ids needs a workspace-file version bump and a Dexie migration.
 */

export interface UnitAddress {
  sourceId: string;
  seq: number;
}

const SEQ = /^(0|[1-9][0-9]*)$/;

export function unitId(sourceId: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`unit seq must be a non-negative integer, got ${seq}`);
  return `${sourceId}:${seq}`;
}

/** `${sourceId}:${seq}` → its parts; null when the id does not follow the convention. Source ids may contain ':'. */
export function parseUnitId(id: string): UnitAddress | null {
  const at = id.lastIndexOf(':');
  if (at <= 0) return null;
  const digits = id.slice(at + 1);
  if (!SEQ.test(digits)) return null;
  const seq = Number(digits);
  if (!Number.isSafeInteger(seq)) return null;
  return { sourceId: id.slice(0, at), seq };
}

/** Does this unit's id match its sourceId and seq? */
export function hasConventionalId(unit: { id: string; sourceId: string; seq: number }): boolean {
  return unit.id === `${unit.sourceId}:${unit.seq}`;
}

/** Sort position of a survey answer: respondentIndex * seqStride + questionSlot. */
export function surveySeq(respondentIndex: number, seqStride: number, questionSlot: number): number {
  if (!Number.isSafeInteger(respondentIndex) || respondentIndex < 0) throw new RangeError(`respondent index must be a non-negative integer, got ${respondentIndex}`);
  if (!Number.isSafeInteger(seqStride) || seqStride < 1) throw new RangeError(`seqStride must be a positive integer, got ${seqStride}`);
  if (!Number.isSafeInteger(questionSlot) || questionSlot < 0 || questionSlot >= seqStride) {
    throw new RangeError(`question slot must be in 0..${seqStride - 1}, got ${questionSlot}`);
  }
  return respondentIndex * seqStride + questionSlot;
}

/** Id of the survey respondent with this 0-based index in the source. */
export function respondentId(sourceId: string, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`respondent index must be a non-negative integer, got ${index}`);
  return `${sourceId}:p${index}`;
}

/** `${sourceId}:p${index}` → its parts; null for any other id (transcript speakers, older workspaces). */
export function parseRespondentId(id: string): { sourceId: string; index: number } | null {
  const at = id.lastIndexOf(':p');
  if (at <= 0) return null;
  const digits = id.slice(at + 2);
  if (!SEQ.test(digits)) return null;
  const index = Number(digits);
  return Number.isSafeInteger(index) ? { sourceId: id.slice(0, at), index } : null;
}

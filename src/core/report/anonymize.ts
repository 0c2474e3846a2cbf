/**
 * Anonymization for exports: participants become stable pseudonyms (P01, P02… in participant-id order;
 * interviewers I01…), and text loses email addresses ([email]), phone numbers ([phone]) and participants'
 * names (replaced by that person's pseudonym, or [name] when a first name is shared by several people).
 * `preview()` lists exactly what `redact()` will replace, so the user can check before exporting.
 *
 * Name matching is deliberately eager (a first name that is also a word, like "Will", is redacted at the
 * start of a sentence too): over-redaction is visible in the preview, a leaked name is not.
 */
import type { Participant } from '../model';

export type RedactionKind = 'email' | 'phone' | 'name';

export interface Redaction {
  kind: RedactionKind;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  replacement: string;
}

export interface Anonymizer {
  /** "P01" for the first participant by id; unknown ids get "[participant]". */
  pseudonym(participantId: string): string;
  preview(text: string): Redaction[];
  redact(text: string): string;
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Digit groups with separators, an optional +country code and (area) code; checked further in `isPhone`.
const PHONE = /(?<![\p{L}\p{N}])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]?\d{2,5}){1,5}(?![\p{L}\p{N}])/gu;

function isPhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(match)) return false; // ISO date
  if (/^(?:(?:19|20)\d{2}[ ,]*){2,}$/.test(match)) return false; // a run of years
  // A bare run of digits with no separator or + is more often an id or an amount than a phone number.
  return /[ .()+-]/.test(match) || digits.length >= 10;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD_EDGE_BEFORE = '(?<![\\p{L}\\p{N}_])';
const WORD_EDGE_AFTER = '(?![\\p{L}\\p{N}_])';

interface NamePattern {
  re: RegExp;
  replacement: string;
}

/** Full names match case-insensitively; single name parts only when capitalized, as names are in prose. */
function namePatterns(participants: readonly Participant[], pseudonym: (id: string) => string): NamePattern[] {
  const full = new Map<string, Set<string>>();
  const parts = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string): void => {
    const set = map.get(key) ?? new Set<string>();
    set.add(id);
    map.set(key, set);
  };
  for (const p of participants) {
    const name = p.name.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    add(full, name.toLowerCase(), p.id);
    // Only names that look like a person's (letters, spaces, hyphens, apostrophes) contribute their parts:
    // "Respondent at row 12" or "R_5f3a" must not turn "Respondent" into a name everywhere.
    if (!/^[\p{L}\p{M}' ’.-]+$/u.test(name)) continue;
    const words = name.split(' ');
    if (words.length < 2 || words.length > 4) continue;
    for (const w of words) {
      const word = w.replace(/\.$/, '');
      if (word.length >= 2 && /^\p{Lu}/u.test(word)) add(parts, word, p.id);
    }
  }
  const replacement = (ids: Set<string>): string => (ids.size === 1 ? pseudonym([...ids][0]!) : '[name]');
  const out: NamePattern[] = [];
  for (const [name, ids] of full) out.push({ re: new RegExp(`${WORD_EDGE_BEFORE}${escapeRegExp(name).replace(/ /g, '\\s+')}${WORD_EDGE_AFTER}`, 'giu'), replacement: replacement(ids) });
  for (const [word, ids] of parts) {
    if (full.has(word.toLowerCase())) continue;
    out.push({ re: new RegExp(`${WORD_EDGE_BEFORE}${escapeRegExp(word)}${WORD_EDGE_AFTER}`, 'gu'), replacement: replacement(ids) });
  }
  return out;
}

const PRIORITY: Record<RedactionKind, number> = { email: 0, phone: 1, name: 2 };

function findRedactions(text: string, names: readonly NamePattern[]): Redaction[] {
  const found: Redaction[] = [];
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', start: m.index, end: m.index + m[0].length, text: m[0], replacement: '[email]' });
  for (const m of text.matchAll(PHONE)) {
    if (isPhone(m[0])) found.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, text: m[0], replacement: '[phone]' });
  }
  for (const n of names) {
    for (const m of text.matchAll(n.re)) found.push({ kind: 'name', start: m.index, end: m.index + m[0].length, text: m[0], replacement: n.replacement });
  }
  // Overlaps: emails beat phones beat names (an email's local part often holds the name), then longer wins.
  found.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Redaction[] = [];
  for (const r of found) if (!kept.some((k) => r.start < k.end && k.start < r.end)) kept.push(r);
  return kept.sort((a, b) => a.start - b.start);
}

function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  let out = '';
  let at = 0;
  for (const r of redactions) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}

export function createAnonymizer(participants: readonly Participant[]): Anonymizer {
  const sorted = [...participants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const people = sorted.filter((p) => p.role !== 'interviewer');
  const interviewers = sorted.filter((p) => p.role === 'interviewer');
  const width = (n: number): number => Math.max(2, String(n).length);
  const names = new Map<string, string>();
  people.forEach((p, i) => names.set(p.id, `P${String(i + 1).padStart(width(people.length), '0')}`));
  interviewers.forEach((p, i) => names.set(p.id, `I${String(i + 1).padStart(width(interviewers.length), '0')}`));
  const pseudonym = (id: string): string => names.get(id) ?? '[participant]';
  const patterns = namePatterns(participants, pseudonym);
  return {
    pseudonym,
    preview: (text) => findRedactions(text, patterns),
    redact: (text) => applyRedactions(text, findRedactions(text, patterns)),
  };
}

/** What anonymizing `text` would replace: emails, phone numbers and the given participants' names. */
export function previewRedactions(text: string, participants: readonly Participant[] = []): Redaction[] {
  return createAnonymizer(participants).preview(text);
}

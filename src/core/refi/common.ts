/**
 * What the REFI-QDA importer and exporter share: the loss report, the error for files that are not a
 * project at all, GUIDs, and how a plain-text document maps onto Loupe units (one unit per non-blank line;
 * offsets in Unicode code points, as REFI-QDA 1.5 §10.2 specifies, end exclusive as in the spec's own
 * example, where a selection's name has exactly endPosition − startPosition characters).
 */
import { sha256Hex } from '../sha256';

export type LossKind =
  | 'pdf'
  | 'picture'
  | 'audio'
  | 'video'
  | 'external-media'
  | 'missing-text'
  | 'rich-text'
  | 'selection'
  | 'source-coding'
  | 'source-variable'
  | 'case-coding'
  | 'link'
  | 'graph'
  | 'set'
  | 'note-link'
  | 'code'
  | 'project'
  | 'workspace';

export interface LossItem {
  kind: LossKind;
  /** For the user: what could not be represented, and where. */
  message: string;
  /** How many elements this covers. */
  count: number;
}

export interface LossReport {
  /** What is not in the result. Empty means nothing was lost. */
  lost: LossItem[];
  /** Choices made where the file was ambiguous (file names, offsets), so they can be checked. */
  notes: string[];
}

export function emptyLoss(): LossReport {
  return { lost: [], notes: [] };
}

export function addLoss(report: LossReport, kind: LossKind, message: string, count = 1): void {
  if (count > 0) report.lost.push({ kind, message, count });
}

export type RefiErrorCode = 'not-a-project' | 'no-project-xml' | 'bad-xml';

/** The file cannot be read as a REFI-QDA project at all; `message` says what to do. */
export class RefiError extends Error {
  override readonly name = 'RefiError';
  constructor(
    readonly code: RefiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** A GUID for a Loupe record: its id when that is a UUID, else one derived from kind and id (same input, same GUID). */
export function stableGuid(kind: string, id: string): string {
  const m = UUID.exec(id);
  if (m?.[1]) return m[1].toUpperCase();
  const h = sha256Hex(new TextEncoder().encode(`loupe-${kind}:${id}`));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/** A REFI GUID as a Loupe id: lower case, braces dropped. */
export function idFromGuid(guid: string): string {
  const m = UUID.exec(guid.trim());
  return m?.[1] ? m[1].toLowerCase() : guid.trim();
}

export interface Line {
  /** Code-point offset of the line's first character in the document. */
  start: number;
  /** Length in code points. */
  length: number;
  text: string;
}

/** The document's non-blank lines with their code-point positions; line breaks (\r\n, \n, \r) are not part of any line. */
export function documentLines(text: string): Line[] {
  const out: Line[] = [];
  let cp = 0;
  let lineStart = 0;
  let buf: string[] = [];
  const flush = (): void => {
    const line = buf.join('');
    if (line.trim() !== '') out.push({ start: lineStart, length: buf.length, text: line });
    buf = [];
  };
  let prevCr = false;
  for (const ch of text) {
    if (ch === '\n' && prevCr) {
      cp++;
      lineStart = cp;
      prevCr = false;
      continue;
    }
    prevCr = ch === '\r';
    if (ch === '\n' || ch === '\r') {
      flush();
      cp++;
      lineStart = cp;
      continue;
    }
    buf.push(ch);
    cp++;
  }
  flush();
  return out;
}

/** Text shown as a selection's name: its beginning, on one line. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

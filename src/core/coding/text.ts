/**
 * Code-point offsets (what Highlight.start/end and REFI-QDA count) versus UTF-16 indices (what JavaScript
 * strings, the DOM Selection API and String.slice use), and the segmentation the reader renders
 * overlapping highlights with. An emoji such as 👍 is one code point but two UTF-16 units.
 */

/** Number of Unicode code points in `text` (a lone surrogate counts as one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * UTF-16 index of code point `offset`, clamped to [0, text.length]. Several offsets in one string are
 * cheaper through `offsetConverter`.
 */
export function codePointToUtf16(text: string, offset: number): number {
  let i = 0;
  let cp = 0;
  while (cp < offset && i < text.length) {
    i += isPair(text, i) ? 2 : 1;
    cp++;
  }
  return i;
}

/**
 * Code-point offset of UTF-16 index `index`. An index between the two halves of a surrogate pair (a DOM
 * selection can land there) rounds down to the start of that character.
 */
export function utf16ToCodePoint(text: string, index: number): number {
  const limit = Math.min(Math.max(index, 0), text.length);
  let cp = 0;
  let i = 0;
  while (i < limit) {
    const step = isPair(text, i) ? 2 : 1;
    if (i + step > limit) break;
    i += step;
    cp++;
  }
  return cp;
}

/** Converts many offsets of one string in O(length) once, then O(1) each. */
export interface OffsetConverter {
  /** Length of the text in code points. */
  length: number;
  toUtf16(codePoint: number): number;
  toCodePoint(utf16: number): number;
}

export function offsetConverter(text: string): OffsetConverter {
  // utf16Of[cp] = UTF-16 index where code point cp starts; last entry = text.length.
  const utf16Of: number[] = [];
  const cpOf = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; ) {
    utf16Of.push(i);
    const step = isPair(text, i) ? 2 : 1;
    cpOf[i] = cp;
    if (step === 2) cpOf[i + 1] = cp;
    i += step;
    cp++;
  }
  utf16Of.push(text.length);
  cpOf[text.length] = cp;
  return {
    length: cp,
    toUtf16: (c) => utf16Of[Math.min(Math.max(Math.trunc(c), 0), cp)] ?? text.length,
    toCodePoint: (u) => cpOf[Math.min(Math.max(Math.trunc(u), 0), text.length)] ?? cp,
  };
}

/** Substring by code-point offsets, end exclusive. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const conv = offsetConverter(text);
  return text.slice(conv.toUtf16(start), conv.toUtf16(end));
}

export interface RangeLike {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  /** Code-point offsets, end exclusive. */
  start: number;
  end: number;
  /** The same range as UTF-16 indices, for String.slice and DOM ranges. */
  startUtf16: number;
  endUtf16: number;
  text: string;
  /** Highlights covering this segment: longest (outermost) first, then by start, then by id. Empty = plain text. */
  highlightIds: string[];
}

/**
 * Cuts `text` into consecutive, non-overlapping segments that together cover it exactly; each segment lists
 * every highlight covering it, so overlapping highlights can be drawn as stacked underlines and each stays
 * clickable. Offsets outside the text are clamped; empty or inverted highlights are ignored.
 */
export function segmentHighlights(text: string, highlights: readonly RangeLike[]): Segment[] {
  const conv = offsetConverter(text);
  const len = conv.length;
  const ranges = highlights
    .map((h) => ({ id: h.id, start: Math.max(0, Math.min(h.start, len)), end: Math.max(0, Math.min(h.end, len)) }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map(ranges.map((r, i) => [r.id, i]));
  const bounds = new Set<number>([0, len]);
  for (const r of ranges) {
    bounds.add(r.start);
    bounds.add(r.end);
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  // Sweep: events at each cut open and close highlights.
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  for (const r of ranges) {
    opens.set(r.start, [...(opens.get(r.start) ?? []), r.id]);
    closes.set(r.end, [...(closes.get(r.end) ?? []), r.id]);
  }
  const active = new Set<string>();
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? len;
    for (const id of closes.get(start) ?? []) active.delete(id);
    for (const id of opens.get(start) ?? []) active.add(id);
    const startUtf16 = conv.toUtf16(start);
    const endUtf16 = conv.toUtf16(end);
    segments.push({
      start,
      end,
      startUtf16,
      endUtf16,
      text: text.slice(startUtf16, endUtf16),
      highlightIds: [...active].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)),
    });
  }
  return segments;
}

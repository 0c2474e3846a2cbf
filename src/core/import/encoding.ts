/**
 * Text encoding detection and decoding for imported files.
 * Why TextDecoder and not iconv-lite: it is built into node (full ICU), workers and Chromium, decodes in
 * streaming mode, and covers every encoding survey tools actually produce (UTF-8/16, Windows-1252, Mac Roman),
 * so core stays free of a Buffer polyfill. chardet is only a hint: it cannot tell cp1252 from Mac Roman
 * (it calls both "ISO-8859-1"), which is the distinction that matters for SurveyMonkey/Excel exports.
 */
import chardet from 'chardet';

/** Encodings offered in the UI selector. Persisted in Source.encoding: changing an id needs a migration. */
export const SUPPORTED_ENCODINGS = [
  { id: 'utf-8', label: 'Unicode (UTF-8)' },
  { id: 'utf-16le', label: 'Unicode (UTF-16 LE, Excel "Unicode Text")' },
  { id: 'utf-16be', label: 'Unicode (UTF-16 BE)' },
  { id: 'windows-1252', label: 'Western (Windows-1252, Excel CSV on Windows)' },
  { id: 'macintosh', label: 'Western (Mac Roman, older Mac Excel)' },
] as const;

export type SupportedEncoding = (typeof SUPPORTED_ENCODINGS)[number]['id'];

export function isSupportedEncoding(value: string): value is SupportedEncoding {
  return SUPPORTED_ENCODINGS.some((e) => e.id === value);
}

export interface EncodingGuess {
  encoding: SupportedEncoding;
  /** 0..1; 1 when a byte-order mark decided it. */
  confidence: number;
  /** The file starts with a byte-order mark (decodeBytes strips it). */
  bom: boolean;
  /** One sentence for the user: why this encoding was chosen. */
  reason: string;
  /** chardet's raw guess, when it was consulted. */
  hint?: string;
}

const SAMPLE_BYTES = 64 * 1024;

export function bomLength(bytes: Uint8Array, encoding: SupportedEncoding): number {
  if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
  if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
  if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
  return 0;
}

export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', confidence: 1, bom: true, reason: 'UTF-8 byte-order mark' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { encoding: 'utf-16le', confidence: 1, bom: true, reason: 'UTF-16 little-endian byte-order mark' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { encoding: 'utf-16be', confidence: 1, bom: true, reason: 'UTF-16 big-endian byte-order mark' };
  }
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const utf16 = utf16ByNulPattern(sample);
  if (utf16) return utf16;

  if (isValidUtf8(sample, sample.length < bytes.length)) {
    const ascii = sample.every((b) => b < 0x80);
    return {
      encoding: 'utf-8',
      confidence: ascii ? 0.9 : 0.99,
      bom: false,
      reason: ascii ? 'plain ASCII text (read as UTF-8)' : 'valid UTF-8 without byte-order mark',
    };
  }

  const hint = chardet.detect(sample) ?? undefined;
  const { encoding, confidence } = westernGuess(sample);
  const name = encoding === 'macintosh' ? 'Mac Roman' : 'Windows-1252';
  return {
    encoding,
    confidence,
    bom: false,
    reason: `not valid UTF-8; accented letters read best as ${name}`,
    ...(hint ? { hint } : {}),
  };
}

/** Decode a whole file, dropping a byte-order mark. Invalid sequences become U+FFFD rather than failing. */
export function decodeBytes(bytes: Uint8Array, encoding: SupportedEncoding): string {
  const decoder = createDecoder(encoding);
  return decoder.decode(bytes) + decoder.end();
}

/** Streaming decoder: feed byte chunks of any size; multi-byte sequences split across chunks are kept whole. */
export interface ChunkDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
}

export function createDecoder(encoding: SupportedEncoding): ChunkDecoder {
  // ignoreBOM: true so the BOM is ours to strip, and a BOM that does not match the chosen encoding is not hidden.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let first = true;
  let head: Uint8Array = new Uint8Array(0);
  return {
    decode(chunk) {
      if (first) {
        // Wait for enough bytes to see a whole BOM.
        const joined = concat(head, chunk);
        if (joined.length < 3 && chunk.length > 0) {
          head = joined;
          return '';
        }
        first = false;
        head = new Uint8Array(0);
        return stripFeff(decoder.decode(joined.subarray(bomLength(joined, encoding)), { stream: true }));
      }
      return decoder.decode(chunk, { stream: true });
    },
    end() {
      let out = '';
      if (first && head.length > 0) out = stripFeff(decoder.decode(head.subarray(bomLength(head, encoding)), { stream: true }));
      first = false;
      return out + decoder.decode();
    },
  };
}

function stripFeff(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** UTF-16 without a BOM: mostly-Latin text has a NUL in every other byte. */
function utf16ByNulPattern(sample: Uint8Array): EncodingGuess | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.05) {
    return { encoding: 'utf-16le', confidence: 0.9, bom: false, reason: 'UTF-16 little-endian (NUL byte pattern, no byte-order mark)' };
  }
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.05) {
    return { encoding: 'utf-16be', confidence: 0.9, bom: false, reason: 'UTF-16 big-endian (NUL byte pattern, no byte-order mark)' };
  }
  return undefined;
}

/** Valid UTF-8? When the sample was cut from a longer file, an incomplete final sequence is allowed. */
function isValidUtf8(sample: Uint8Array, truncated: boolean): boolean {
  let end = sample.length;
  if (truncated) {
    // Back up over a possibly cut multi-byte sequence (at most 3 continuation bytes + lead).
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && (sample[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && sample[i]! >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

// Characters that are ordinary in Western European text (French, German, Spanish, Portuguese, Nordic, Italian)
// and the typographic punctuation Word and Excel insert.
const COMMON_LOWER = new Set('àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœß');
const COMMON_UPPER = new Set('ÀÁÂÄÅÆÇÉÈÊÍÑÓÔÖØÚÜ');
const COMMON_PUNCT = new Set('’‘“”–—…€«»°£');

/**
 * Windows-1252 or Mac Roman? Decode the high bytes both ways and score how natural each reading is in
 * context: an accented lowercase letter inside a word, ’ between letters, “ ” around words score; an
 * uppercase letter or an odd symbol in the middle of a lowercase word costs. Mac Roman's é (0x8E), ö (0x9A),
 * ’ (0xD5) read as Ž, š, Õ in Windows-1252, which the context score catches.
 */
function westernGuess(sample: Uint8Array): { encoding: 'windows-1252' | 'macintosh'; confidence: number } {
  const cp = new TextDecoder('windows-1252').decode(sample);
  const mac = new TextDecoder('macintosh').decode(sample);
  const cpScore = contextScore(cp);
  const macScore = contextScore(mac);
  if (macScore > cpScore) {
    return { encoding: 'macintosh', confidence: clampConfidence(macScore - cpScore) };
  }
  // Ties go to Windows-1252: by far the more common of the two.
  return { encoding: 'windows-1252', confidence: clampConfidence(cpScore - macScore) };
}

function clampConfidence(margin: number): number {
  return Math.min(0.95, 0.5 + margin * 0.05);
}

function contextScore(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c.charCodeAt(0) < 0x80) continue;
    const prev = text[i - 1] ?? ' ';
    const next = text[i + 1] ?? ' ';
    const prevLetter = isLetter(prev);
    const nextLetter = isLetter(next);
    if (COMMON_LOWER.has(c)) score += prevLetter || nextLetter ? 2 : 0;
    else if (COMMON_UPPER.has(c)) score += isLower(prev) ? -2 : prevLetter || nextLetter ? 1 : 0;
    else if (COMMON_PUNCT.has(c)) {
      if ((c === '’' || c === '‘') && prevLetter && nextLetter) score += 2;
      else if (prevLetter && nextLetter) score -= 1;
      else score += 1;
    } else score -= prevLetter && nextLetter ? 3 : 1;
  }
  return score;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isLower(c: string): boolean {
  return /\p{Ll}/u.test(c);
}

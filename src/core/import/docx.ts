/**
 * .docx → text with Markdown-style headings, so Word notes and transcripts go through parseTranscript.
 * mammoth's HTML output is used rather than extractRawText because it keeps headings (notes structure)
 * and list items; its tags are few and regular, so a small converter suffices (no DOM in core).
 */
import { ImportError } from './errors';

export async function docxToText(bytes: Uint8Array, fileName: string): Promise<{ text: string; warnings: string[] }> {
  const mammoth = (await import('mammoth')).default;
  // mammoth's node build reads `buffer`, its browser build `arrayBuffer`; JSZip accepts an ArrayBuffer in both.
  const arrayBuffer = new Uint8Array(bytes).buffer;
  const input = { arrayBuffer, buffer: arrayBuffer };
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml(input);
    html = result.value;
    messages = result.messages;
  } catch (e) {
    throw new ImportError('bad-docx', `"${fileName}" could not be read as a Word document (${e instanceof Error ? e.message : String(e)}). Open it in Word and save it again as .docx.`);
  }
  const warnings = messages.filter((m) => m.type === 'error').map((m) => m.message);
  return { text: htmlToText(html), warnings };
}

/** mammoth HTML (h1–h6, p, li, br, table cells, inline tags) → paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<h([1-6])[^>]*>/g, (_m, n: string) => `\n\n${'#'.repeat(Number(n))} `)
      .replace(/<li[^>]*>/g, '\n- ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(p|h[1-6]|ul|ol|table|tr)>/g, '\n\n')
      .replace(/<\/td>/g, '\t')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[k] ?? _m;
  });
}

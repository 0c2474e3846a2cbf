/**
 * Content sniffing: what a file really is, whatever its name says. Catches the binary file renamed to .csv
 * before it turns into thousands of garbage rows, and recognises zip containers (xlsx, docx).
 */
import { ImportError } from './errors';

export type SniffedContainer = 'zip' | 'pdf' | 'ole' | 'text';

export function sniffContainer(bytes: Uint8Array): SniffedContainer {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  return 'text';
}

/** Share of characters in a decoded sample that no text file contains: NUL, C0 controls, U+FFFD. */
export function controlCharRatio(text: string, sampleLength = 64 * 1024): number {
  const n = Math.min(text.length, sampleLength);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad / n;
}

/**
 * Throw a user-facing error when a file that should be text is not. `text` is the decoded sample
 * (decoding first means UTF-16's NUL bytes are not mistaken for binary).
 */
export function assertTextual(fileName: string, bytes: Uint8Array, text: string): void {
  const container = sniffContainer(bytes);
  const what =
    container === 'zip'
      ? 'a zip archive (an Excel .xlsx or Word .docx file with the wrong extension?)'
      : container === 'pdf'
        ? 'a PDF document'
        : container === 'ole'
          ? 'an old binary Office file (.xls or .doc)'
          : undefined;
  if (what) {
    throw new ImportError('binary', `"${fileName}" is ${what}, not a text file. Export it as CSV or choose the original file type.`);
  }
  const ratio = controlCharRatio(text);
  if (ratio > 0.02) {
    throw new ImportError(
      'binary',
      `"${fileName}" does not look like text (${Math.round(ratio * 100)}% unreadable control bytes). ` +
        'It may be a binary file with a .csv or .txt name, or a text file in an encoding Loupe cannot read. Re-export it as CSV (UTF-8).',
    );
  }
}

/**
 * Delimited-text reading for survey exports, in chunks: text goes in as it is decoded, rows come out with
 * their file row and line numbers. papaparse's low-level Parser does the quoting rules; this module owns
 * chunk boundaries, line-ending normalisation (Excel mixes CRLF headers with LF rows, which papaparse's
 * single-newline mode would merge into one row), delimiter detection and user-facing quote errors.
 */
import Papa from 'papaparse';
import { ImportError, rowRef, type RowWarning } from './errors';

export type Delimiter = ',' | ';' | '\t';

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export interface TableRow {
  /** 1-based row as a spreadsheet shows it. */
  row: number;
  /** 1-based text line where the row starts. */
  line: number;
  cells: string[];
}

export interface TableReader {
  /** Feed the next piece of decoded text; returns the rows completed by it. */
  push(text: string): TableRow[];
  /** No more text: returns the last rows. Throws ImportError on an unterminated quoted cell. */
  end(): TableRow[];
  /** The delimiter in use (detected from the first lines unless given). */
  readonly delimiter: Delimiter | undefined;
  /** Rows where quoting was malformed but still readable. */
  readonly warnings: readonly RowWarning[];
}

export interface TableReaderOptions {
  delimiter?: Delimiter;
}

interface StepResult {
  data: unknown;
  errors: readonly { code?: string }[];
  meta: { cursor: number };
}

export function createTableReader(options: TableReaderOptions = {}): TableReader {
  let delimiter = options.delimiter;
  let pending = '';
  let carryCR = false;
  let nextRow = 1;
  let nextLine = 1;
  let endedWithNewline = false;
  // Re-parse a long unfinished row (a huge quoted cell) only once pending has doubled: keeps it linear.
  let waitUntil = 0;
  const warnings: RowWarning[] = [];

  function normalize(text: string): string {
    let t = carryCR ? '\r' + text : text;
    carryCR = t.endsWith('\r');
    if (carryCR) t = t.slice(0, -1);
    return t.replace(/\r\n?/g, '\n');
  }

  function parse(final: boolean): TableRow[] {
    if (delimiter === undefined) delimiter = detectDelimiter(pending);
    const out: TableRow[] = [];
    let prevCursor = 0;
    const input = pending;
    const parser = new Papa.Parser({
      delimiter,
      newline: '\n',
      quoteChar: '"',
      step: (result: StepResult) => {
        const rows = Array.isArray(result.data) ? result.data : [];
        const cells = (Array.isArray(rows[0]) ? rows[0] : []).map((c: unknown) => (typeof c === 'string' ? c : String(c)));
        const row = nextRow++;
        const line = nextLine;
        const consumed = input.slice(prevCursor, result.meta.cursor);
        nextLine += countNewlines(consumed);
        prevCursor = result.meta.cursor;
        for (const e of result.errors) {
          if (e.code === 'MissingQuotes') {
            const start = consumed.indexOf('"');
            const preview = consumed.slice(start + 1, start + 41).replace(/\n/g, ' ');
            throw new ImportError(
              'unterminated-quote',
              `${capital(rowRef(row, line))} opens a quoted cell ("${preview}…") that is never closed, so the rest of the file ` +
                'would be read as that one cell. Add the missing closing quote (") in that row and import again.',
              row,
              line,
            );
          }
          if (e.code === 'InvalidQuotes') {
            warnings.push({ row, line, message: `${capital(rowRef(row, line))} has a stray quote character; its cells were read as best as possible.` });
          }
        }
        out.push({ row, line, cells });
      },
    });
    parser.parse(input, 0, !final);
    pending = input.slice(prevCursor);
    if (final) {
      // A file ending in a line break yields one empty trailing record; it is not a row anyone wrote.
      const last = out[out.length - 1];
      if (last && endedWithNewline && last.cells.length === 1 && last.cells[0] === '') {
        out.pop();
        nextRow--;
      }
      pending = '';
    }
    return out;
  }

  return {
    get delimiter() {
      return delimiter;
    },
    warnings,
    push(text) {
      if (text.length === 0) return [];
      pending += normalize(text);
      if (pending.length < waitUntil) return [];
      if (delimiter === undefined && !pending.includes('\n')) return [];
      const rows = parse(false);
      waitUntil = rows.length === 0 ? pending.length * 2 : 0;
      return rows;
    },
    end() {
      if (carryCR) {
        pending += '\n';
        carryCR = false;
      }
      endedWithNewline = pending.endsWith('\n');
      if (pending.length === 0) return [];
      return parse(true);
    },
  };
}

/** Read a whole text at once. */
export function readTable(text: string, options: TableReaderOptions = {}): { rows: TableRow[]; delimiter: Delimiter; warnings: RowWarning[] } {
  const reader = createTableReader(options);
  const rows = [...reader.push(text), ...reader.end()];
  return { rows, delimiter: reader.delimiter ?? ',', warnings: [...reader.warnings] };
}

/**
 * Pick the delimiter whose count per record is the most consistent over the first records (quote-aware,
 * so commas inside quoted answers do not vote). Ties prefer tab, then semicolon: a file whose cells contain
 * commas but are separated by semicolons (European Excel) must not be read as comma-separated.
 */
export function detectDelimiter(sample: string): Delimiter {
  const candidates: Delimiter[] = ['\t', ';', ','];
  const counts = countPerRecord(sample.slice(0, 64 * 1024), candidates, 20);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of candidates) {
    const perRecord = counts.get(d) ?? [];
    const header = perRecord[0] ?? 0;
    if (header === 0) continue;
    const consistent = perRecord.filter((n) => n === header).length / perRecord.length;
    const score = consistent * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countPerRecord(text: string, delimiters: readonly Delimiter[], maxRecords: number): Map<Delimiter, number[]> {
  const result = new Map<Delimiter, number[]>(delimiters.map((d) => [d, []]));
  const current = new Map<Delimiter, number>(delimiters.map((d) => [d, 0]));
  let inQuotes = false;
  let records = 0;
  const flush = (): void => {
    for (const d of delimiters) {
      result.get(d)!.push(current.get(d)!);
      current.set(d, 0);
    }
    records++;
  };
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      flush();
    } else if (c === ',' || c === ';' || c === '\t') current.set(c, current.get(c)! + 1);
  }
  if (records < maxRecords && [...current.values()].some((n) => n > 0)) flush();
  return result;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

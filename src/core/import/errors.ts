/**
 * Import errors a user can act on, and the per-row issues an import report carries.
 * Row numbers: `row` is the 1-based row as a spreadsheet shows the file (header rows count, a quoted cell
 * spanning several lines is still one row); `line` is the 1-based text line where that row starts, for
 * people who open the file in a text editor. They differ only when cells hold line breaks.
 */

export type ImportErrorCode =
  | 'empty'
  | 'no-data'
  | 'binary'
  | 'unterminated-quote'
  | 'unsupported'
  | 'bad-docx'
  | 'bad-xlsx'
  | 'no-sheet'
  | 'different-survey';

/** A problem with the user's file (not a bug): `message` says what happened and what to do. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly row?: number,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Something the importer changed or guessed on one row, shown to the user after the import. */
export interface RowWarning {
  /** 1-based file row (0 when the warning is about the file as a whole). */
  row: number;
  line?: number;
  message: string;
}

/** A row that produced no records, and why. Every row of the file is either imported or listed here. */
export interface RowNotImported {
  row: number;
  reason: string;
}

/** "row 7" or "row 7 (line 9)" when the row starts on a different text line. */
export function rowRef(row: number, line?: number): string {
  return line !== undefined && line !== row ? `row ${row} (line ${line})` : `row ${row}`;
}

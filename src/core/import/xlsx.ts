/**
 * Excel workbooks → the same rows as CSV (row = the Excel row number, so warnings point at what the user
 * sees). exceljs 4.4.0: already a dependency, reads from an ArrayBuffer with no file system, and its
 * "browser" build (picked by Vite for the renderer and workers) bundles its own zip/stream polyfills.
 * It is loaded lazily so CSV-only imports do not pay for it.
 */
import type { CellValue, Workbook, Xlsx } from 'exceljs';
import { ImportError } from './errors';
import type { TableRow } from './table';

export interface SheetInfo {
  name: string;
  rowCount: number;
  columnCount: number;
}

export async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<Workbook> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  // exceljs types load() as taking node's Buffer; both of its builds accept any Uint8Array/ArrayBuffer (JSZip).
  const input = bytes as unknown as Parameters<Xlsx['load']>[0];
  try {
    await workbook.xlsx.load(input);
  } catch (e) {
    throw new ImportError('bad-xlsx', `"${fileName}" could not be read as an Excel workbook (${e instanceof Error ? e.message : String(e)}). Open it in Excel and save it again as .xlsx, or export CSV.`);
  }
  return workbook;
}

export function listSheets(workbook: Workbook): SheetInfo[] {
  return workbook.worksheets.map((ws) => ({ name: ws.name, rowCount: ws.rowCount, columnCount: ws.columnCount }));
}

/** All rows of one sheet (the first when no name is given), empty rows included so they can be reported. */
export function readSheetRows(workbook: Workbook, sheetName?: string): TableRow[] {
  const ws = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!ws) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ');
    throw new ImportError('no-sheet', sheetName === undefined ? 'The workbook has no sheets.' : `The workbook has no sheet "${sheetName}" (sheets: ${names}).`);
  }
  // A sheet is a grid: every row is as wide as the sheet (Excel does not store empty cells), so short
  // rows are never reported as ragged.
  const width = Math.max(1, ws.columnCount);
  const rows: TableRow[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellToString(row.getCell(c).value));
    rows.push({ row: r, line: r, cells });
  }
  return rows;
}

export function cellToString(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : value.hyperlink;
  if ('error' in value) return String(value.error);
  if ('result' in value && value.result !== undefined) return cellToString(value.result as CellValue);
  return '';
}

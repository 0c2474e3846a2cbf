/**
 * Codebook as CSV: one row per tag with its name, parent path ("Pricing/Discounts"), color and notes.
 * Written for spreadsheets (UTF-8 BOM so Excel picks the encoding, CRLF, RFC 4180 quoting) and read
 * tolerantly: columns may be missing, reordered, renamed ("Code", "Colour", "Definition"), delimited by
 * comma, semicolon or tab. Problems come back as issues with the 1-based line the row starts on.
 * Cells that a spreadsheet would run as formulas are written with a leading apostrophe (see csvField).
 *
 * Paths: "/" separates levels; a name containing "/" is written "\/" inside a parent path (the Name column
 * itself is literal). A parent that names no row is created; a parent given by bare name ("Discounts"
 * instead of "Pricing/Discounts") is accepted when exactly one row has that name — which is also how a
 * file can describe a cycle (A under B, B under A); rows on a cycle are reported and put at the top level.
 */
import type { Tag } from '../model';
import type { CodebookEntry, CodebookIssue, ParsedCodebook } from './exchange';
import { codebookEntries } from './exchange';
import { escapeSegment, normalizeColor, splitPath } from './tree';

export const CSV_HEADER = ['Name', 'Parent', 'Color', 'Description', 'When to use', 'When not to use'] as const;

// Spreadsheets run a cell that starts with = + - @ as a formula; codebook notes can come from other people's
// files, so such cells are written with a leading apostrophe (OWASP's advice) and the apostrophe is dropped
// again on import. A "-" followed by a space (a bullet) is left alone.
const FORMULA = /^(?:[=+@\t\r]|-(?!\s))/;
const GUARDED = /^'(?:[=+@\t\r]|-(?!\s))/;

function csvField(raw: string): string {
  const value = FORMULA.test(raw) ? `'${raw}` : raw;
  return /[",\r\n;\t]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function unguard(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

export function exportCodebookCsv(tags: ReadonlyMap<string, Tag>, options: { bom?: boolean } = {}): string {
  const rows = [CSV_HEADER.join(',')];
  for (const e of codebookEntries(tags)) {
    const name = e.path[e.path.length - 1] ?? '';
    const parent = e.path.slice(0, -1).map(escapeSegment).join('/');
    rows.push([name, parent, e.color ?? '', e.description ?? '', e.whenToUse ?? '', e.whenNotToUse ?? ''].map(csvField).join(','));
  }
  return `${options.bom === false ? '' : '\uFEFF'}${rows.join('\r\n')}\r\n`;
}

interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/** RFC 4180 with tolerance: any of CRLF/LF/CR ends a record, a quote inside an unquoted field is literal. */
export function parseCsvRecords(text: string, delimiter: string): { records: CsvRecord[]; unterminatedAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let quoteStart = 0;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        line++;
        field += '\n';
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteStart = line;
      field = '';
      i++;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return quoted ? { records, unterminatedAt: quoteStart } : { records };
}

type Column = 'name' | 'parent' | 'path' | 'color' | 'description' | 'whenToUse' | 'whenNotToUse';

const HEADER_NAMES: Record<string, Column> = {
  name: 'name',
  tag: 'name',
  code: 'name',
  codename: 'name',
  tagname: 'name',
  label: 'name',
  parent: 'parent',
  parentpath: 'parent',
  parentcode: 'parent',
  parenttag: 'parent',
  path: 'path',
  fullpath: 'path',
  hierarchy: 'path',
  color: 'color',
  colour: 'color',
  description: 'description',
  definition: 'description',
  notes: 'description',
  whentouse: 'whenToUse',
  inclusion: 'whenToUse',
  inclusioncriteria: 'whenToUse',
  whennottouse: 'whenNotToUse',
  whennottouseit: 'whenNotToUse',
  exclusion: 'whenNotToUse',
  exclusioncriteria: 'whenNotToUse',
};

const DEFAULT_ORDER: Column[] = ['name', 'parent', 'color', 'description', 'whenToUse', 'whenNotToUse'];

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

interface Row {
  name: string;
  parentSegments: string[];
  fields: Omit<CodebookEntry, 'path' | 'line' | 'guid'>;
  line: number;
  parent?: Row;
  implicit?: boolean;
}

const keyOf = (segments: readonly string[]): string => segments.map((s) => s.trim().toLocaleLowerCase()).join('\u0000');

export function importCodebookCsv(input: string): ParsedCodebook {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const issues: CodebookIssue[] = [];
  const nl = text.search(/[\r\n]/);
  const delimiter = detectDelimiter(nl < 0 ? text : text.slice(0, nl));
  const { records, unterminatedAt } = parseCsvRecords(text, delimiter);
  if (unterminatedAt !== undefined) {
    issues.push({ line: unterminatedAt, severity: 'error', message: `Line ${unterminatedAt}: a quoted value is never closed; everything after it was read as one value. Check the quotes on that line.` });
  }
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const first = nonBlank[0];
  if (!first) return { entries: [], issues: [...issues, { line: 0, severity: 'error', message: 'The file has no rows. Export the codebook again, or check you picked the right file.' }] };

  let columns: (Column | undefined)[] = first.fields.map((h) => HEADER_NAMES[h.toLowerCase().replace(/[^a-z]/g, '')]);
  let dataRows = nonBlank.slice(1);
  if (!columns.includes('name') && !columns.includes('path')) {
    columns = DEFAULT_ORDER;
    dataRows = nonBlank;
    issues.push({ line: first.line, severity: 'warning', message: 'No header row with a "Name" column was found; columns were read as Name, Parent, Color, Description, When to use, When not to use.' });
  }
  const col = (r: CsvRecord, c: Column): string => {
    const i = columns.indexOf(c);
    return i < 0 ? '' : unguard((r.fields[i] ?? '').trim());
  };

  // 1. Rows as declared.
  const rows: Row[] = [];
  const byPath = new Map<string, Row>();
  for (const r of dataRows) {
    let name = col(r, 'name');
    let parentSegments = splitPath(col(r, 'parent'));
    if (name === '' && col(r, 'path') !== '') {
      const segs = splitPath(col(r, 'path'));
      name = segs.pop() ?? '';
      parentSegments = segs;
    }
    if (name === '') {
      issues.push({ line: r.line, severity: 'error', message: `Line ${r.line}: the row has no tag name, so it was skipped. Add a name or delete the row.` });
      continue;
    }
    const fields: Row['fields'] = {};
    const rawColor = col(r, 'color');
    if (rawColor !== '') {
      const color = normalizeColor(rawColor);
      if (color) fields.color = color;
      else issues.push({ line: r.line, severity: 'warning', message: `Line ${r.line}: “${rawColor}” is not a color (use #RRGGBB); “${name}” gets a default color.` });
    }
    for (const c of ['description', 'whenToUse', 'whenNotToUse'] as const) {
      const v = col(r, c);
      if (v !== '') fields[c] = v;
    }
    const key = keyOf([...parentSegments, name]);
    const dup = byPath.get(key);
    if (dup) {
      issues.push({ line: r.line, severity: 'warning', message: `Line ${r.line}: “${[...parentSegments, name].join('/')}” is already defined on line ${dup.line}; this row was skipped.` });
      continue;
    }
    const row: Row = { name, parentSegments, fields, line: r.line };
    rows.push(row);
    byPath.set(key, row);
  }

  // 2. Resolve parents: full path, else a unique bare name, else create the missing ancestors.
  const byName = new Map<string, Row[]>();
  for (const row of rows) byName.set(keyOf([row.name]), [...(byName.get(keyOf([row.name])) ?? []), row]);
  const implicitFor = (segments: string[], line: number): Row => {
    let parent: Row | undefined;
    for (let d = 1; d <= segments.length; d++) {
      const key = keyOf(segments.slice(0, d));
      let row = byPath.get(key);
      if (!row) {
        row = { name: segments[d - 1] ?? '', parentSegments: segments.slice(0, d - 1), fields: {}, line, implicit: true };
        if (parent) row.parent = parent;
        byPath.set(key, row);
        rows.push(row);
      }
      parent = row;
    }
    if (!parent) throw new Error('implicitFor needs at least one segment');
    return parent;
  };
  for (const row of [...rows]) {
    if (row.parentSegments.length === 0 || row.implicit) continue;
    const exact = byPath.get(keyOf(row.parentSegments));
    const bare = row.parentSegments.length === 1 ? (byName.get(keyOf(row.parentSegments)) ?? []) : [];
    if (exact) row.parent = exact;
    else if (bare.length === 1 && bare[0]) row.parent = bare[0];
    else {
      row.parent = implicitFor(row.parentSegments, row.line);
      issues.push({ line: row.line, severity: 'warning', message: `Line ${row.line}: the parent “${row.parentSegments.join('/')}” has no row of its own; it was created.` });
    }
  }

  // 3. Cycles (only possible through bare-name parents): report each once, cut at its earliest row.
  const onCycle = new Set<Row>();
  for (const row of rows) {
    const seen: Row[] = [];
    let cur: Row | undefined = row;
    while (cur && !seen.includes(cur) && !onCycle.has(cur)) {
      seen.push(cur);
      cur = cur.parent;
    }
    if (!cur || onCycle.has(cur)) continue;
    const cycle = seen.slice(seen.indexOf(cur));
    for (const r of cycle) onCycle.add(r);
    const head = cycle.reduce((a, b) => (b.line < a.line ? b : a));
    const loop = [...cycle, cycle[0]].map((r) => r?.name ?? '').join(' → ');
    delete head.parent;
    issues.push({ line: head.line, severity: 'error', message: `Line ${head.line}: the parents form a loop (${loop}, lines ${cycle.map((r) => r.line).sort((a, b) => a - b).join(', ')}); “${head.name}” was put at the top level. Fix the Parent column to break the loop.` });
  }

  // 4. Entries, parents first, in file order among siblings.
  const pathOf = (row: Row): string[] => {
    const out: string[] = [];
    for (let cur: Row | undefined = row; cur; cur = cur.parent) out.unshift(cur.name);
    return out;
  };
  const kids = new Map<Row | undefined, Row[]>();
  for (const row of rows) kids.set(row.parent, [...(kids.get(row.parent) ?? []), row]);
  const entries: CodebookEntry[] = [];
  const visit = (parent: Row | undefined): void => {
    for (const row of kids.get(parent) ?? []) {
      entries.push({ path: pathOf(row), ...row.fields, line: row.line });
      visit(row);
    }
  };
  visit(undefined);
  issues.sort((a, b) => a.line - b.line);
  return { entries, issues };
}

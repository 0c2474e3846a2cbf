/**
 * Survey export layout detection: which tool wrote the file, how many header rows it has, and one
 * described column per cell of the header. Recognition uses the parts exports do not translate
 * (Qualtrics export tags and ImportId JSON, SurveyMonkey's fixed metadata names, Typeform's `#`),
 * never the question text, so a German or Japanese survey is recognised as well as an English one.
 */
import type { RowWarning } from './errors';

/** Persisted in Source.vendor: changing a value needs a migration. */
export type SurveyVendor = 'qualtrics' | 'qualtrics-legacy' | 'surveymonkey' | 'typeform' | 'googleforms' | 'generic';

export interface LayoutColumn {
  /** 0-based cell index. */
  index: number;
  /** Unique within the layout (renamed when the header repeats or is blank). */
  key: string;
  /** Short label: the export tag (Qualtrics), else the header. */
  label: string;
  /** The question text as the respondent saw it. */
  text: string;
  /** Second header row under this cell (SurveyMonkey option label, "Response", "Open-Ended Response"). */
  sub?: string;
  /** Columns sharing a group may form one question (SurveyMonkey span, Qualtrics Q2_1..Q2_n). */
  group?: string;
  /** Qualtrics ImportId (stable across survey languages). */
  importId?: string;
}

export interface SurveyLayout {
  vendor: SurveyVendor;
  headerRowCount: number;
  columns: LayoutColumn[];
  /** Shown to the user, e.g. "Qualtrics export: 3 header rows (tags, question text, ImportId JSON)". */
  explanation: string;
  /** Renamed blank/duplicate headers. Row numbers are file rows. */
  warnings: RowWarning[];
}

const GOOGLE_TIMESTAMP = new Set(['timestamp', 'marca temporal', 'zeitstempel', 'horodateur', 'carimbo de data/hora', 'informazioni cronologiche', 'tijdstempel', 'sygnatura czasowa']);
const TYPEFORM_META = ['submit date (utc)', 'start date (utc)', 'network id', 'response type', 'stage date (utc)'];

export const SURVEY_VENDORS: readonly SurveyVendor[] = ['qualtrics', 'qualtrics-legacy', 'surveymonkey', 'typeform', 'googleforms', 'generic'];

export function isSurveyVendor(value: string): value is SurveyVendor {
  return (SURVEY_VENDORS as readonly string[]).includes(value);
}

/**
 * Decide the layout from the first rows of the file (pass at least 3 when the file has them).
 * `vendor` forces a layout when detection gets it wrong (the UI's vendor selector, `loupe import --vendor`);
 * "qualtrics" still tells the legacy V1… layout from the current one.
 */
export function detectLayout(headerRows: readonly (readonly string[])[], vendor?: SurveyVendor): SurveyLayout {
  const r1 = (headerRows[0] ?? []).map((c) => c.trim());
  const r2 = (headerRows[1] ?? []).map((c) => c.trim());
  const r3 = (headerRows[2] ?? []).map((c) => c.trim());
  const lower1 = r1.map((c) => c.toLowerCase());
  const isLegacyQualtrics = r1.filter((c) => /^V\d+$/.test(c)).length >= 3 && r2.some((c) => c.toLowerCase() === 'responseid');

  if (vendor !== undefined) {
    const layout =
      vendor === 'qualtrics' || vendor === 'qualtrics-legacy'
        ? isLegacyQualtrics || (vendor === 'qualtrics-legacy' && !isImportIdRow(r3))
          ? legacyQualtrics(r1, r2)
          : qualtrics(r1, r2, r3)
        : vendor === 'surveymonkey'
          ? surveyMonkey(r1, r2)
          : vendor === 'typeform'
            ? typeform(r1)
            : vendor === 'googleforms'
              ? googleForms(r1)
              : generic(r1);
    return { ...layout, explanation: `${layout.explanation}; chosen by the user` };
  }

  if (isImportIdRow(r3) && (lower1.includes('responseid') || lower1.includes('startdate'))) {
    return qualtrics(r1, r2, r3);
  }
  if (isLegacyQualtrics) return legacyQualtrics(r1, r2);
  if ((lower1.includes('respondent id') || lower1.includes('respondentid')) && lower1.includes('collector id')) {
    return surveyMonkey(r1, r2);
  }
  if (r1[0] === '#' && TYPEFORM_META.some((m) => lower1.includes(m))) return typeform(r1);
  if (GOOGLE_TIMESTAMP.has(lower1[0] ?? '')) return googleForms(r1);
  return generic(r1);
}

function legacyQualtrics(r1: string[], r2: string[]): SurveyLayout {
  return finish('qualtrics-legacy', 2, r1.map((tag, index) => ({ index, label: tag, text: r2[index] ?? '', group: choiceGroup(tag) })),
    'Legacy Qualtrics export: 2 header rows (V1… tags, question text)');
}

function typeform(r1: string[]): SurveyLayout {
  return finish('typeform', 1, r1.map((h, index) => ({ index, label: h, text: h })),
    'Typeform export: 1 header row (# response token, one column per question, submit date and network id)');
}

function googleForms(r1: string[]): SurveyLayout {
  return finish('googleforms', 1, r1.map((h, index) => ({ index, label: h, text: h, group: gridGroup(h) })),
    'Google Forms export: 1 header row (Timestamp, then one column per question)');
}

function generic(r1: string[]): SurveyLayout {
  return finish('generic', 1, r1.map((h, index) => ({ index, label: h, text: h })), 'Spreadsheet with 1 header row (no survey tool recognised)');
}

function isImportIdRow(row: readonly string[]): boolean {
  const filled = row.filter((c) => c !== '');
  if (filled.length === 0) return false;
  return filled.filter((c) => /^\{\s*"ImportId"\s*:/.test(c)).length / filled.length >= 0.5;
}

function qualtrics(r1: string[], r2: string[], r3: string[]): SurveyLayout {
  const cols = r1.map((tag, index) => {
    const importId = parseImportId(r3[index] ?? '');
    return { index, label: tag, text: r2[index] ?? '', group: choiceGroup(tag), ...(importId ? { importId } : {}) };
  });
  return finish('qualtrics', 3, cols, 'Qualtrics export: 3 header rows (tags, question text, ImportId JSON)');
}

function parseImportId(cell: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(cell);
    if (parsed && typeof parsed === 'object' && 'ImportId' in parsed && typeof parsed.ImportId === 'string') return parsed.ImportId;
  } catch {
    // Not JSON: a column without ImportId; the tag is enough.
  }
  return undefined;
}

/** Qualtrics `Q2_1`, `Q2_3` (not `Q2_4_TEXT`) belong to question Q2. */
function choiceGroup(tag: string): string | undefined {
  const m = /^(.+?)_(\d+)$/.exec(tag);
  return m ? m[1] : undefined;
}

/** Google Forms grid: `Question [Row]`. Each row stays its own question; the group only links them. */
function gridGroup(header: string): string | undefined {
  const m = /^(.*\S)\s*\[[^\]]+\]$/.exec(header);
  return m ? m[1] : undefined;
}

function surveyMonkey(r1: string[], r2: string[]): SurveyLayout {
  const cols: Omit<LayoutColumn, 'key'>[] = [];
  let head = '';
  let headIndex = -1;
  const width = Math.max(r1.length, r2.length);
  for (let index = 0; index < width; index++) {
    const top = r1[index] ?? '';
    const sub = r2[index] ?? '';
    if (top !== '' || headIndex === -1) {
      head = top;
      headIndex = index;
    }
    const isMeta = sub === '' && top !== '';
    cols.push({
      index,
      label: head,
      text: head,
      ...(sub ? { sub } : {}),
      ...(isMeta ? {} : { group: `span${headIndex}` }),
    });
  }
  return finish('surveymonkey', 2, cols, 'SurveyMonkey export: 2 header rows (question text spanning its option columns, then option labels)');
}

function finish(vendor: SurveyVendor, headerRowCount: number, cols: Omit<LayoutColumn, 'key'>[], explanation: string): SurveyLayout {
  const warnings: RowWarning[] = [];
  const used = new Map<string, number>();
  const columns = cols.map((c): LayoutColumn => {
    let label = c.label;
    let text = c.text;
    if (label === '') {
      label = `Column ${c.index + 1}`;
      if (text === '') text = label;
      if (!c.group) warnings.push({ row: 1, message: `Column ${c.index + 1} has no header; it is called "${label}".` });
    }
    const base = c.sub && c.group ? `${label} / ${c.sub}` : label;
    let key = base;
    const seen = used.get(base.toLowerCase()) ?? 0;
    if (seen > 0) {
      key = `${base} (${seen + 1})`;
      if (!c.group) warnings.push({ row: 1, message: `Header "${base}" appears more than once; column ${c.index + 1} is called "${key}".` });
      if (!c.group) label = key;
    }
    used.set(base.toLowerCase(), seen + 1);
    return { ...c, key, label, text };
  });
  return { vendor, headerRowCount, columns, explanation, warnings };
}

/**
 * `loupe export <file.loupe> --format qdpx|qdc|csv|xlsx --out <path> [--anonymize] [--json]`: write a workspace
 * in an exchange format. REFI-QDA project (.qdpx) or codebook (.qdc); or the coded data as CSV (one row per
 * response, a 0/1 column per tag, then its sentiment score and label, scored from the text as the app does) or an Excel workbook (one sheet per survey question). What the format
 * cannot carry is printed. --anonymize (csv, xlsx) replaces participants with pseudonyms and redacts names,
 * emails and phone numbers in the text.
 */
import { parseArgs } from 'node:util';
import { analysisData } from '../../core/analysis';
import type { WorkspaceSnapshot } from '../../core/model';
import { exportQdc, exportQdpx, type LossReport } from '../../core/refi';
import { codedDataCsv, codedDataXlsx } from '../../core/report';
import { NEUTRAL_THRESHOLD } from '../../core/sentiment';
import { readWorkspaceFile, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

interface Exported {
  bytes: Uint8Array;
  loss: LossReport;
}

interface ExportOptions {
  anonymize: boolean;
}

/** What a coded-data export leaves out, said once for both spreadsheet formats. */
const CODED_DATA_NOTES = [
  'Coded data only: one row per response with a 0/1 column per tag. Insights, memos, highlight ranges and reports are not included.',
  `The last two columns are each response’s sentiment as Loupe shows it: a score from −1 to 1 and a label (within ±${NEUTRAL_THRESHOLD} is neutral).`,
  'Interviewers’ units are left out, as in every count.',
  'Text that a spreadsheet would read as a formula (starting with = + - @) is prefixed with an apostrophe.',
];

const anonymizedNote = (o: ExportOptions): string[] => (o.anonymize ? ['Anonymized: participants are pseudonyms (P01…); names, emails and phone numbers in the text are redacted.'] : []);

const FORMATS: Record<string, (s: WorkspaceSnapshot, o: ExportOptions) => Exported | Promise<Exported>> = {
  qdpx: (s) => exportQdpx(s),
  qdc: (s) => ({ bytes: new TextEncoder().encode(exportQdc(s)), loss: { lost: [], notes: ['Only the codebook is exported.'] } }),
  csv: (s, o) => ({ bytes: new TextEncoder().encode(codedDataCsv(analysisData(s.tables), { anonymize: o.anonymize })), loss: { lost: [], notes: [...CODED_DATA_NOTES, ...anonymizedNote(o)] } }),
  xlsx: async (s, o) => ({
    bytes: await codedDataXlsx(analysisData(s.tables), { anonymize: o.anonymize }),
    loss: { lost: [], notes: ['One sheet per survey question, one for transcripts and notes, and the codebook.', ...CODED_DATA_NOTES, ...anonymizedNote(o)] },
  }),
};

/** Formats that can anonymize; the REFI-QDA project is the workspace itself and has no anonymized form. */
const ANONYMIZABLE = new Set(['csv', 'xlsx']);

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a workspace as a REFI-QDA project (.qdpx), codebook (.qdc), or coded data (.csv, .xlsx).',
  usage: `loupe export <file.loupe> --format ${Object.keys(FORMATS).join('|')} --out <path> [--anonymize] [--json]`,
  async run({ args, io }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, anonymize: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const format = values.format;
    const write = format !== undefined ? FORMATS[format] : undefined;
    if (format === undefined || write === undefined) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
    if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required');
    if (values.anonymize && !ANONYMIZABLE.has(format)) throw new UsageError(`--anonymize applies to ${[...ANONYMIZABLE].join(' and ')} only`);
    const { bytes, loss } = await write(readWorkspaceFile(file), { anonymize: values.anonymize });
    writeFileAtomic(values.out, bytes);
    if (values.json) io.out(JSON.stringify({ out: values.out, format, loss }, null, 2) + '\n');
    else io.out(formatLoss(`Exported ${file} to ${values.out} (${format})`, loss));
    return 0;
  },
};

export function formatLoss(title: string, loss: LossReport): string {
  const lines = [title];
  if (loss.lost.length === 0) lines.push('Nothing was lost.');
  else {
    lines.push('', 'Not carried over:');
    for (const l of loss.lost) lines.push(`  - ${l.message}`);
  }
  if (loss.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of loss.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * `loupe import <files…> --workspace <file.loupe>`: the app's import pipeline, headless. Creates the
 * workspace file when it is missing, else adds to it. All or nothing: every file is imported into the
 * decoded workspace in memory and the file is written (atomically) only when all of them went through.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { newId, nowIso } from '../../core/ids';
import { ImportError, isSupportedEncoding, SUPPORTED_ENCODINGS, type SupportedEncoding } from '../../core/import';
import { SURVEY_VENDORS, isSurveyVendor, type SurveyVendor } from '../../core/import/layout';
import { importIntoWorkspace, type SourceImportSummary } from '../../core/import/workspace-import';
import { emptyTables, type WorkspaceSnapshot } from '../../core/model';
import { addQdpxToWorkspace, RefiError } from '../../core/refi';
import { decodeWorkspace, encodeWorkspace } from '../../core/workspace-file';
import { CliFailure, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

const USAGE =
  'loupe import <files…> --workspace <file.loupe> [--vendor auto|qualtrics|surveymonkey|typeform|googleforms|generic] ' +
  '[--encoding auto|utf-8|utf-16le|utf-16be|windows-1252|macintosh] [--sheet NAME] [--json]';

/** Names people type for the encodings Loupe reads. */
const ENCODING_ALIASES: Record<string, SupportedEncoding> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16be: 'utf-16be',
  cp1252: 'windows-1252',
  win1252: 'windows-1252',
  'latin-1': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  mac: 'macintosh',
  macroman: 'macintosh',
  'mac-roman': 'macintosh',
  'x-mac-roman': 'macintosh',
};

export interface ImportOutput {
  workspace: { file: string; name: string; created: boolean; written: boolean };
  sources: SourceImportSummary[];
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import survey exports, transcripts and notes into a workspace file.',
  usage: USAGE,
  async run({ args, io, appVersion }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        workspace: { type: 'string', short: 'w' },
        vendor: { type: 'string', default: 'auto' },
        encoding: { type: 'string', default: 'auto' },
        sheet: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length === 0) throw new UsageError('missing the files to import');
    const target = values.workspace;
    if (target === undefined || target.trim() === '') throw new UsageError('--workspace is required');
    const vendor = parseVendor(values.vendor);
    const encoding = parseEncoding(values.encoding);

    const created = !existsSync(target);
    const snapshot = created ? emptyWorkspace(target) : decodeWorkspace(readFileSync(target));
    const now = nowIso();
    const summaries: SourceImportSummary[] = [];
    for (const file of positionals) {
      if (!existsSync(file)) throw nothingWritten(target, created, `${file}: no such file.`);
      try {
        summaries.push(
          /\.qdpx$/i.test(file)
            ? addQdpxToWorkspace(snapshot, basename(file), new Uint8Array(readFileSync(file)), { now })
            : await importIntoWorkspace(snapshot, basename(file), new Uint8Array(readFileSync(file)), {
                now,
                ...(vendor ? { vendor } : {}),
                ...(encoding ? { encoding } : {}),
                ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
              }),
        );
      } catch (error) {
        if (error instanceof ImportError) throw nothingWritten(target, created, `${file}${where(error)}: ${error.message}`);
        if (error instanceof RefiError) throw nothingWritten(target, created, `${file}: ${error.message}`);
        throw error;
      }
    }

    const changed = created || summaries.some((s) => s.status === 'imported' || s.status === 'appended');
    if (changed) {
      snapshot.meta.updatedAt = now;
      writeFileAtomic(target, encodeWorkspace(snapshot, { appVersion }));
    }
    const output: ImportOutput = { workspace: { file: target, name: snapshot.meta.name, created, written: changed }, sources: summaries };
    io.out(values.json ? JSON.stringify(output, null, 2) + '\n' : formatImport(output));
    return 0;
  },
};

function parseVendor(value: string | undefined): SurveyVendor | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (isSurveyVendor(value)) return value;
  throw new UsageError(`--vendor must be auto or one of ${SURVEY_VENDORS.join(', ')}, not "${value}"`);
}

function parseEncoding(value: string | undefined): SupportedEncoding | undefined {
  if (value === undefined || value.toLowerCase() === 'auto') return undefined;
  const name = value.toLowerCase();
  if (isSupportedEncoding(name)) return name;
  const alias = ENCODING_ALIASES[name];
  if (alias !== undefined) return alias;
  throw new UsageError(`--encoding must be auto or one of ${SUPPORTED_ENCODINGS.map((e) => e.id).join(', ')}, not "${value}"`);
}

function emptyWorkspace(file: string): WorkspaceSnapshot {
  const now = nowIso();
  const name = basename(file).replace(/\.loupe$/i, '') || 'Workspace';
  return { meta: { id: newId(), name, createdAt: now, updatedAt: now }, tables: emptyTables() };
}

/** " (row 3, line 5)" for an error tied to a place in the file. */
function where(error: ImportError): string {
  if (error.row === undefined) return '';
  return error.line !== undefined ? ` (row ${error.row}, line ${error.line})` : ` (row ${error.row})`;
}

function nothingWritten(target: string, created: boolean, message: string): CliFailure {
  const state = created ? `${target} was not created` : `${target} is unchanged`;
  return new CliFailure(`${message} Nothing was imported; ${state}.`);
}

export function formatImport(out: ImportOutput): string {
  const lines: string[] = [];
  const added = out.sources.filter((s) => s.status === 'imported' || s.status === 'appended').length;
  const what = out.workspace.created ? `Created ${out.workspace.file} (workspace "${out.workspace.name}")` : `${out.workspace.file} (workspace "${out.workspace.name}")`;
  lines.push(`${what}: ${added} of ${out.sources.length} ${out.sources.length === 1 ? 'file' : 'files'} added${out.workspace.written ? '' : ', file unchanged'}.`);
  for (const s of out.sources) {
    lines.push('', `${s.fileName}`);
    if (s.status === 'duplicate') {
      const from = s.duplicateOf?.fileName !== undefined ? `, imported from ${s.duplicateOf.fileName}` : '';
      lines.push(`  already in the workspace as "${s.duplicateOf?.title ?? s.title}"${from} (same content); nothing added.`);
      continue;
    }
    const layout = s.layout ? ` · ${s.layout.explanation}` : '';
    lines.push(s.project ? `  REFI-QDA project “${s.title}” · ${s.encoding}` : `  ${s.kind} · ${s.vendor} · ${s.encoding}`+layout);
    const counts = [
      ...(s.rowsRead !== null ? [count(s.rowsRead, 'data row') + ' read'] : []),
      `${count(s.participants, 'participant')} added`,
      `${count(s.units, 'unit')} added`,
    ];
    if (s.alreadyImported) counts.push(`${count(s.alreadyImported, 'respondent')} imported before`);
    lines.push(`  ${counts.join(' · ')}`);
    if (s.project) {
      const p = s.project;
      lines.push(
        `  project: ${count(p.sources, 'source')} (${count(p.notes, 'note')}) · ${count(p.codes, 'code')} (${count(p.newTags, 'new tag')}) · ` +
          `${count(p.selections, 'selection')} · ${count(p.codings, 'coding')}`,
      );
    }
    if (s.status === 'appended') lines.push(`  appended to "${s.title}": a newer export of the same survey; only new respondents were added.`);
    if (s.status === 'up-to-date') lines.push(`  every respondent is already in "${s.title}"; nothing added.`);
    if (s.questions.length > 0) {
      const width = Math.max(...s.questions.map((q) => q.label.length));
      lines.push(`  ${count(s.questions.length, 'question')}:`);
      for (const q of s.questions) lines.push(`    ${q.label.padEnd(width)}  ${q.type.padEnd(9)}  ${q.text}`);
    }
    if (s.warnings.length > 0) {
      lines.push(`  ${count(s.warnings.length, 'warning')}:`);
      for (const w of s.warnings) lines.push(`    ${w.row > 0 && !/^row \d/i.test(w.message) ? `row ${w.row}: ` : ''}${w.message}`);
    }
    const notImported = s.rowsNotImported.filter((r) => !/was imported before$/.test(r.reason));
    if (notImported.length > 0) {
      lines.push(`  ${count(notImported.length, 'row')} not imported:`);
      for (const r of notImported) lines.push(`    row ${r.row}: ${r.reason}`);
    }
  }
  return lines.join('\n') + '\n';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

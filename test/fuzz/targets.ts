/**
 * What the importer fuzzers run: one target per importer (CSV, TSV, XLSX, VTT, SRT, DOCX, QDPX, .loupe), each
 * with small seed files built in code, and the rule for a case's outcome: a clean result, or one of the errors
 * meant for users (ImportError, WorkspaceFileError, RefiError). Anything else — a TypeError, a RangeError, a
 * stack overflow, a hang — is a failure. Shared by test/fuzz/importers.test.ts (CI) and bench/fuzz.ts.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, ImportError } from '../../src/core/import';
import { importIntoWorkspace } from '../../src/core/import/workspace-import';
import { emptyTables, type WorkspaceSnapshot } from '../../src/core/model';
import { createRng } from '../../src/core/random';
import { importQdpx, RefiError } from '../../src/core/refi';
import { decodeWorkspace, encodeWorkspace, WorkspaceFileError } from '../../src/core/workspace-file';
import { mutate, mutateZipEntry } from './mutate';

export type TargetName = 'csv' | 'tsv' | 'xlsx' | 'vtt' | 'srt' | 'docx' | 'qdpx' | 'loupe';
export const TARGETS: readonly TargetName[] = ['csv', 'tsv', 'xlsx', 'vtt', 'srt', 'docx', 'qdpx', 'loupe'];
const ZIPPED: ReadonlySet<TargetName> = new Set(['xlsx', 'docx', 'qdpx', 'loupe']);
/** Fuzzing runs from the repository root (npm scripts, vitest): the module's own folder varies by loader. */
const FIXTURES = join(process.cwd(), 'test/fixtures');

const CSV_SEED = [
  'ResponseId,Age,Q1 What did you like?,Q2 Rate us (0-10),Q3 Anything else?',
  'R_1,34,"Fast, and the ""export"" works",9,',
  'R_2,51,"Multi-line\nanswer with é and 💬",3,"Slow on big files"',
  'R_3,,Nothing,10,"<img src=x onerror=alert(1)>"',
  '',
].join('\r\n');

const TSV_SEED = 'id\tanswer\tscore\n1\tGood, mostly\t8\n2\t"quoted\ttab"\t2\n3\tCafé\t5\n';

const VTT_SEED = [
  'WEBVTT',
  '',
  '1',
  '00:00:01.000 --> 00:00:04.000',
  '<v Interviewer>How do you plan your week?',
  '',
  '2',
  '00:00:04.500 --> 00:00:09.000',
  '<v Priya Raman>Mostly on Monday, in a spreadsheet.',
  '',
].join('\n');

const SRT_SEED = ['1', '00:00:01,000 --> 00:00:04,000', 'Interviewer: How was onboarding?', '', '2', '00:00:04,500 --> 00:00:08,000', 'Sam: Confusing at first.', ''].join('\n');

function docxSeed(): Uint8Array {
  const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const para = (text: string, style?: string): string =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${w}"><w:body>${para('Interview notes', 'Heading1')}${para('Interviewer: What slowed you down?')}${para('Alex: The import, &amp; the &lt;export&gt;.')}</w:body></w:document>`,
    ),
  });
}

async function xlsxSeed(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Responses');
  sheet.addRows([
    ['Respondent', 'Q1 What did you like?', 'Score', 'Date'],
    ['r1', 'Speed', 9, new Date(Date.UTC(2026, 0, 2))],
    ['r2', 'Line\nbreak, and "quotes"', 4, new Date(Date.UTC(2026, 0, 3))],
    ['r3', { formula: '1+1', result: 2 }, 7, null],
  ]);
  workbook.addWorksheet('Notes').addRow(['free text']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function qdpxSeed(): Uint8Array {
  const folder = join(FIXTURES, 'refi/trial');
  const files: Record<string, Uint8Array> = { 'project.qde': new Uint8Array(readFileSync(join(folder, 'Trial.qde'))) };
  for (const name of readdirSync(join(folder, 'sources'))) files[`sources/${name}`] = new Uint8Array(readFileSync(join(folder, 'sources', name)));
  return zipSync(files);
}

async function loupeSeed(): Promise<Uint8Array> {
  const snapshot: WorkspaceSnapshot = {
    meta: { id: '0f0e0d0c-0b0a-4908-8706-050403020100', name: 'Fuzz seed', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
    tables: emptyTables(),
  };
  const now = '2026-01-01T00:00:00.000Z';
  await importIntoWorkspace(snapshot, 'survey.csv', strToU8(CSV_SEED), { now });
  await importIntoWorkspace(snapshot, 'interview.vtt', strToU8(VTT_SEED), { now });
  return encodeWorkspace(snapshot, { appVersion: 'fuzz' });
}

export type Seeds = Record<TargetName, Uint8Array[]>;

export async function buildSeeds(): Promise<Seeds> {
  return {
    csv: [strToU8(CSV_SEED), new Uint8Array(readFileSync(join(FIXTURES, 'import/qualtrics.csv')))],
    tsv: [strToU8(TSV_SEED)],
    xlsx: [await xlsxSeed()],
    vtt: [strToU8(VTT_SEED), new Uint8Array(readFileSync(join(FIXTURES, 'import/teams.vtt')))],
    srt: [strToU8(SRT_SEED)],
    docx: [docxSeed()],
    qdpx: [qdpxSeed()],
    loupe: [await loupeSeed()],
  };
}

/** Runs one importer on bytes. Resolves with a short description of the clean result. */
export async function runImporter(target: TargetName, bytes: Uint8Array): Promise<string> {
  switch (target) {
    case 'qdpx': {
      const result = importQdpx(bytes);
      return `qdpx: ${result.snapshot.tables.sources.length} sources`;
    }
    case 'loupe': {
      const snapshot = decodeWorkspace(bytes);
      return `loupe: ${snapshot.tables.units.length} units`;
    }
    default: {
      const result = await importFile(`fuzz.${target}`, bytes);
      return `${target}: ${result.kind}`;
    }
  }
}

/** The errors an importer may end with: a message for the user, not a crash. */
export function isCleanError(error: unknown): boolean {
  return error instanceof ImportError || error instanceof WorkspaceFileError || error instanceof RefiError;
}

export interface CaseInput {
  target: TargetName;
  /** Replays the case: createRng(seed) drives the mutation. */
  seed: number;
  bytes: Uint8Array;
}

/** Case `index` of a run: alternates pure random bytes, byte mutations and (for zips) entry mutations. */
export function makeCase(seeds: Seeds, target: TargetName, runSeed: number, index: number): CaseInput {
  const seed = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  const rng = createRng(seed);
  const pool = seeds[target];
  const base = rng.pick(pool);
  const other = rng.pick(TARGETS.flatMap((t) => seeds[t]));
  const roll = rng.next();
  let bytes: Uint8Array;
  if (roll < 0.08) {
    bytes = new Uint8Array(rng.int(0, 2048)).map(() => rng.int(0, 255));
  } else if (ZIPPED.has(target) && roll < 0.6) {
    bytes = mutateZipEntry(rng, base);
  } else {
    bytes = mutate(rng, base, other);
  }
  return { target, seed, bytes };
}

export type Outcome = { kind: 'ok'; detail: string; ms: number } | { kind: 'clean-error'; detail: string; ms: number } | { kind: 'crash'; detail: string; ms: number };

export async function runCase(input: CaseInput): Promise<Outcome> {
  const started = performance.now();
  try {
    const detail = await runImporter(input.target, input.bytes);
    return { kind: 'ok', detail, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (isCleanError(error) && error instanceof Error && error.message.trim().length > 0) return { kind: 'clean-error', detail: `${error.name}: ${error.message.slice(0, 120)}`, ms };
    const detail = error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error);
    return { kind: 'crash', detail, ms };
  }
}

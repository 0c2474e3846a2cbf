import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRespondentId, parseUnitId } from '../../src/core/unit-id';
import { decodeWorkspace } from '../../src/core/workspace-file';

const root = join(__dirname, '../..');
const bin = join(root, 'bin/loupe.cjs');
const fixtures = join(root, 'test/fixtures/import');
const dir = mkdtempSync(join(tmpdir(), 'loupe-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fx = (name: string): string => join(fixtures, name);

interface Summary {
  fileName: string;
  status: string;
  sourceId: string;
  kind: string;
  vendor: string;
  layout: { headerRowCount: number; explanation: string; delimiter?: string } | null;
  encoding: string;
  rowsRead: number | null;
  participants: number;
  units: number;
  questions: { id: string; label: string; text: string; type: string }[];
  warnings: { row: number; message: string }[];
  rowsNotImported: { row: number; reason: string }[];
  alreadyImported?: number;
}

interface Output {
  workspace: { file: string; name: string; created: boolean; written: boolean };
  sources: Summary[];
}

function importJson(...args: string[]): Output {
  const r = loupe('import', ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Output;
}

/** The older download of qualtrics.csv: its 3 header rows and first 2 respondents (R_bbb222 spans 2 lines). */
function olderQualtricsExport(): string {
  const file = join(dir, 'survey-march.csv');
  writeFileSync(file, readFileSync(fx('qualtrics.csv'), 'utf8').split('\n').slice(0, 6).join('\n') + '\n');
  return file;
}

describe('loupe import', () => {
  it('imports a Qualtrics CSV, a windows-1252 ";" CSV and a VTT into a new workspace, and inspect reflects it', () => {
    const ws = join(dir, 'Pricing study.loupe');
    const out = importJson(fx('qualtrics.csv'), fx('generic-cp1252-semicolon.csv'), fx('teams.vtt'), '--workspace', ws);
    expect(out.workspace).toEqual({ file: ws, name: 'Pricing study', created: true, written: true });
    const [q, g, v] = out.sources;

    expect(q).toMatchObject({ fileName: 'qualtrics.csv', status: 'imported', kind: 'survey', vendor: 'qualtrics', encoding: 'utf-8', rowsRead: 5, participants: 5, units: 5, warnings: [], rowsNotImported: [] });
    expect(q!.layout).toMatchObject({ headerRowCount: 3, explanation: 'Qualtrics export: 3 header rows (tags, question text, ImportId JSON)' });
    const types = Object.fromEntries(q!.questions.map((x) => [x.label, x.type]));
    expect(types).toMatchObject({ ResponseId: 'id', IPAddress: 'ignored', RecordedDate: 'date', plan: 'attribute', Q1: 'nps', Q2: 'multi', Q3: 'rating', Q4_TEXT: 'open' });
    expect(q!.questions.find((x) => x.label === 'Q2')?.text).toBe('Welche Funktionen nutzen Sie?');

    expect(g).toMatchObject({ kind: 'survey', vendor: 'generic', encoding: 'windows-1252', rowsRead: 6, participants: 5, units: 4 });
    expect(g!.layout).toMatchObject({ headerRowCount: 1, delimiter: ';' });
    expect(g!.questions.map((x) => [x.label, x.type])).toEqual([
      ['Kunde', 'id'],
      ['Segment', 'attribute'],
      ['Note', 'rating'],
      ['Kommentar', 'open'],
    ]);
    expect(g!.warnings).toEqual([
      { row: 5, line: 5, message: 'Row 5 has 5 cells but the header has 4; the extra cell "extra" was not imported (an unquoted delimiter inside an answer?).' },
      { row: 6, line: 6, message: 'Row 6 has 3 cells but the header has 4; the missing cells were read as empty.' },
    ]);
    expect(g!.rowsNotImported).toEqual([{ row: 4, reason: 'blank row' }]);

    expect(v).toMatchObject({ kind: 'transcript', vendor: 'vtt', encoding: 'utf-8', layout: null, rowsRead: null, participants: 2, units: 3, questions: [], warnings: [] });

    const snapshot = decodeWorkspace(readFileSync(ws));
    expect(snapshot.meta.name).toBe('Pricing study');
    const texts = snapshot.tables.units.map((u) => u.text);
    expect(texts).toContain('Zu teuer für uns – 30 € pro Nutzer und Monat');
    expect(texts).toContain('Export nach Excel; endlich!');
    for (const u of snapshot.tables.units) expect(parseUnitId(u.id)).toEqual({ sourceId: u.sourceId, seq: u.seq });
    const generic = snapshot.tables.sources.find((s) => s.id === g!.sourceId)!;
    expect(generic).toMatchObject({ seqStride: 4, respondentCount: 5, encoding: 'windows-1252', fileName: 'generic-cp1252-semicolon.csv' });
    for (const p of snapshot.tables.participants.filter((x) => x.sourceIds.includes(generic.id))) expect(parseRespondentId(p.id)?.sourceId).toBe(generic.id);

    const inspected = JSON.parse(loupe('inspect', ws, '--json').stdout);
    expect(inspected.totals).toMatchObject({ sources: 3, participants: 12, units: 12, questions: q!.questions.length + 4 });
    expect(inspected.sources.map((s: { vendor: string; units: number; participants: number }) => [s.vendor, s.units, s.participants])).toEqual([
      ['qualtrics', 5, 5],
      ['generic', 4, 5],
      ['vtt', 3, 2],
    ]);
  });

  it('prints a readable summary without --json', () => {
    const ws = join(dir, 'readable.loupe');
    const r = loupe('import', fx('generic-cp1252-semicolon.csv'), fx('teams.vtt'), '--workspace', ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Created ${ws} (workspace "readable"): 2 of 2 files added.`);
    expect(r.stdout).toContain('survey · generic · windows-1252 · Spreadsheet with 1 header row');
    expect(r.stdout).toContain('6 data rows read · 5 participants added · 4 units added');
    expect(r.stdout).toMatch(/Kommentar\s+open\s+Kommentar/);
    expect(r.stdout).toContain('Row 6 has 3 cells but the header has 4');
    expect(r.stdout).toContain('row 4: blank row');
    expect(r.stdout).toContain('transcript · vtt · utf-8');
  });

  it('re-importing the same file adds nothing, says so, and leaves the file untouched', () => {
    const ws = join(dir, 'again.loupe');
    importJson(fx('qualtrics.csv'), '--workspace', ws);
    const before = readFileSync(ws);
    const out = importJson(fx('qualtrics.csv'), '--workspace', ws);
    expect(out.workspace).toMatchObject({ created: false, written: false });
    expect(out.sources[0]).toMatchObject({ status: 'duplicate', participants: 0, units: 0, duplicateOf: { title: 'qualtrics', fileName: 'qualtrics.csv' } });
    expect(readFileSync(ws).equals(before)).toBe(true);

    const text = loupe('import', fx('qualtrics.csv'), '--workspace', ws);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('already in the workspace as "qualtrics", imported from qualtrics.csv (same content); nothing added.');
    // The same file twice in one call: the second is a duplicate of the first.
    const twice = importJson(fx('teams.vtt'), fx('teams.vtt'), '--workspace', join(dir, 'twice.loupe'));
    expect(twice.sources.map((s) => s.status)).toEqual(['imported', 'duplicate']);
  });

  it('a newer export of the same survey adds only the new respondents to the same source', () => {
    const ws = join(dir, 'incremental.loupe');
    const first = importJson(olderQualtricsExport(), '--workspace', ws).sources[0]!;
    expect(first).toMatchObject({ status: 'imported', participants: 2, units: 3 });

    const second = importJson(fx('qualtrics.csv'), '--workspace', ws).sources[0]!;
    expect(second).toMatchObject({ status: 'appended', sourceId: first.sourceId, rowsRead: 5, participants: 3, units: 2, alreadyImported: 2 });
    expect(second.questions).toEqual(first.questions);
    expect(second.rowsNotImported).toEqual([
      { row: 4, reason: 'respondent R_aaa111 was imported before' },
      { row: 5, reason: 'respondent R_bbb222 was imported before' },
    ]);

    const snapshot = decodeWorkspace(readFileSync(ws));
    expect(snapshot.tables.sources).toHaveLength(1);
    expect(snapshot.tables.sources[0]).toMatchObject({ respondentCount: 5, seqStride: first.questions.length, fileName: 'survey-march.csv' });
    expect(snapshot.tables.participants.map((p) => [p.id, p.externalId])).toEqual(
      ['R_aaa111', 'R_bbb222', 'R_ccc333', 'R_ddd444', 'R_eee555'].map((ext, i) => [`${first.sourceId}:p${i}`, ext]),
    );
    expect(snapshot.tables.questions).toHaveLength(first.questions.length);
    expect(snapshot.tables.units).toHaveLength(5);
    expect(new Set(snapshot.tables.units.map((u) => u.id)).size).toBe(5);

    const inspected = JSON.parse(loupe('inspect', ws, '--json').stdout);
    expect(inspected.sources).toHaveLength(1);
    expect(inspected.sources[0]).toMatchObject({ units: 5, participants: 5 });

    // The newer file again: a duplicate by content hash. The older one again: every respondent known.
    expect(importJson(fx('qualtrics.csv'), '--workspace', ws).sources[0]!.status).toBe('duplicate');
    const before = readFileSync(ws);
    const older = importJson(olderQualtricsExport(), '--workspace', ws);
    expect(older.sources[0]).toMatchObject({ status: 'up-to-date', participants: 0, units: 0, alreadyImported: 2 });
    expect(older.workspace.written).toBe(false);
    expect(readFileSync(ws).equals(before)).toBe(true);
  });

  it('all or nothing: a broken file fails the whole import, names the file, row and line, and leaves the workspace byte-identical', () => {
    const ws = join(dir, 'broken.loupe');
    importJson(fx('teams.vtt'), '--workspace', ws);
    const before = readFileSync(ws);
    const r = loupe('import', fx('qualtrics.csv'), fx('unterminated.csv'), '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^loupe import: .*unterminated\.csv \(row 3, line 3\): Row 3 opens a quoted cell \("this never closes/);
    expect(r.stderr).toMatch(/Nothing was imported; .*broken\.loupe is unchanged\.\n$/);
    expect(readFileSync(ws).equals(before)).toBe(true);

    const missing = join(dir, 'never.loupe');
    const empty = loupe('import', fx('teams.vtt'), fx('empty.csv'), '--workspace', missing);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.csv: "empty\.csv" is empty \(0 bytes\)\. Nothing was imported; .*never\.loupe was not created\./);
    expect(existsSync(missing)).toBe(false);

    const absent = loupe('import', join(dir, 'nope.csv'), '--workspace', ws);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/nope\.csv: no such file\. Nothing was imported/);
    expect(readFileSync(ws).equals(before)).toBe(true);
  });

  it('refuses a damaged workspace file without touching it', () => {
    const ws = join(dir, 'damaged.loupe');
    writeFileSync(ws, 'not a zip');
    const r = loupe('import', fx('teams.vtt'), '--workspace', ws);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('loupe import: This file is not a Loupe workspace (it is not a zip archive).');
    expect(readFileSync(ws, 'utf8')).toBe('not a zip');
  });

  it('--encoding and --vendor override detection', () => {
    const mac = importJson(fx('generic-cp1252-semicolon.csv'), '--workspace', join(dir, 'mac.loupe'), '--encoding', 'macintosh').sources[0]!;
    expect(mac.encoding).toBe('macintosh');
    const alias = importJson(fx('generic-cp1252-semicolon.csv'), '--workspace', join(dir, 'alias.loupe'), '--encoding', 'cp1252').sources[0]!;
    expect(alias.encoding).toBe('windows-1252');
    const forced = importJson(fx('typeform.csv'), '--workspace', join(dir, 'forced.loupe'), '--vendor', 'generic').sources[0]!;
    expect(forced.vendor).toBe('generic');
    expect(forced.layout?.explanation).toMatch(/chosen by the user$/);
  });

  it('exits 2 for usage errors, writing nothing', () => {
    const ws = join(dir, 'usage.loupe');
    const noWs = loupe('import', fx('teams.vtt'));
    expect(noWs.code).toBe(2);
    expect(noWs.stderr).toMatch(/--workspace is required.*Usage: loupe import/);
    expect(loupe('import', '--workspace', ws).code).toBe(2);
    const vendor = loupe('import', fx('teams.vtt'), '--workspace', ws, '--vendor', 'limesurvey');
    expect(vendor.code).toBe(2);
    expect(vendor.stderr).toMatch(/--vendor must be auto or one of qualtrics/);
    const enc = loupe('import', fx('teams.vtt'), '--workspace', ws, '--encoding', 'klingon');
    expect(enc.code).toBe(2);
    expect(enc.stderr).toMatch(/--encoding must be auto or one of utf-8/);
    expect(existsSync(ws)).toBe(false);
    expect(loupe('--help').stdout).toMatch(/^ {2}import\s/m);
  });
});

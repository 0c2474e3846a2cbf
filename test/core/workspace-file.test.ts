import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { emptyTables, TABLES, type WorkspaceSnapshot } from '../../src/core/model';
import { sha256Hex } from '../../src/core/sha256';
import { decodeWorkspace, encodeWorkspace, readManifest, WorkspaceFileError, type WorkspaceFileErrorCode } from '../../src/core/workspace-file';

const T = '2026-01-15T10:00:00.000Z';

function fixture(): WorkspaceSnapshot {
  const tables = emptyTables();
  tables.sources.push(
    { id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Entrevista — São Paulo', vendor: 'vtt', encoding: 'utf-8', fileName: 'ä.vtt' },
    { id: 's2', createdAt: T, updatedAt: T, kind: 'survey', title: 'NPS', vendor: 'generic', encoding: 'utf-8', seqStride: 3, respondentCount: 2 },
  );
  tables.participants.push({ id: 'p1', createdAt: T, updatedAt: T, name: 'Zoë 🦊', role: 'participant', attributes: { nps: 9, plan: 'Team' }, sourceIds: ['s1'] });
  tables.questions.push({ id: 'q1', createdAt: T, updatedAt: T, sourceId: 's1', label: 'Q1', text: 'Why?', type: 'open', order: 0 });
  tables.units.push(
    { id: 's1:0', createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq: 0, text: 'Ça marche 👍🏽 — 日本語 "quoted"\nsecond line', speaker: 'Zoë', startSec: 1.5 },
    { id: 's1:1', createdAt: T, updatedAt: T, sourceId: 's1', seq: 1, text: '', section: 'Context › Pain points' },
  );
  tables.tags.push({ id: 't1', createdAt: T, updatedAt: T, name: 'Parent', color: '#112233', order: 0 }, { id: 't2', createdAt: T, updatedAt: T, name: 'Child', parentId: 't1', color: '#445566', order: 0, whenToUse: 'x' });
  tables.highlights.push({ id: 'h1', createdAt: T, updatedAt: T, unitId: 's1:0', start: 0, end: 9, coder: 'ana', memo: 'emoji counts as one' });
  tables.taggings.push({ id: 'g1', createdAt: T, updatedAt: T, tagId: 't2', unitId: 's1:0', highlightId: 'h1', coder: 'ana' });
  tables.clusterings.push({ id: 'c1', createdAt: T, updatedAt: T, name: 'k=2', params: { k: 2, stem: true, lang: 'en' }, clusters: [{ id: 'k1', label: 'price', keywords: ['price'], unitIds: ['s1:0'] }] });
  tables.insights.push({ id: 'i1', createdAt: T, updatedAt: T, title: 'I', statement: 'S', tagIds: ['t2'], evidence: [{ kind: 'highlight', refId: 'h1' }, { kind: 'cluster-member', refId: 's1:0', clusteringId: 'c1' }] });
  tables.reports.push({ id: 'r1', createdAt: T, updatedAt: T, title: 'R', template: 'readout', summary: '', sections: [{ kind: 'insights', title: 'I', refIds: ['i1'] }] });
  return { meta: { id: 'w1', name: 'Tëst workspace', createdAt: T, updatedAt: T }, tables };
}

/** Unzips, lets the test change entries, and re-zips (optionally fixing the manifest checksums). */
function rewrite(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void, opts: { fixChecksums: boolean }): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  if (opts.fixChecksums) {
    const manifest: { entries: { path: string; bytes: number; sha256: string }[] } = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    for (const e of manifest.entries) {
      const data = files[e.path]!;
      e.bytes = data.length;
      e.sha256 = sha256Hex(data);
    }
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
  }
  return zipSync(files);
}

function expectError(fn: () => unknown, code: WorkspaceFileErrorCode, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceFileError);
    if (!(error instanceof WorkspaceFileError)) return;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    return;
  }
  throw new Error('expected a WorkspaceFileError');
}

describe('workspace file codec', () => {
  it('round-trips every table and record exactly, including non-ASCII and emoji', () => {
    const snapshot = fixture();
    const decoded = decodeWorkspace(encodeWorkspace(snapshot, { appVersion: '0.1.0' }));
    expect(decoded).toEqual(snapshot);
    for (const t of TABLES) expect(decoded.tables[t]).toHaveLength(snapshot.tables[t].length);
    expect(decoded.tables.units[0]!.text).toBe('Ça marche 👍🏽 — 日本語 "quoted"\nsecond line');
  });

  it('writes a manifest and one ndjson entry per table, units as blocks of one source', () => {
    const bytes = encodeWorkspace(fixture(), { appVersion: '9.9.9' });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['manifest.json', ...TABLES.map((t) => `tables/${t}.ndjson`), 'blocks/respondents.ndjson', 'blocks/taggings.ndjson'].sort());
    const units = new TextDecoder().decode(files['tables/units.ndjson']).trimEnd().split('\n');
    expect(units).toHaveLength(1);
    expect(JSON.parse(units[0]!)).toMatchObject({ sourceId: 's1', seq: [0, 1], text: ['Ça marche 👍🏽 — 日本語 "quoted"\nsecond line', ''] });
    const manifest = readManifest(bytes);
    expect(manifest).toMatchObject({ format: 'loupe-workspace', formatVersion: 3, appVersion: '9.9.9', workspace: { id: 'w1', name: 'Tëst workspace' } });
    expect(manifest.counts.units).toBe(2);
    expect(manifest.entries.find((e) => e.path === 'tables/units.ndjson')?.sha256).toBe(sha256Hex(files['tables/units.ndjson']!));
  });

  it('still reads format 1 files (one unit per line) and writes them on request', () => {
    const bytes = encodeWorkspace(fixture(), { appVersion: '9.9.9', formatVersion: 1 });
    const units = new TextDecoder().decode(unzipSync(bytes)['tables/units.ndjson']).trimEnd().split('\n');
    expect(units.map((l) => JSON.parse(l).id)).toEqual(['s1:0', 's1:1']);
    expect(readManifest(bytes).formatVersion).toBe(1);
    expect(decodeWorkspace(bytes)).toEqual(fixture());
  });

  it('splits units into blocks of at most 256 of one source, keeping their order and every field', () => {
    const snap = fixture();
    for (let i = 0; i < 600; i++) {
      const s = i % 300 === 0 ? 's2' : 's1';
      snap.tables.units.push({ id: `${s}:${i + 10}`, createdAt: T, updatedAt: i % 2 === 0 ? T : '2026-02-01T00:00:00.000Z', sourceId: s, seq: i + 10, text: `t${i}`, ...(i % 3 === 0 ? { row: i + 1, participantId: 'p1', questionId: 'q1' } : {}), ...(i === 7 ? { mood: { x: 1 } } : {}) });
    }
    const bytes = encodeWorkspace(snap, { appVersion: '1' });
    const lines = new TextDecoder().decode(unzipSync(bytes)['tables/units.ndjson']).trimEnd().split('\n').map((l) => JSON.parse(l) as { sourceId: string; seq: number[] });
    expect(lines.every((b) => b.seq.length <= 256)).toBe(true);
    expect(lines.map((b) => b.sourceId)).toEqual(['s1', 's2', 's1', 's1', 's2', 's1', 's1']);
    expect(decodeWorkspace(bytes)).toEqual(snap);
  });

  it('is deterministic: the same snapshot gives the same bytes', () => {
    expect(encodeWorkspace(fixture(), { appVersion: '1' })).toEqual(encodeWorkspace(fixture(), { appVersion: '1' }));
  });

  it('keeps unknown extra fields a newer minor version may add', () => {
    const snap = fixture();
    const bytes = rewrite(
      encodeWorkspace(snap, { appVersion: '1' }),
      (files) => {
        const line = JSON.stringify({ ...snap.tables.tags[0], icon: 'star' });
        files['tables/tags.ndjson'] = strToU8(`${line}\n${JSON.stringify(snap.tables.tags[1])}\n`, false);
      },
      { fixChecksums: true },
    );
    expect(decodeWorkspace(bytes).tables.tags[0]).toMatchObject({ id: 't1', icon: 'star' });
  });

  it('encodes a large table in pieces and decodes it back', () => {
    const snap = fixture();
    const text = 'lorem ipsum dolor sit amet '.repeat(4);
    for (let i = 0; i < 30_000; i++) snap.tables.units.push({ id: `s1:${i + 2}`, createdAt: T, updatedAt: T, sourceId: 's1', seq: i + 2, text: `${i} ${text}` });
    const decoded = decodeWorkspace(encodeWorkspace(snap, { appVersion: '1' }));
    expect(decoded.tables.units).toHaveLength(30_002);
    expect(decoded.tables.units[29_999]).toEqual(snap.tables.units[29_999]);
  });
});

describe('workspace file errors', () => {
  const good = (): Uint8Array => encodeWorkspace(fixture(), { appVersion: '1' });
  /** Format 1 (one unit per line), which this version still reads: its errors name the unit's line. */
  const goodV1 = (): Uint8Array => encodeWorkspace(fixture(), { appVersion: '1', formatVersion: 1 });

  it('rejects a file that is not a zip', () => {
    expectError(() => decodeWorkspace(strToU8('id,text\n1,hello\n')), 'not-a-workspace', /not a Loupe workspace \(it is not a zip archive\)/);
    expectError(() => readManifest(new Uint8Array(0)), 'not-a-workspace', /not a zip archive/);
  });

  it('rejects a zip without a manifest', () => {
    expectError(() => decodeWorkspace(zipSync({ 'notes.txt': strToU8('hi') })), 'not-a-workspace', /no manifest\.json/);
  });

  it('rejects a manifest naming another format', () => {
    const bytes = zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'something-else', formatVersion: 1 })) });
    expectError(() => decodeWorkspace(bytes), 'not-a-workspace', /not a Loupe workspace/);
  });

  it('reports a truncated file', () => {
    const bytes = good();
    expectError(() => decodeWorkspace(bytes.subarray(0, Math.floor(bytes.length * 0.7))), 'truncated', /incomplete/);
    expectError(() => decodeWorkspace(bytes.subarray(0, bytes.length - 10)), 'truncated', /ends early/);
  });

  it('reports a checksum mismatch naming the entry', () => {
    const bytes = rewrite(
      good(),
      (files) => {
        files['tables/units.ndjson'] = strToU8(new TextDecoder().decode(files['tables/units.ndjson']).replace('second line', 'SECOND LINE'));
      },
      { fixChecksums: false },
    );
    expectError(() => decodeWorkspace(bytes), 'corrupt', /tables\/units\.ndjson does not match its checksum/);
  });

  it('reports a missing table entry', () => {
    const bytes = rewrite(good(), (files) => void delete files['tables/tags.ndjson'], { fixChecksums: false });
    expectError(() => decodeWorkspace(bytes), 'corrupt', /tables\/tags\.ndjson is missing/);
  });

  it('refuses a newer format version with an actionable message, also from readManifest', () => {
    const bytes = rewrite(
      good(),
      (files) => {
        const m: Record<string, unknown> = JSON.parse(new TextDecoder().decode(files['manifest.json']));
        files['manifest.json'] = strToU8(JSON.stringify({ ...m, formatVersion: 4 }));
      },
      { fixChecksums: false },
    );
    const message = 'This workspace was saved by a newer Loupe (format 4); this version reads format 3. Update Loupe to open it.';
    expectError(() => decodeWorkspace(bytes), 'newer-version', new RegExp(message.replace(/[().;]/g, '\\$&')));
    expectError(() => readManifest(bytes), 'newer-version', /Update Loupe/);
  });

  it('reports a bad JSON line with its table and line number', () => {
    const bytes = rewrite(
      goodV1(),
      (files) => {
        const lines = new TextDecoder().decode(files['tables/units.ndjson']).trimEnd().split('\n');
        files['tables/units.ndjson'] = strToU8(`${lines[0]}\n${lines[1]!.slice(0, 20)}\n`);
      },
      { fixChecksums: true },
    );
    expectError(() => decodeWorkspace(bytes), 'invalid-record', /units\.ndjson line 2 is not valid JSON/);
  });

  it('reports an invalid record field with its line number and field', () => {
    const snap = fixture();
    const bytes = rewrite(
      encodeWorkspace(snap, { appVersion: '1', formatVersion: 1 }),
      (files) => {
        const bad = { ...snap.tables.units[1], text: 42 };
        files['tables/units.ndjson'] = strToU8(`${JSON.stringify(snap.tables.units[0])}\n${JSON.stringify(bad)}\n`, false);
      },
      { fixChecksums: true },
    );
    expectError(() => decodeWorkspace(bytes), 'invalid-record', /units\.ndjson line 2: text must be a string/);
  });

  it('reports a missing required field and a bad enum value', () => {
    const snap = fixture();
    const withUnits = (units: object[]): Uint8Array =>
      rewrite(encodeWorkspace(snap, { appVersion: '1' }), (files) => void (files['tables/sources.ndjson'] = strToU8(units.map((u) => JSON.stringify(u)).join('\n') + '\n', false)), { fixChecksums: true });
    const { title: _omit, ...noTitle } = snap.tables.sources[0]!;
    expectError(() => decodeWorkspace(withUnits([noTitle])), 'invalid-record', /sources\.ndjson line 1: title is missing/);
    expectError(() => decodeWorkspace(withUnits([{ ...snap.tables.sources[0], kind: 'podcast' }])), 'invalid-record', /sources\.ndjson line 1: kind must be one of "survey", "transcript", "notes"/);
  });

  it('rejects a unit whose id is not "<sourceId>:<seq>", naming the line and the expected id', () => {
    const snap = fixture();
    const withUnits = (units: object[]): Uint8Array =>
      rewrite(encodeWorkspace(snap, { appVersion: '1', formatVersion: 1 }), (files) => void (files['tables/units.ndjson'] = strToU8(units.map((u) => JSON.stringify(u)).join('\n') + '\n', false)), { fixChecksums: true });
    const [u0, u1] = snap.tables.units;
    expectError(
      () => decodeWorkspace(withUnits([u0!, { ...u1, id: 'u2' }])),
      'invalid-record',
      /^The workspace file has an invalid record: units\.ndjson line 2: unit id must be "<sourceId>:<seq>" \(expected "s1:1", found "u2"\)\.$/,
    );
    // Right shape, wrong seq or source.
    expectError(() => decodeWorkspace(withUnits([{ ...u0, id: 's1:7' }, u1!])), 'invalid-record', /units\.ndjson line 1: unit id must be/);
    expectError(() => decodeWorkspace(withUnits([u0!, { ...u1, id: 's2:1' }])), 'invalid-record', /line 2: unit id must be "<sourceId>:<seq>" \(expected "s1:1"/);
  });

  it('decodes a source without seqStride/respondentCount and a unit without section (older files)', () => {
    const snap = fixture();
    const decoded = decodeWorkspace(encodeWorkspace(snap, { appVersion: '1' }));
    expect(decoded.tables.sources[0]).not.toHaveProperty('seqStride');
    expect(decoded.tables.sources[1]).toMatchObject({ seqStride: 3, respondentCount: 2 });
    expect(decoded.tables.units[0]).not.toHaveProperty('section');
    expect(decoded.tables.units[1]!.section).toBe('Context › Pain points');
  });

  it('reports a damaged unit block with its line and column', () => {
    const withBlock = (edit: (b: Record<string, unknown>) => void): Uint8Array =>
      rewrite(
        good(),
        (files) => {
          const block = JSON.parse(new TextDecoder().decode(files['tables/units.ndjson'])) as Record<string, unknown>;
          edit(block);
          files['tables/units.ndjson'] = strToU8(`${JSON.stringify(block)}\n`, false);
        },
        { fixChecksums: true },
      );
    expectError(() => decodeWorkspace(withBlock((b) => void (b.text = ['only one']))), 'invalid-record', /units\.ndjson line 1: text must be a list of 2 strings/);
    expectError(() => decodeWorkspace(withBlock((b) => void (b.seq = [0, -1]))), 'invalid-record', /units\.ndjson line 1: seq must hold non-negative whole numbers/);
    expectError(() => decodeWorkspace(withBlock((b) => void (b.participant = [0, 99]))), 'invalid-record', /units\.ndjson line 1: participant must be a list of 2 dict positions/);
    expectError(() => decodeWorkspace(withBlock((b) => void (b.seq = [1, 1]))), 'invalid-record', /units\.ndjson line 1: unit s1:1 is stored twice/);
    expectError(() => decodeWorkspace(withBlock((b) => void (b.startSec = [-1, null]))), 'invalid-record', /startSec must hold non-negative numbers or null/);
    expectError(() => decodeWorkspace(withBlock((b) => void delete b.sourceId)), 'invalid-record', /sourceId must be a non-empty string/);
  });

  it('reports a record count that disagrees with the manifest', () => {
    const snap = fixture();
    const bytes = rewrite(
      encodeWorkspace(snap, { appVersion: '1', formatVersion: 1 }),
      (files) => void (files['tables/units.ndjson'] = strToU8(`${JSON.stringify(snap.tables.units[0])}\n`, false)),
      { fixChecksums: true },
    );
    expectError(() => decodeWorkspace(bytes), 'corrupt', /units\.ndjson holds 1 records, manifest\.json says 2/);
  });
});

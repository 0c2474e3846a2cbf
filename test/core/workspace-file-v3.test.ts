/**
 * Format 3: survey respondents and bulk taggings as column-wise blocks (core/workspace-blocks.ts), and the
 * async codec the app uses (WebCrypto checksums). What a user would notice: everything they saved comes back,
 * older files still open, and a damaged block is refused with its entry and line.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { emptyTables, type Participant, type Tagging, type WorkspaceSnapshot } from '../../src/core/model';
import { sha256Hex } from '../../src/core/sha256';
import { encodeRespondentColumns, encodeTaggingColumns, respondentColumnsOf, taggingColumnsOf } from '../../src/core/workspace-blocks';
import { decodeWorkspace, decodeWorkspaceAsync, encodeWorkspace, encodeWorkspaceAsync, readManifest, reusableUnitParts, writeWorkspaceEntries, WorkspaceFileError } from '../../src/core/workspace-file';
import { inProcessEntryEncoder, type EntryEncoderFactory } from '../../src/core/zip-entry';
import { rawZipEntries } from '../../src/core/zip-raw';

const T = '2026-01-15T10:00:00.000Z';
const T2 = '2026-02-01T09:30:00.000Z';

/** A survey of 600 respondents (attributes partly missing, one in two sources), an interviewee, 700 bulk taggings in two batches and two single ones. */
function survey(): WorkspaceSnapshot {
  const tables = emptyTables();
  tables.sources.push({ id: 'srv', createdAt: T, updatedAt: T, kind: 'survey', title: 'NPS', vendor: 'generic', encoding: 'utf-8', respondentCount: 600 });
  tables.participants.push({ id: 'ana', createdAt: T, updatedAt: T, name: 'Ana 🦊', role: 'participant', attributes: {}, sourceIds: ['t1'] });
  for (let i = 0; i < 600; i++) {
    const p: Participant = {
      id: `srv:p${i}`,
      createdAt: T,
      updatedAt: i % 7 === 0 ? T2 : T,
      name: `R_${i}`,
      ...(i % 5 === 0 ? {} : { externalId: `ext-${i}` }),
      role: 'participant',
      attributes: i % 3 === 0 ? { Plan: 'Team', NPS: i % 11 } : { Plan: 'Free', 'Pays — €': 'oui' },
      sourceIds: i === 42 ? ['srv', 'other'] : ['srv'],
    };
    tables.participants.push(i === 99 ? ({ ...p, mood: { calm: true } } as Participant) : p);
  }
  tables.questions.push({ id: 'q1', createdAt: T, updatedAt: T, sourceId: 'srv', label: 'Why?', text: 'Why?', type: 'open', order: 0 });
  for (let i = 0; i < 600; i++) tables.units.push({ id: `srv:${i}`, createdAt: T, updatedAt: T, sourceId: 'srv', participantId: `srv:p${i}`, questionId: 'q1', seq: i, text: `answer ${i} — ça va` });
  tables.tags.push({ id: 'tg1', createdAt: T, updatedAt: T, name: 'Price', color: '#112233', order: 0 }, { id: 'tg2', createdAt: T, updatedAt: T, name: 'Speed', color: '#445566', order: 1 });
  tables.highlights.push({ id: 'h1', createdAt: T, updatedAt: T, unitId: 'srv:3', start: 0, end: 6, coder: 'ana' });
  tables.taggings.push({ id: 'single-1', createdAt: T, updatedAt: T, tagId: 'tg1', unitId: 'srv:1', coder: 'ana' });
  for (let n = 0; n < 500; n++) tables.taggings.push({ id: `bulkA#${n}`, createdAt: T, updatedAt: T, tagId: n % 2 === 0 ? 'tg1' : 'tg2', unitId: `srv:${n}`, coder: n < 300 ? 'ana' : '' });
  for (let n = 0; n < 200; n++) {
    const t: Tagging = { id: `bulkB#${n * 3}`, createdAt: T2, updatedAt: T2, tagId: 'tg2', unitId: `srv:${n}`, coder: 'bo', ...(n === 1 ? { highlightId: 'h1' } : {}) };
    tables.taggings.push(n === 5 ? ({ ...t, confidence: 0.5 } as Tagging) : t);
  }
  tables.taggings.push({ id: 'single-2', createdAt: T, updatedAt: T, tagId: 'tg2', unitId: 'srv:2', coder: 'bo' });
  return { meta: { id: 'w3', name: 'Survey', createdAt: T, updatedAt: T2 }, tables };
}

const byId = <R extends { id: string }>(records: readonly R[]): R[] => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function expectSameRecords(actual: WorkspaceSnapshot, expected: WorkspaceSnapshot): void {
  expect(actual.meta).toEqual(expected.meta);
  for (const [name, records] of Object.entries(expected.tables)) expect(byId(actual.tables[name as keyof typeof actual.tables] as { id: string }[]), name).toEqual(byId(records as { id: string }[]));
}

function entryText(bytes: Uint8Array, path: string): string {
  return new TextDecoder().decode(unzipSync(bytes)[path]);
}

/** Replaces one entry and fixes the manifest's size and checksum for it (a well-formed file with bad content). */
function withEntry(bytes: Uint8Array, path: string, text: string): Uint8Array {
  const files = unzipSync(bytes);
  files[path] = strToU8(text);
  const manifest: { entries: { path: string; bytes: number; sha256: string }[] } = JSON.parse(new TextDecoder().decode(files['manifest.json']));
  for (const e of manifest.entries) if (e.path === path) Object.assign(e, { bytes: files[path]!.length, sha256: sha256Hex(files[path]!) });
  files['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(files);
}

function errorOf(fn: () => unknown): WorkspaceFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkspaceFileError) return error;
    throw error;
  }
  throw new Error('expected a WorkspaceFileError');
}

describe('workspace file format 3', () => {
  it('stores respondents and bulk taggings as blocks and gives every record back, unknown fields included', () => {
    const snap = survey();
    const bytes = encodeWorkspace(snap, { appVersion: '1' });
    expect(readManifest(bytes).formatVersion).toBe(3);
    expect(readManifest(bytes).counts).toMatchObject({ participants: 601, taggings: 702 });
    // Only the interviewee and the two single taggings stay records.
    expect(entryText(bytes, 'tables/participants.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(['ana']);
    expect(entryText(bytes, 'tables/taggings.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(['single-1', 'single-2']);
    const respondentLines = entryText(bytes, 'blocks/respondents.ndjson').trimEnd().split('\n');
    expect(respondentLines.length).toBe(3); // 600 respondents, ≤ 256 a block
    const taggingLines = entryText(bytes, 'blocks/taggings.ndjson').trimEnd().split('\n').map((l) => JSON.parse(l) as { batch: string; n: number[] });
    expect(taggingLines.map((b) => `${b.batch}:${b.n.length}`)).toEqual(['bulkA:256', 'bulkA:244', 'bulkB:86', 'bulkB:85', 'bulkB:29']);
    expectSameRecords(decodeWorkspace(bytes), snap);
  });

  it('writes blocks handed over as stored (the app’s save) to the same records as from the snapshot', () => {
    const snap = survey();
    const respondents = respondentColumnsOf(snap.tables.participants);
    const taggings = taggingColumnsOf(snap.tables.taggings);
    // Storage blocks carry keys of their own (block number, index keys); those must not reach the file.
    const stored = {
      respondentBlocks: respondents.blocks.map((b, block) => ({ ...b, block })),
      taggingBlocks: taggings.blocks.map((b, block) => ({ ...b, block, tk: ['x'] })),
    };
    const bytes = encodeWorkspace({ ...snap, tables: { ...snap.tables, participants: respondents.rest, taggings: taggings.rest } }, { appVersion: '1', ...stored });
    expect(entryText(bytes, 'blocks/taggings.ndjson')).not.toContain('"tk"');
    expect(entryText(bytes, 'blocks/respondents.ndjson')).not.toContain('"block"');
    expect(readManifest(bytes).counts).toMatchObject({ participants: 601, taggings: 702 });
    expectSameRecords(decodeWorkspace(bytes), snap);
  });

  it('still reads format 2 files, where every participant and tagging is a record', () => {
    const snap = survey();
    const bytes = encodeWorkspace(snap, { appVersion: '1', formatVersion: 2 });
    expect(Object.keys(unzipSync(bytes)).some((p) => p.startsWith('blocks/'))).toBe(false);
    expectSameRecords(decodeWorkspace(bytes), snap);
  });

  it('async encode writes the same entries and manifest (large entries through the entry encoder), and async decode reads them', async () => {
    const snap = survey();
    // Over a megabyte of units: that entry is written in several pieces, deflated by a worker as they come.
    for (let i = 600; i < 25_000; i++) snap.tables.units.push({ id: `srv:${i}`, createdAt: T, updatedAt: T, sourceId: 'srv', seq: i, text: `answer ${i} — the export to Excel is "slow" 🐢 again` });
    const extraEntries = { 'lineage.json': strToU8('{"head":"x"}') };
    const sync = encodeWorkspace(snap, { appVersion: '1', extraEntries });
    const async = await encodeWorkspaceAsync(snap, { appVersion: '1', extraEntries });
    expect(unzipSync(sync)["tables/units.ndjson"]!.length).toBeGreaterThan(1_500_000);
    expect(unzipSync(async)).toEqual(unzipSync(sync));
    expect(Object.keys(unzipSync(async))[0]).toBe('manifest.json');
    expect(await decodeWorkspaceAsync(async)).toEqual(decodeWorkspace(sync));
    await expect(encodeWorkspaceAsync(snap, { appVersion: '1', extraEntries: { 'tables/tags.ndjson': strToU8('x') } })).rejects.toThrow(/tables\/tags\.ndjson is a workspace entry/);
  });

  it('async decode refuses a block entry that does not match its checksum, naming it', async () => {
    const bytes = encodeWorkspace(survey(), { appVersion: '1' });
    const files = unzipSync(bytes);
    const data = files['blocks/taggings.ndjson']!;
    data[10] = data[10] === 0x31 ? 0x32 : 0x31; // one digit changed, same size
    const damaged = zipSync(files);
    await expect(decodeWorkspaceAsync(damaged)).rejects.toThrow(/blocks\/taggings\.ndjson does not match its checksum/);
    expect(errorOf(() => decodeWorkspace(damaged)).code).toBe('corrupt');
  });

  it('writes units in parts once a part is full, and reads the parts back in order', async () => {
    const snap = survey();
    for (let i = 600; i < 60_000; i++) snap.tables.units.push({ id: `srv:${i}`, createdAt: T, updatedAt: T, sourceId: "srv", seq: i, text: `answer ${i} — long enough to fill a few parts` });
    const opts = { appVersion: '1', unitPartBytes: 1 };
    const bytes = encodeWorkspace(snap, opts);
    const parts = Object.keys(unzipSync(bytes)).filter((p) => p.startsWith('tables/units'));
    // A part is closed at the first piece boundary past the limit (~1 MB of JSON a piece).
    expect(parts.length).toBeGreaterThan(1);
    expect(parts).toEqual(parts.map((_, i) => (i === 0 ? 'tables/units.ndjson' : `tables/units.${i + 1}.ndjson`)));
    expect(readManifest(bytes).entries.map((e) => e.path)).toEqual(expect.arrayContaining(parts));
    expectSameRecords(decodeWorkspace(bytes), snap);
    const async = await encodeWorkspaceAsync(snap, opts);
    expect(unzipSync(async)).toEqual(unzipSync(bytes));
    expectSameRecords(await decodeWorkspaceAsync(async), snap);

    // A part gone (from the zip and the manifest) is a damaged file, not fewer units.
    const files = unzipSync(bytes);
    const last = parts.at(-1)!;
    delete files[last];
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { entries: { path: string }[] };
    manifest.entries = manifest.entries.filter((e) => e.path !== parts[1]);
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    expect(errorOf(() => decodeWorkspace(zipSync(files))).message).toBe(`The workspace file is damaged: ${parts[1]} is missing.`);
  });

  it('splits units into parts when each piece is handed to a worker (transferred: empty once pushed), as the app’s save does', async () => {
    const snap = survey();
    for (let i = 600; i < 60_000; i++) snap.tables.units.push({ id: `srv:${i}`, createdAt: T, updatedAt: T, sourceId: 'srv', seq: i, text: `answer ${i} — long enough to fill a few parts` });
    // Like the worker client: the piece's buffer moves to the worker, leaving the caller's view detached.
    const transferring: EntryEncoderFactory = (path, level) => {
      const inner = inProcessEntryEncoder(path, level);
      return { done: inner.done, push: (chunk, final) => inner.push(structuredClone(chunk, { transfer: [chunk.buffer as ArrayBuffer] }), final) };
    };
    const bytes = await encodeWorkspaceAsync(snap, { appVersion: '1', unitPartBytes: 1, entryEncoder: transferring });
    expect(Object.keys(unzipSync(bytes)).filter((p) => p.startsWith('tables/units')).length).toBeGreaterThan(1);
    expectSameRecords(await decodeWorkspaceAsync(bytes), snap);
  });

  it('a new file can take a previous file’s unit parts as they are: same units, the rest new, checksums right', async () => {
    const snap = survey();
    for (let i = 600; i < 30_000; i++) snap.tables.units.push({ id: `srv:${i}`, createdAt: T, updatedAt: T, sourceId: 'srv', seq: i, text: `answer ${i} — ünïcode 検索 enough for parts` });
    for (const sync of [true, false]) {
      const before = sync ? encodeWorkspace(snap, { appVersion: '1', unitPartBytes: 1 }) : await encodeWorkspaceAsync(snap, { appVersion: '1', unitPartBytes: 1 });
      const parts = reusableUnitParts(before);
      expect(parts?.parts.length).toBeGreaterThan(1);
      expect(parts?.units).toBe(30_000);
      // Later: a tag renamed and a comment added, units unchanged.
      const later = structuredClone(snap);
      later.tables.tags[0] = { ...later.tables.tags[0]!, name: 'Pricing' };
      later.tables.comments.push({ id: 'c1', createdAt: T2, updatedAt: T2, targetTable: 'insights', targetId: 'i1', author: 'ana', body: 'renamed' });
      const finish = await writeWorkspaceEntries({ ...later, tables: { ...later.tables, units: [] } }, { appVersion: '2', unitParts: parts! });
      const after = await finish();
      const decoded = await decodeWorkspaceAsync(after);
      expectSameRecords(decoded, later);
      expect(readManifest(after).counts.units).toBe(30_000);
    }
  });

  it('offers no unit parts from a file of another format or a damaged zip (the save then encodes the units)', () => {
    const snap = survey();
    expect(reusableUnitParts(encodeWorkspace(snap, { appVersion: '1', formatVersion: 2 }))).toBeNull();
    const bytes = encodeWorkspace(snap, { appVersion: '1' });
    expect(reusableUnitParts(bytes)).not.toBeNull();
    expect(reusableUnitParts(bytes.subarray(0, bytes.length - 30))).toBeNull();
    expect(rawZipEntries(bytes, ['tables/units.ndjson', 'no/such/entry'])).toBeNull();
    // The directory pointing at a local header that is not there, or names another entry.
    const raw = rawZipEntries(bytes, ['tables/units.ndjson'])!.get('tables/units.ndjson')!;
    const header = raw.data.byteOffset - bytes.byteOffset - 30 - 'tables/units.ndjson'.length;
    const noHeader = bytes.slice();
    noHeader.fill(0, header, header + 4);
    expect(reusableUnitParts(noHeader)).toBeNull();
    const otherName = bytes.slice();
    otherName[header + 30 + 'tables/'.length] = 'x'.charCodeAt(0);
    expect(reusableUnitParts(otherName)).toBeNull();
  });

  it('refuses a format 3 file without its block entry', () => {
    const files = unzipSync(encodeWorkspace(survey(), { appVersion: '1' }));
    delete files['blocks/respondents.ndjson'];
    const error = errorOf(() => decodeWorkspace(zipSync(files)));
    expect(error.message).toBe('The workspace file is damaged: blocks/respondents.ndjson is missing.');
  });

  describe('a damaged block is refused with its entry, line and column', () => {
    const bytes = encodeWorkspace(survey(), { appVersion: '1' });
    const lines = (path: string): Record<string, unknown>[] => entryText(bytes, path).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const damage = (path: string, line: number, edit: (block: Record<string, unknown>) => void): WorkspaceFileError => {
      const blocks = lines(path);
      edit(blocks[line - 1]!);
      return errorOf(() => decodeWorkspace(withEntry(bytes, path, blocks.map((b) => JSON.stringify(b)).join('\n') + '\n')));
    };
    const R = 'blocks/respondents.ndjson';
    const G = 'blocks/taggings.ndjson';

    it.each([
      [R, 2, (b: Record<string, unknown>) => void (b.name = (b.name as string[]).slice(1)), 'respondents.ndjson line 2: name must be a list of 256 strings'],
      [R, 1, (b: Record<string, unknown>) => void (b.role = (b.role as string[]).map((r, i) => (i === 3 ? 'admin' : r))), 'respondents.ndjson line 1: role must be a list of 256 of "participant", "interviewer"'],
      [R, 3, (b: Record<string, unknown>) => void (b.index = (b.index as number[]).map((x, i) => (i === 1 ? 0 : x))), 'respondents.ndjson line 3: index must hold ascending non-negative whole numbers'],
      [R, 1, (b: Record<string, unknown>) => void ((b.createdAt as number[])[0] = 99), 'respondents.ndjson line 1: createdAt must be a list of 256 dict positions'],
      [R, 1, (b: Record<string, unknown>) => void ((b.attrs as unknown[][])[0]![4] = { nested: true }), 'respondents.ndjson line 1: each attrs column must be a list of 256 strings, numbers or null'],
      [G, 1, (b: Record<string, unknown>) => void (b.batch = 'a#b'), 'taggings.ndjson line 1: batch must be a non-empty string without "#"'],
      [G, 2, (b: Record<string, unknown>) => void ((b.n as number[]).push(9000), (b.unitId as string[]).push('srv:1')), 'taggings.ndjson line 2: n must lie in one block of 256'],
      [G, 1, (b: Record<string, unknown>) => void ((b.tagId as number[])[0] = -1), 'taggings.ndjson line 1: tagId must be a list of 256 dict positions'],
      [G, 3, (b: Record<string, unknown>) => void ((b.unitId as string[])[0] = ''), 'taggings.ndjson line 3: unitId must be a list of 86 ids'],
    ])('%s line %i', (path, line, edit, message) => {
      const error = damage(path, line, edit);
      expect(error.code).toBe('invalid-record');
      expect(error.message).toBe(`The workspace file has an invalid record: ${message}.`);
    });

    it('refuses a respondent stored both as a record and in a block', () => {
      const files = unzipSync(bytes);
      const dup = JSON.stringify({ id: 'srv:p5', createdAt: T, updatedAt: T, name: 'again', role: 'participant', attributes: {}, sourceIds: ['srv'] });
      const withDup = withEntry(zipSync(files), 'tables/participants.ndjson', entryText(bytes, 'tables/participants.ndjson') + dup + '\n');
      expect(errorOf(() => decodeWorkspace(withDup)).message).toBe('The workspace file has an invalid record: respondents.ndjson line 1: id srv:p5 is used twice.');
    });

    it('refuses two blocks holding the same bulk tagging', () => {
      const blocks = lines(G);
      const copy = JSON.stringify(blocks[0]);
      expect(errorOf(() => decodeWorkspace(withEntry(bytes, G, [...blocks.map((b) => JSON.stringify(b)), copy].join('\n') + '\n'))).message).toBe(
        'The workspace file has an invalid record: taggings.ndjson line 6: id bulkA#0 is used twice.',
      );
    });
  });
});

describe('block codec', () => {
  it('a respondent block keeps attribute order, missing values and extra fields', () => {
    const people = survey().tables.participants.filter((p) => p.id !== 'ana').slice(96, 102);
    const block = encodeRespondentColumns('srv', [...people].reverse());
    expect(block.index).toEqual([96, 97, 98, 99, 100, 101]);
    expect(block.attrKeys).toEqual(['Plan', 'NPS', 'Pays — €']);
    expect(block.attrs[1]).toEqual([96 % 11, null, null, 99 % 11, null, null]);
    expect(block.extra?.[3]).toEqual({ mood: { calm: true } });
  });

  it('a tagging block refuses a single tagging and keeps highlight ids', () => {
    expect(() => encodeTaggingColumns('b', [{ id: 'single-1', createdAt: T, updatedAt: T, tagId: 't', unitId: 'u', coder: '' }])).toThrow(/does not belong in a tagging block/);
    const b = encodeTaggingColumns('b', [
      { id: 'b#1', createdAt: T, updatedAt: T, tagId: 't', unitId: 'u1', coder: 'x', highlightId: 'h' },
      { id: 'b#0', createdAt: T, updatedAt: T, tagId: 't', unitId: 'u0', coder: 'x' },
    ]);
    expect(b.n).toEqual([0, 1]);
    expect(b.highlightId).toEqual([null, 'h']);
  });
});

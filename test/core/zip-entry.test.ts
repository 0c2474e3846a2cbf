// A save's large entries are deflated and summed piece by piece (in a worker in the app): what comes out must be
// exactly what one-shot tools compute, or the file would not open.
import { createHash } from 'node:crypto';
import { crc32, inflateRawSync } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { emptyTables } from '../../src/core/model';
import { decodeWorkspaceAsync, encodeWorkspaceAsync, readManifest, writeWorkspaceEntries } from '../../src/core/workspace-file';
import { EntryDeflater, inProcessEntryEncoder, type EntryEncoderFactory } from '../../src/core/zip-entry';

const text = (n: number): Uint8Array => strToU8(Array.from({ length: n }, (_, i) => `{"n":${i},"t":"réponse ${i % 97} 👍"}\n`).join(''));

describe('entry deflater', () => {
  it('gives the CRC-32, SHA-256 and DEFLATE data of the whole, however it is cut into pieces', async () => {
    const whole = text(40_000);
    const d = new EntryDeflater(1);
    const cuts = [0, 1, 17, 65_536, 300_001, whole.length];
    for (let i = 1; i < cuts.length; i++) d.push(whole.slice(cuts[i - 1], cuts[i]), i === cuts.length - 1);
    const entry = await d.finish();
    expect(entry.size).toBe(whole.length);
    expect(entry.crc).toBe(crc32(whole));
    expect(entry.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(new Uint8Array(inflateRawSync(entry.compressed))).toEqual(whole);
    expect(entry.compressed.length).toBeLessThan(whole.length / 3);
  });

  it('an empty entry is valid too', async () => {
    const e = new EntryDeflater(6);
    e.push(new Uint8Array(0), true);
    const entry = await e.finish();
    expect([entry.size, entry.crc]).toEqual([0, 0]);
    expect(new Uint8Array(inflateRawSync(entry.compressed))).toEqual(new Uint8Array(0));
  });
});

describe('encoding with an entry encoder', () => {
  it('hands only multi-piece entries to it, and the file opens with every unit', async () => {
    const tables = emptyTables();
    const T = '2026-01-01T00:00:00.000Z';
    tables.sources.push({ id: 's', createdAt: T, updatedAt: T, kind: 'notes', title: 'n', vendor: 'x', encoding: 'utf-8' });
    for (let i = 0; i < 30_000; i++) tables.units.push({ id: `s:${i}`, createdAt: T, updatedAt: T, sourceId: 's', seq: i, text: `note ${i} — with enough words to pass a megabyte in all` });
    const handed: string[] = [];
    const spy: EntryEncoderFactory = (path, level) => (handed.push(path), inProcessEntryEncoder(path, level));
    const bytes = await encodeWorkspaceAsync({ meta: { id: 'w', name: 'W', createdAt: T, updatedAt: T }, tables }, { appVersion: '1', entryEncoder: spy });
    expect(handed).toEqual(['tables/units.ndjson']);
    expect(readManifest(bytes).counts.units).toBe(30_000);
    expect((await decodeWorkspaceAsync(bytes)).tables.units).toEqual(tables.units);
    expect(Object.keys(unzipSync(bytes))[0]).toBe('manifest.json');
  });

  it('a failing entry encoder fails the save with its message, not a damaged file', async () => {
    const tables = emptyTables();
    const T = '2026-01-01T00:00:00.000Z';
    for (let i = 0; i < 30_000; i++) tables.units.push({ id: `s:${i}`, createdAt: T, updatedAt: T, sourceId: 's', seq: i, text: `note ${i} — with enough words to pass a megabyte in all` });
    const broken: EntryEncoderFactory = () => ({ push: () => undefined, done: Promise.reject(new Error('Could not write tables/units.ndjson: out of memory')) });
    await expect(encodeWorkspaceAsync({ meta: { id: 'w', name: 'W', createdAt: T, updatedAt: T }, tables }, { appVersion: '1', entryEncoder: broken })).rejects.toThrow('Could not write tables/units.ndjson: out of memory');
  });

  it('a unit source that fails part-way stops the entries still being deflated', async () => {
    const aborted: string[] = [];
    const tracking: EntryEncoderFactory = (path, level) => ({ ...inProcessEntryEncoder(path, level), abort: () => aborted.push(path) });
    const T = '2026-01-01T00:00:00.000Z';
    const blocks = Array.from({ length: 200 }, (_, b) => ({ sourceId: 's', seq: Array.from({ length: 256 }, (_, i) => b * 256 + i), text: Array.from({ length: 256 }, (_, i) => `unit ${b}/${i} with some words in it`), dict: [T], participant: new Array<number>(256).fill(-1), question: new Array<number>(256).fill(-1), createdAt: new Array<number>(256).fill(0), updatedAt: new Array<number>(256).fill(0) }));
    const failing = async (emit: (b: typeof blocks) => void): Promise<void> => {
      emit(blocks);
      await Promise.resolve();
      throw new Error('IndexedDB read failed');
    };
    await expect(writeWorkspaceEntries({ meta: { id: 'w', name: 'W', createdAt: T, updatedAt: T }, tables: emptyTables() }, { appVersion: '1', unitBlocks: failing, entryEncoder: tracking })).rejects.toThrow('IndexedDB read failed');
    expect(aborted).toEqual(['tables/units.ndjson']);
  });
});

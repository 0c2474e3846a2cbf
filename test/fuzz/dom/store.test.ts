// Fuzzed files through the renderer's real import path (the worker's code, in-process, over fake-indexeddb):
// an import that fails leaves the stored workspace exactly as it was — every table, blocks and meta included,
// and the exported snapshot. A handful of cases; bench/fuzz.ts covers the parsers at volume.
import { strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { decodeWorkspace, encodeWorkspace } from '../../../src/core/workspace-file';
import { workspaceDb } from '../../../src/renderer/src/db/connections';
import { allTables } from '../../../src/renderer/src/db/schema';
import { exportSnapshot, importSnapshot } from '../../../src/renderer/src/db/workspace-data';
import { createWorkspace, getWorkspace } from '../../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../../src/renderer/src/workers/import-client';
import { resetDatabases } from '../../db/reset';
import { mutate } from '../mutate';

beforeEach(resetDatabases);

const SEED_CSV = [
  'ResponseId,Q1 What did you like?,Q2 Score',
  'R_1,"Fast, and the ""export"" works",9',
  'R_2,"Two\nlines",3',
  'R_3,Nothing,10',
  '',
].join('\r\n');
const SEED_VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>Hello there.\n\n00:00:05.000 --> 00:00:07.000\n<v Ben>Hi.\n';
const ERRORS_WANTED = 6;

async function rawState(workspaceId: string): Promise<string> {
  const db = workspaceDb(workspaceId);
  const tables: Record<string, unknown[]> = {};
  for (const t of allTables(db)) tables[t.name] = await t.toArray();
  const { lastOpenedAt: _opened, updatedAt: _updated, ...entry } = (await getWorkspace(workspaceId)) ?? {};
  return JSON.stringify({ tables, entry });
}

function stable(snapshot: Awaited<ReturnType<typeof exportSnapshot>>): string {
  return JSON.stringify({ ...snapshot, meta: { ...snapshot.meta, updatedAt: '' } });
}

describe('a fuzzed import that fails changes nothing stored', () => {
  it('survey and transcript files through the import worker', async () => {
    const workspace = await createWorkspace('Fuzz');
    const client = createInProcessImport({ parseChunkChars: 4096, unitsPerStage: 16, progressMs: 0 });
    const rng = createRng(7);
    const seeds: [string, Uint8Array][] = [
      ['survey.csv', strToU8(SEED_CSV)],
      ['interview.vtt', strToU8(SEED_VTT)],
    ];
    let errors = 0;
    let imported = 0;
    for (let i = 0; i < 120 && errors < ERRORS_WANTED; i += 1) {
      const [name, seed] = rng.pick(seeds);
      // Every other case: a file the importer must refuse (binary junk, or an unterminated quote).
      const bytes = i % 2 === 0 ? mutate(rng, seed) : rng.chance(0.5) ? new Uint8Array(300).map(() => rng.int(0, 8)) : strToU8(`${SEED_CSV}R_4,"never closed`);
      const before = await rawState(workspace.id);
      const exportedBefore = stable(await exportSnapshot(workspace.id));
      const file = new File([new Uint8Array(bytes)], name);
      try {
        await client.run(`fuzz-${i}`, { workspaceId: workspace.id, file }, () => undefined);
        imported += 1;
      } catch (error) {
        errors += 1;
        expect(error).toBeInstanceOf(Error);
        expect(String((error as Error).message).length).toBeGreaterThan(10);
        expect(await rawState(workspace.id)).toBe(before);
        expect(stable(await exportSnapshot(workspace.id))).toBe(exportedBefore);
      }
    }
    expect(errors).toBe(ERRORS_WANTED);
    expect(imported).toBeGreaterThan(0);
  });

  it('a damaged .loupe file is refused before anything is stored', async () => {
    const existing = await importSnapshot(decodeWorkspace(encodeWorkspace({ meta: { id: 'a0a0a0a0-0000-4000-8000-000000000001', name: 'Kept', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }, tables: (await exportSnapshot((await createWorkspace('Seed')).id)).tables }, { appVersion: 't' })));
    const bytes = encodeWorkspace(await exportSnapshot(existing.id), { appVersion: 't' });
    const before = await rawState(existing.id);
    const rng = createRng(11);
    let refused = 0;
    for (let i = 0; i < 40 && refused < ERRORS_WANTED; i += 1) {
      try {
        await importSnapshot(decodeWorkspace(mutate(rng, bytes)), { replace: true });
      } catch {
        refused += 1;
        expect(await rawState(existing.id)).toBe(before);
      }
    }
    expect(refused).toBe(ERRORS_WANTED);
  });
});

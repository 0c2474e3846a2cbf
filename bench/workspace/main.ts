/// <reference lib="dom" />
/**
 * The workspace file benchmark page. The driver (bench/workspace.ts) calls window.workspaceBench: setup()
 * imports a generated survey through the real import worker and tags units through the real coding
 * repository; save() runs what File > Save runs in the renderer (db/lineage prepareSave → the driver writes the
 * bytes atomically as main does → commitSave); open() drops the workspace and opens the saved bytes as
 * File > Open does (decodeWorkspace → importSnapshot with the file's lineage), then makes a section's first reads.
 */
import { applyChangeSet, applyTags, createTag } from '../../src/core/coding';
import { decodeWorkspaceAsync } from '../../src/core/workspace-file';
import { applyCodingChanges, loadCodingState } from '../../src/renderer/src/db/coding';
import { commitSave, prepareSave, recordOpened } from '../../src/renderer/src/db/lineage';
import { forEachUnitBlock, importSnapshot, listAnswers, listQuestions, readySourceCounts } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, deleteWorkspace, getWorkspace, markSaved } from '../../src/renderer/src/db/workspaces';
import { decodedSize } from '../../src/renderer/src/app/useWorkspaceFiles';
import { createImportWorker } from '../../src/renderer/src/workers/import-client';
import { generateSurveyCsv } from '../gen-survey';
import type { OpenResult, Step, WorkspaceBenchApi } from './protocol';

declare global {
  interface Window {
    workspaceBench: WorkspaceBenchApi;
  }
}

const APP_VERSION = 'bench';
const FILE_NAME = 'bench.loupe';
const TAGS = 20;
const status = document.getElementById('status')!;
let workspaceId = '';

/** Every unit id of the workspace, in source order, from the raw blocks. */
async function unitIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const sourceId of (await readySourceCounts(workspaceId)).keys()) {
    await forEachUnitBlock(workspaceId, sourceId, (blocks) => {
      for (const b of blocks) for (const seq of b.seq) ids.push(`${sourceId}:${seq}`);
    });
  }
  return ids;
}

window.workspaceBench = {
  async setup(respondents, taggings) {
    workspaceId = (await createWorkspace('Workspace file benchmark')).id;
    status.textContent = 'Generating…';
    const csv = generateSurveyCsv({ respondents });
    const file = new File([csv], 'survey.csv', { type: 'text/csv' });
    const client = createImportWorker();
    let t = performance.now();
    let units = 0;
    try {
      const outcome = await client.run('bench', { workspaceId, file }, (p) => {
        status.textContent = `${p.stage}: ${p.unitsWritten.toLocaleString()} answers`;
      });
      if (outcome.status !== 'imported') throw new Error(`import ended ${outcome.status}`);
      units = outcome.units;
    } finally {
      client.dispose();
    }
    const importMs = performance.now() - t;

    // Taggings through the repository, as the grid's bulk tag writes them: TAGS tags, each on its share of
    // every 5th unit (so they spread over all questions and blocks).
    t = performance.now();
    const ids = await unitIds();
    const step = Math.max(1, Math.floor(ids.length / taggings));
    const chosen = ids.filter((_, i) => i % step === 0).slice(0, taggings);
    let state = await loadCodingState(workspaceId);
    const tagIds: string[] = [];
    for (let i = 0; i < TAGS; i++) {
      const created = createTag(state, { name: `Theme ${i + 1}` });
      await applyCodingChanges(workspaceId, created.changes, { before: state });
      state = applyChangeSet(state, created.changes);
      tagIds.push(created.tag.id);
    }
    const per = Math.ceil(chosen.length / TAGS);
    for (let i = 0; i < TAGS; i++) {
      const slice = chosen.slice(i * per, (i + 1) * per);
      if (slice.length === 0) break;
      const op = applyTags(state, { kind: 'units', unitIds: slice }, [tagIds[i]!], 'bench');
      await applyCodingChanges(workspaceId, op.changes, { before: state });
      // The grid keeps its state in memory too (live query); reloading every tagging per round made setup minutes long.
      state = applyChangeSet(state, op.changes);
      status.textContent = `tagging: ${state.taggings.size.toLocaleString()}`;
    }
    state = await loadCodingState(workspaceId);
    const entry = await getWorkspace(workspaceId);
    status.textContent = 'Set up';
    return {
      units,
      participants: entry?.counts.participants ?? 0,
      taggings: state.taggings.size,
      csvBytes: file.size,
      importMs,
      taggingMs: performance.now() - t,
    };
  },

  async save(label) {
    status.textContent = `Saving (${label})…`;
    let t = performance.now();
    const prepared = await prepareSave(workspaceId, APP_VERSION);
    const prepareMs = performance.now() - t;
    // Main's part: the driver writes the bytes with main's atomicWriteFile and reports the time.
    const response = await fetch(`./save?name=${encodeURIComponent(FILE_NAME)}`, { method: 'POST', body: new Blob([prepared.bytes.slice()]) });
    if (!response.ok) throw new Error(`write failed: ${response.status} ${await response.text()}`);
    const { writeMs } = (await response.json()) as { writeMs: number };
    t = performance.now();
    await commitSave(workspaceId, prepared, { ownFile: true });
    await markSaved(workspaceId, { name: FILE_NAME, path: null });
    const commitMs = performance.now() - t;
    status.textContent = 'Saved';
    const { headMs, encodeMs, lineageMs, finishMs } = prepared.phases;
    const steps: Step[] = [
      { name: "the head's file and ids (headForSave)", ms: headMs },
      { name: prepared.reusedUnits ? "encodeForSave: every table but units read and written (units: the head file's entries, copied)" : 'encodeForSave: every table read and written, unit blocks streamed into the entries', ms: encodeMs },
      { name: 'lineage (recordSave, tombstones)', ms: lineageMs },
      { name: 'finish: deflate workers drained, SHA-256 (WebCrypto), manifest, zip', ms: finishMs },
    ];
    return { prepareMs, writeMs, commitMs, bytes: prepared.bytes.length, reusedUnits: prepared.reusedUnits, steps };
  },

  async importMore(respondents) {
    // Other respondents (new ids), so every answer is new.
    const csv = generateSurveyCsv({ respondents, seed: 7 }).replace(/^R_/gm, 'W_');
    const client = createImportWorker();
    try {
      const outcome = await client.run('more', { workspaceId, file: new File([csv], 'wave-2.csv', { type: 'text/csv' }) }, () => undefined);
      if (outcome.status !== 'imported') throw new Error(`import ended ${outcome.status}`);
      return outcome.units;
    } finally {
      client.dispose();
    }
  },

  async open(): Promise<OpenResult> {
    status.textContent = 'Opening…';
    await deleteWorkspace(workspaceId);
    // Main's part (read + manifest check) is timed by the driver; this fetch stands in for the IPC transfer.
    const bytes = new Uint8Array(await (await fetch(`./file?name=${encodeURIComponent(FILE_NAME)}`)).arrayBuffer());
    let t = performance.now();
    // As useWorkspaceFiles.openFile: decode, check for a local copy, store with the file's lineage.
    const snapshot = await decodeWorkspaceAsync(bytes);
    const decodeMs = performance.now() - t;
    t = performance.now();
    if ((await getWorkspace(snapshot.meta.id)) !== undefined) throw new Error('the workspace is still there');
    await importSnapshot(snapshot, { file: { name: FILE_NAME, path: null }, within: recordOpened(bytes, { ownFile: true, snapshot }).within, decoded: decodedSize(bytes) });
    const storeMs = performance.now() - t;
    workspaceId = snapshot.meta.id;
    t = performance.now();
    const questions = await listQuestions(workspaceId);
    const open = questions.find((q) => q.type === 'open');
    if (open === undefined) throw new Error('no open question after opening');
    const page = await listAnswers(workspaceId, open.id, { limit: 100 });
    if (page.items.length === 0) throw new Error('no answers after opening');
    const firstReadMs = performance.now() - t;
    status.textContent = 'Opened';
    return { decodeMs, storeMs, firstReadMs, units: snapshot.tables.units.length, taggings: snapshot.tables.taggings.length };
  },

  async edit() {
    const state = await loadCodingState(workspaceId);
    const tag = [...state.tags.values()][0];
    const tagged = new Set([...state.taggings.values()].filter((x) => x.tagId === tag?.id).map((x) => x.unitId));
    const free = (await unitIds()).find((id) => !tagged.has(id));
    if (tag === undefined || free === undefined) throw new Error('nothing to edit');
    const op = applyTags(state, { kind: 'units', unitIds: [free] }, [tag.id], 'bench');
    await applyCodingChanges(workspaceId, op.changes, { before: state });
  },
};

status.textContent = 'Ready';

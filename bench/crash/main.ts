/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The crash-safety page. Its workload runs what a user commits — survey imports through the real import worker,
 * single and bulk taggings through the coding repository, clustering runs, saves — and reports each commit to
 * the driver (window.reportCommit) only after its transaction completed. The driver kills the browser at a
 * random moment, restarts it on the same profile, and calls verify() with what was reported.
 */
import { applyTags, createTag } from '../../src/core/coding';
import { clusterTexts } from '../../src/core/cluster';
import { createRng, type Rng } from '../../src/core/random';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import { decodeUnitBlock } from '../../src/renderer/src/db/blocks';
import { saveClusterRun } from '../../src/renderer/src/db/clusterings';
import { applyCodingChanges, loadCodingState } from '../../src/renderer/src/db/coding';
import { checkDatabases, workspaceDb } from '../../src/renderer/src/db/connections';
import { commitSave, prepareSave } from '../../src/renderer/src/db/lineage';
import { readAllTaggings } from '../../src/renderer/src/db/tagging-blocks';
import { exportSnapshot, listAnswers, listQuestions } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, listWorkspaces, markSaved } from '../../src/renderer/src/db/workspaces';
import { createImportWorker } from '../../src/renderer/src/workers/import-client';
import { generateSurveyCsv } from '../gen-survey';
import type { Commit, CrashApi, Verdict } from './protocol';

declare global {
  interface Window {
    crashApi: CrashApi;
    reportCommit(commit: Commit): Promise<void>;
  }
}

const WORKSPACE_NAME = 'Crash safety';
const SINGLE_TAG = 'Single';
/** Persisted in each bulk tag's description: how many units it was applied to, so a half-applied one shows. */
const BULK_PREFIX = 'bulk:';
let workspaceId = '';
let imports = 0;

async function init(): Promise<string> {
  await checkDatabases();
  const existing = (await listWorkspaces()).find((w) => w.name === WORKSPACE_NAME);
  workspaceId = existing?.id ?? (await createWorkspace(WORKSPACE_NAME)).id;
  await checkDatabases(workspaceId);
  return workspaceId;
}

async function answerIds(questionId: string, max: number): Promise<string[]> {
  const ids: string[] = [];
  for (let after: number | null | undefined = undefined; after !== null && ids.length < max; ) {
    const page = await listAnswers(workspaceId, questionId, { limit: 500, ...(after === undefined ? {} : { after }) });
    ids.push(...page.items.map((u) => u.id));
    after = page.next;
  }
  return ids.slice(0, max);
}

async function openQuestion(rng: Rng): Promise<string | null> {
  const open = (await listQuestions(workspaceId)).filter((q) => q.type === 'open');
  return open.length === 0 ? null : rng.pick(open).id;
}

async function importSurvey(rng: Rng): Promise<void> {
  const client = createImportWorker();
  try {
    const csv = generateSurveyCsv({ respondents: rng.int(40, 400), seed: rng.int(1, 2 ** 30) });
    const file = new File([csv], `survey-${++imports}.csv`, { type: 'text/csv' });
    const outcome = await client.run(`crash-${imports}-${rng.int(0, 1e9)}`, { workspaceId, file }, () => undefined);
    if (outcome.status !== 'imported' || outcome.sourceId === undefined) return;
    const meta = await workspaceDb(workspaceId).sourceMeta.get(outcome.sourceId);
    await window.reportCommit({ kind: 'import', sourceId: outcome.sourceId, units: meta?.units ?? 0 });
  } finally {
    client.dispose();
  }
}

async function tagOne(rng: Rng): Promise<void> {
  const questionId = await openQuestion(rng);
  if (questionId === null) return;
  let state = await loadCodingState(workspaceId);
  let tag = [...state.tags.values()].find((t) => t.name === SINGLE_TAG);
  if (tag === undefined) {
    const created = createTag(state, { name: SINGLE_TAG });
    await applyCodingChanges(workspaceId, created.changes, { before: state });
    await window.reportCommit({ kind: 'tag', tagId: created.tag.id });
    tag = created.tag;
    state = await loadCodingState(workspaceId);
  }
  const ids = await answerIds(questionId, 2000);
  if (ids.length === 0) return;
  const op = applyTags(state, { kind: 'units', unitIds: [rng.pick(ids)] }, [tag.id], 'crash');
  if (op.created === 0) return;
  await applyCodingChanges(workspaceId, op.changes, { before: state });
  const tagId = tag.id;
  const count = [...state.taggings.values()].filter((t) => t.tagId === tagId).length + op.created;
  await window.reportCommit({ kind: 'tagging', tagId, units: count });
}

async function bulkTag(rng: Rng): Promise<void> {
  const questionId = await openQuestion(rng);
  if (questionId === null) return;
  const ids = await answerIds(questionId, 5000);
  if (ids.length === 0) return;
  let state = await loadCodingState(workspaceId);
  const created = createTag(state, { name: `Bulk ${rng.uuid().slice(0, 8)}`, description: `${BULK_PREFIX}${ids.length}` });
  await applyCodingChanges(workspaceId, created.changes, { before: state });
  await window.reportCommit({ kind: 'tag', tagId: created.tag.id });
  state = await loadCodingState(workspaceId);
  const op = applyTags(state, { kind: 'units', unitIds: ids }, [created.tag.id], 'crash');
  await applyCodingChanges(workspaceId, op.changes, { before: state });
  await window.reportCommit({ kind: 'tagging', tagId: created.tag.id, units: ids.length });
}

async function cluster(rng: Rng): Promise<void> {
  const questionId = await openQuestion(rng);
  if (questionId === null) return;
  const page = await listAnswers(workspaceId, questionId, { limit: 400 });
  if (page.items.length < 12) return;
  const result = await clusterTexts(page.items.map((u) => ({ id: u.id, text: u.text })), { k: 'auto', seed: rng.int(1, 1000) });
  const saved = await saveClusterRun(workspaceId, { name: `Run ${rng.int(1, 1e6)}`, result, scopeParams: { questionId } });
  await window.reportCommit({ kind: 'cluster', clusteringId: saved.id });
}

async function save(): Promise<void> {
  const prepared = await prepareSave(workspaceId, 'crash');
  await commitSave(workspaceId, prepared, { ownFile: true });
  await markSaved(workspaceId, { name: 'crash.loupe', path: null });
  await window.reportCommit({ kind: 'save', saves: await workspaceDb(workspaceId).savedStates.count() });
}

async function workload(seed: number): Promise<void> {
  const rng = createRng(seed);
  const hasData = (await listQuestions(workspaceId)).length > 0;
  if (!hasData) await importSurvey(rng);
  for (;;) {
    const op = rng.weighted(['import', 'tag', 'bulk', 'cluster', 'save'] as const, [2, 5, 3, 1, 2]);
    if (op === 'import') await importSurvey(rng);
    else if (op === 'tag') await tagOne(rng);
    else if (op === 'bulk') await bulkTag(rng);
    else if (op === 'cluster') await cluster(rng);
    else await save();
  }
}

async function verify(commits: Commit[]): Promise<Verdict> {
  const verdict: Verdict = { lost: [], partial: [], broken: [], sources: 0, units: 0, taggings: 0 };
  try {
    await init();
  } catch (e) {
    verdict.broken.push(`open: ${String(e)}`);
    return verdict;
  }
  const db = workspaceDb(workspaceId);
  const sources = await db.sources.toArray();
  const metas = new Map((await db.sourceMeta.toArray()).map((m) => [m.sourceId, m]));
  verdict.sources = sources.length;
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const meta of metas.values()) {
    if (meta.status !== 'ready' || meta.staging !== undefined) verdict.partial.push(`source ${meta.sourceId} left ${meta.status}${meta.staging ? ' with staged blocks' : ''}`);
    if (!sourceIds.has(meta.sourceId)) verdict.partial.push(`meta without a source: ${meta.sourceId}`);
  }
  const blockUnits = new Map<string, number>();
  await db.unitBlocks.each((block) => {
    const meta = metas.get(block.sourceId);
    if (meta === undefined || !sourceIds.has(block.sourceId)) verdict.partial.push(`unit block of unknown source ${block.sourceId}#${block.block}`);
    else if (block.block >= meta.blockCounts.length) verdict.partial.push(`uncommitted unit block ${block.sourceId}#${block.block}`);
    blockUnits.set(block.sourceId, (blockUnits.get(block.sourceId) ?? 0) + decodeUnitBlock(block).length);
  });
  for (const source of sources) {
    const meta = metas.get(source.id);
    if (meta === undefined) {
      verdict.partial.push(`source ${source.id} has no meta`);
      continue;
    }
    const committed = meta.blockCounts.reduce((a, b) => a + b, 0);
    if (committed !== meta.units || (blockUnits.get(source.id) ?? 0) !== meta.units) {
      verdict.partial.push(`source ${source.id}: meta says ${meta.units} units, blocks say ${committed}, stored ${blockUnits.get(source.id) ?? 0}`);
    }
    verdict.units += meta.units;
  }

  const taggings = await db.transaction('r', [db.taggings, db.taggingBlocks], () => readAllTaggings(db));
  verdict.taggings = taggings.length;
  const perTag = new Map<string, number>();
  for (const t of taggings) perTag.set(t.tagId, (perTag.get(t.tagId) ?? 0) + 1);
  const tags = await db.tags.toArray();
  for (const tag of tags) {
    if (tag.description?.startsWith(BULK_PREFIX) !== true) continue;
    const expected = Number(tag.description.slice(BULK_PREFIX.length));
    const n = perTag.get(tag.id) ?? 0;
    if (n !== 0 && n !== expected) verdict.partial.push(`bulk tag ${tag.name}: ${n} of ${expected} taggings`);
  }
  const tagIds = new Set(tags.map((t) => t.id));
  const saves = await db.savedStates.count();
  for (const c of commits) {
    if (c.kind === 'import') {
      const meta = metas.get(c.sourceId);
      if (meta === undefined || !sourceIds.has(c.sourceId) || meta.units < c.units) verdict.lost.push(`import ${c.sourceId} (${c.units} units): found ${meta?.units ?? 'nothing'}`);
    } else if (c.kind === 'tag') {
      if (!tagIds.has(c.tagId)) verdict.lost.push(`tag ${c.tagId}`);
    } else if (c.kind === 'tagging') {
      if ((perTag.get(c.tagId) ?? 0) < c.units) verdict.lost.push(`taggings of ${c.tagId}: ${perTag.get(c.tagId) ?? 0} of ${c.units}`);
    } else if (c.kind === 'cluster') {
      if ((await db.clusterings.get(c.clusteringId)) === undefined) verdict.lost.push(`clustering ${c.clusteringId}`);
    } else if (saves < c.saves) {
      verdict.lost.push(`saves: ${saves} of ${c.saves}`);
    }
  }

  try {
    for (const q of await listQuestions(workspaceId)) await listAnswers(workspaceId, q.id, { limit: 20 });
    // Everything read back and validated the way a Save or an export would: indexes, blocks, references.
    const snapshot = await exportSnapshot(workspaceId);
    const back = decodeWorkspace(encodeWorkspace(snapshot, { appVersion: 'crash' }));
    if (back.tables.units.length !== verdict.units) verdict.broken.push(`export has ${back.tables.units.length} units, blocks ${verdict.units}`);
  } catch (e) {
    verdict.broken.push(`read back: ${e instanceof Error ? e.message : String(e)}`);
  }
  return verdict;
}

window.crashApi = { init, workload, verify };
const status = document.getElementById('status');
if (status !== null) status.textContent = 'Ready';

// The clusterings repository and the cluster service (in-process): what each scope reads, runs stored with
// their parameters, board edits, cancel, and the pure board and compare operations.
import { beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot, listClusterings, listInsights } from '../../src/renderer/src/db/workspace-data';
import {
  collectScopeItems,
  getExtraStopWords,
  isUnclustered,
  parseStopWords,
  representativesOf,
  respondentAttributes,
  saveClusterRun,
  setExtraStopWords,
  updateClusters,
  UNCLUSTERED_ID,
  type BoardCluster,
} from '../../src/renderer/src/db/clusterings';
import { getWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessCluster } from '../../src/renderer/src/workers/cluster-client';
import type { ClusterRunProgress } from '../../src/renderer/src/workers/cluster-protocol';
import { createCluster, deleteCluster, mergeClusters, moveUnits, renameCluster, splitCluster, cardOrder } from '../../src/renderer/src/features/themes/board-ops';
import { compareRuns } from '../../src/renderer/src/features/themes/compare';
import { QUESTION_ID, SOURCE_ID, threeTopicsSnapshot, TOPIC_OF, WS_ID } from '../fixtures/themes/three-topics';
import { resetDatabases } from './reset';

beforeEach(async () => {
  await resetDatabases();
  await importSnapshot(threeTopicsSnapshot());
});

describe('collectScopeItems', () => {
  it('reads the answers to a question, optionally filtered by an attribute', async () => {
    const all = await collectScopeItems(WS_ID, { kind: 'responses', questionId: QUESTION_ID, filter: null });
    expect(all).toHaveLength(36);
    expect(all[0]).toEqual({ id: `${SOURCE_ID}:0`, text: expect.stringContaining('price') });
    const team = await collectScopeItems(WS_ID, { kind: 'responses', questionId: QUESTION_ID, filter: { key: 'plan', value: 'Team' } });
    expect(team.map((i) => i.id)).toEqual(all.filter((_, i) => i % 2 === 0).map((i) => i.id));
    const anyQuestion = await collectScopeItems(WS_ID, { kind: 'responses', questionId: null, filter: { key: 'plan', value: 'Free' } });
    expect(anyQuestion).toHaveLength(18);
  });

  it('reads a tag’s passages (whole units, or the highlighted part) and everything but interviewers', async () => {
    const tagged = await collectScopeItems(WS_ID, { kind: 'tag', tagId: 'tag-price' });
    expect(tagged).toEqual([
      { id: 's-survey:0', text: expect.stringContaining('expensive') },
      { id: 's-talk:1', text: 'bit expen' },
    ]);
    const everything = await collectScopeItems(WS_ID, { kind: 'all' });
    expect(everything).toHaveLength(37);
    expect(everything.some((i) => i.id === 's-talk:0')).toBe(false);
  });

  it('lists respondent attributes with their values', async () => {
    expect(await respondentAttributes(WS_ID)).toEqual(new Map([['plan', ['Free', 'Team']]]));
  });
});

describe('cluster service and stored runs', () => {
  it('clusters three obvious topics, stores the run with its parameters, unclustered last', async () => {
    const service = createInProcessCluster({ progressMs: 0 });
    const progress: ClusterRunProgress[] = [];
    const outcome = await service.run('job-1', { workspaceId: WS_ID, scope: { kind: 'responses', questionId: QUESTION_ID, filter: null }, options: { k: 'auto', seed: 1 } }, (p) => progress.push(p));
    if (outcome.status !== 'done') throw new Error(`expected done, got ${outcome.status}`);
    expect(outcome.result.clusters).toHaveLength(3);
    for (const c of outcome.result.clusters) expect(new Set(c.unitIds.map((id) => TOPIC_OF.get(id))).size).toBe(1);
    expect(progress[0]?.stage).toBe('reading');
    expect(progress.map((p) => p.stage)).toContain('label');
    expect(progress.every((p, i) => i === 0 || p.overall >= progress[i - 1]!.overall - 1e-9)).toBe(true);

    const saved = await saveClusterRun(WS_ID, { name: 'Run 1', result: outcome.result, scopeParams: { scope: 'question', questionId: QUESTION_ID } });
    expect(saved.params).toMatchObject({ k: 'auto', seed: 1, scope: 'question', questionId: QUESTION_ID, kUsed: 3 });
    expect(saved.clusters.at(-1)).toMatchObject({ id: UNCLUSTERED_ID, label: 'Unclustered' });
    expect(representativesOf(saved.clusters[0]!)).toHaveLength(3);
    expect((await getWorkspace(WS_ID))?.counts.clusterings).toBe(1);
    expect((await getWorkspace(WS_ID))?.dirty).toBe(true);

    const moved = moveUnits(saved.clusters, [saved.clusters[0]!.unitIds[0]!], saved.clusters[1]!.id);
    await updateClusters(WS_ID, saved.id, moved);
    const [stored] = await listClusterings(WS_ID);
    expect(stored?.clusters[1]?.unitIds).toContain(saved.clusters[0]!.unitIds[0]);
  });

  it('cancel resolves as cancelled and stores nothing', async () => {
    const service = createInProcessCluster();
    const running = service.run('job-2', { workspaceId: WS_ID, scope: { kind: 'all' }, options: { k: 'auto', seed: 1 } }, () => undefined);
    await service.cancel('job-2');
    expect(await running).toEqual({ status: 'cancelled' });
    expect(await listClusterings(WS_ID)).toEqual([]);
    expect(await listInsights(WS_ID)).toEqual([]);
  });

  it('says when there is too little to cluster', async () => {
    const service = createInProcessCluster();
    const outcome = await service.run('job-3', { workspaceId: WS_ID, scope: { kind: 'tag', tagId: 'tag-price' }, options: { k: 'auto', seed: 1 } }, () => undefined);
    expect(outcome).toMatchObject({ status: 'too-few', items: 2 });
  });

  it('keeps extra stop words per workspace', async () => {
    expect(await getExtraStopWords(WS_ID)).toEqual([]);
    await setExtraStopWords(WS_ID, parseStopWords('Relay, app;  relay\nthanks'));
    expect(await getExtraStopWords(WS_ID)).toEqual(['relay', 'app', 'thanks']);
    expect(await getExtraStopWords('other')).toEqual([]);
  });
});

describe('board operations', () => {
  const board = (): BoardCluster[] => [
    { id: 'a', label: 'A', keywords: ['x'], unitIds: ['1', '2', '3'], representativeIds: ['2', '1'] },
    { id: 'b', label: 'B', keywords: ['y'], unitIds: ['4', '5'] },
    { id: UNCLUSTERED_ID, label: 'Unclustered', keywords: [], unitIds: ['6'] },
  ];

  it('moves cards, dropping representatives that left', () => {
    const next = moveUnits(board(), ['2', '6'], 'b');
    expect(next.map((c) => c.unitIds)).toEqual([['1', '3'], ['4', '5', '2', '6'], []]);
    expect(representativesOf(next[0]!)).toEqual(['1']);
    expect(moveUnits(board(), ['4'], 'b')).toEqual(board());
    expect(cardOrder(board()[0]!)).toEqual(['2', '1', '3']);
  });

  it('renames, merges, splits, deletes and creates themes; unclustered stays last', () => {
    expect(renameCluster(board(), 'a', '  Pricing  ')[0]?.label).toBe('Pricing');
    const merged = mergeClusters(board(), ['b'], 'a');
    expect(merged.map((c) => c.id)).toEqual(['a', UNCLUSTERED_ID]);
    expect(merged[0]).toMatchObject({ unitIds: ['1', '2', '3', '4', '5'], keywords: ['x', 'y'] });
    const split = splitCluster(board(), ['1', '3'], 'Odd ones');
    expect(split.clusters.map((c) => c.label)).toEqual(['A', 'Odd ones', 'B', 'Unclustered']);
    expect(split.clusters[1]).toMatchObject({ id: split.id, unitIds: ['1', '3'], origin: 'manual' });
    const deleted = deleteCluster(board(), 'a');
    expect(deleted.map((c) => c.id)).toEqual(['b', UNCLUSTERED_ID]);
    expect(deleted[1]?.unitIds).toEqual(['6', '1', '2', '3']);
    expect(deleteCluster(board(), UNCLUSTERED_ID)).toEqual(board());
    const created = createCluster(board(), '');
    expect(created.clusters.map((c) => c.label)).toEqual(['A', 'B', 'New theme', 'Unclustered']);
    expect(isUnclustered(created.clusters.at(-1)!)).toBe(true);
  });

  it('compares runs by overlap and Jaccard, ignoring the unclustered buckets', () => {
    const other: BoardCluster[] = [
      { id: 'p', label: 'P', keywords: [], unitIds: ['1', '2'] },
      { id: 'q', label: 'Q', keywords: [], unitIds: ['3', '4', '5'] },
      { id: UNCLUSTERED_ID, label: 'Unclustered', keywords: [], unitIds: ['6'] },
    ];
    const result = compareRuns(board(), other);
    expect(result.overlap).toEqual([
      [2, 1],
      [0, 2],
    ]);
    expect(result.best.map((m) => [m.a.id, m.b?.id, m.overlap, Number(m.jaccard.toFixed(3))])).toEqual([
      ['a', 'p', 2, 0.667],
      ['b', 'q', 2, 0.667],
    ]);
  });
});

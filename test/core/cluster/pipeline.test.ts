import { describe, expect, it } from 'vitest';
import { clusterTexts, clusterTextsSync, isAbortError, type ClusterResult, type ClusterStage } from '../../../src/core/cluster';
import { threeTopics, type Topic } from './three-topics';

const corpus = threeTopics(20);
const topicOf = new Map(corpus.map((t) => [t.id, t.topic]));
const TOPIC_TERMS: Record<Topic, string[]> = {
  billing: ['invoice', 'refund', 'charged', 'twice', 'billing', 'payment', 'subscription', 'price'],
  login: ['password', 'login', 'sign', 'account', 'locked', 'reset', 'email', 'factor', 'code'],
  delivery: ['delivery', 'parcel', 'courier', 'shipping', 'package', 'tracking', 'number'],
};

function topicsIn(ids: readonly string[]): Set<Topic | undefined> {
  return new Set(ids.map((id) => topicOf.get(id)));
}

/** The result without its timing, which is the one thing allowed to differ between runs. */
function withoutTime(result: ClusterResult): unknown {
  return { ...result, stats: { ...result.stats, ms: 0 } };
}

describe('clusterTexts', () => {
  it('separates three clearly different topics and names each by its words', async () => {
    const result = await clusterTexts(corpus, { k: 3, seed: 1 });
    expect(result.clusters).toHaveLength(3);
    expect(result.unclustered).toEqual([]);
    const seen = new Set<Topic>();
    for (const cluster of result.clusters) {
      const topics = topicsIn(cluster.unitIds);
      expect(topics.size).toBe(1); // every member about the same topic
      const topic = [...topics][0]!;
      seen.add(topic);
      const labelWords = cluster.label.split(/[ ,]+/);
      expect(labelWords.some((w) => TOPIC_TERMS[topic].includes(w))).toBe(true);
      expect(cluster.keywords.slice(0, 5).every((k) => k.split(' ').some((w) => TOPIC_TERMS[topic].includes(w)))).toBe(true);
      expect(cluster.size).toBe(cluster.unitIds.length);
      expect(cluster.representativeIds).toHaveLength(3);
      for (const id of cluster.representativeIds) expect(cluster.unitIds).toContain(id);
    }
    expect(seen.size).toBe(3);
    expect(result.clusters.map((c) => c.id)).toEqual(['cluster-1', 'cluster-2', 'cluster-3']);
    expect(result.params).toMatchObject({ k: 3, seed: 1, bigrams: true });
    expect(result.stats.k).toBe(3);
  });

  it("finds k = 3 on its own with k: 'auto' (silhouette)", async () => {
    const result = await clusterTexts(corpus, { k: 'auto', seed: 1 });
    expect(result.stats.k).toBe(3);
    expect(result.stats.silhouette).toBeGreaterThan(0.2);
    expect(Object.keys(result.stats.silhouetteByK ?? {}).map(Number)).toEqual([2, 3, 4, 5]); // capped at √(60/2)
    for (const cluster of result.clusters) expect(topicsIn(cluster.unitIds).size).toBe(1);
  });

  it('gives the same result for the same input and seed, sync or async', async () => {
    const a = await clusterTexts(corpus, { k: 'auto', seed: 5 });
    const b = await clusterTexts(corpus, { k: 'auto', seed: 5 });
    const c = clusterTextsSync(corpus, { k: 'auto', seed: 5 });
    expect(withoutTime(b)).toEqual(withoutTime(a));
    expect(withoutTime(c)).toEqual(withoutTime(a));
  });

  it('puts units that fit no theme in unclustered, leaving the themes intact', () => {
    const extra = [
      { id: 'pizza-1', text: 'Great pizza recipes with basil and tomato' }, // shares words only with pizza-2
      { id: 'pizza-2', text: 'Pizza recipes: basil, tomato, mozzarella' },
      { id: 'na', text: 'n/a' }, // no words at all
      { id: 'nothing', text: 'Nothing.' }, // only a stop word
      { id: 'cat', text: 'My cat likes the garden' }, // words no other answer uses
    ];
    for (const seed of [1, 2, 3]) {
      const result = clusterTextsSync([...corpus, ...extra], { k: 3, seed });
      expect(result.unclustered).toEqual(['pizza-1', 'pizza-2', 'na', 'nothing', 'cat']);
      expect(result.clusters.map((c) => c.size)).toEqual([20, 20, 20]);
      for (const cluster of result.clusters) expect(topicsIn(cluster.unitIds).size).toBe(1);
    }
  });

  it('dissolves themes smaller than minClusterSize into unclustered', () => {
    expect(clusterTextsSync(corpus, { k: 3, seed: 1, minClusterSize: 20 }).clusters).toHaveLength(3);
    const tooSmall = clusterTextsSync(corpus, { k: 3, seed: 1, minClusterSize: 21 });
    expect(tooSmall.clusters).toEqual([]);
    expect(tooSmall.unclustered).toEqual(corpus.map((t) => t.id));
  });

  it('sends units far from every centre to unclustered (minSimilarity)', () => {
    const strict = clusterTextsSync(corpus, { k: 3, seed: 1, minSimilarity: 0.6 });
    const loose = clusterTextsSync(corpus, { k: 3, seed: 1, minSimilarity: 0 });
    expect(loose.unclustered).toEqual([]);
    expect(strict.unclustered.length).toBeGreaterThan(0);
    const placed = strict.clusters.reduce((n, c) => n + c.size, 0);
    expect(placed + strict.unclustered.length).toBe(corpus.length);
  });

  it('reports progress by stage, in order, with fractions in [0, 1]', async () => {
    const stages: ClusterStage[] = [];
    await clusterTexts(corpus, { k: 3, seed: 1 }, {
      onProgress: (stage, fraction) => {
        expect(fraction).toBeGreaterThanOrEqual(0);
        expect(fraction).toBeLessThanOrEqual(1);
        if (stages.at(-1) !== stage) stages.push(stage);
      },
    });
    expect(stages).toEqual(['tokenize', 'tfidf', 'svd', 'kmeans', 'label']);
  });

  it('stops with an AbortError when cancelled, before or during the run', async () => {
    await expect(clusterTexts(corpus, { k: 3, seed: 1 }, { signal: { aborted: true } })).rejects.toMatchObject({ name: 'AbortError' });

    const flag = { aborted: false };
    let stagesAfterCancel = 0;
    const run = clusterTexts(corpus, { k: 'auto', seed: 1 }, {
      signal: flag,
      onProgress: (stage) => {
        if (flag.aborted) stagesAfterCancel++;
        if (stage === 'svd') flag.aborted = true;
      },
    });
    const error: unknown = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect(stagesAfterCancel).toBe(0); // no further work reported once the flag was seen

    expect(() => clusterTextsSync(corpus, { k: 3, seed: 1 }, { signal: { aborted: true } })).toThrow(/cancelled/);
  });

  it('handles empty input and inputs with no usable words', () => {
    expect(clusterTextsSync([], { k: 3, seed: 1 })).toMatchObject({ clusters: [], unclustered: [] });
    const junk = clusterTextsSync(
      [
        { id: 'a', text: '...' },
        { id: 'b', text: 'the and of' },
      ],
      { k: 'auto', seed: 1 },
    );
    expect(junk.clusters).toEqual([]);
    expect(junk.unclustered).toEqual(['a', 'b']);
  });

  it('rejects duplicate ids and a bad k, as programming errors', () => {
    expect(() => clusterTextsSync([{ id: 'a', text: 'x' }, { id: 'a', text: 'y' }], { k: 2, seed: 1 })).toThrow(/duplicate/);
    expect(() => clusterTextsSync(corpus, { k: 0, seed: 1 })).toThrow(/k must be/);
  });
});

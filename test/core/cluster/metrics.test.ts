import { describe, expect, it } from 'vitest';
import { clusteringAccuracy, hungarian, normalizedMutualInformation } from '../../../src/core/cluster/metrics';

describe('clustering metrics', () => {
  it('Hungarian finds the minimum-cost assignment where greedy does not', () => {
    // Row by row, cheapest free column: 1 + 9 + 9 = 19. Optimum: 2 + 2 + 1 = 5.
    const cost = [
      [1, 2, 8],
      [2, 50, 9],
      [8, 9, 1],
    ];
    expect(hungarian(cost)).toEqual([1, 0, 2]);
  });

  it('scores a relabelled perfect clustering as 1', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(normalizedMutualInformation([2, 2, 0, 0, 1, 1], truth)).toBeCloseTo(1, 12);
    expect(clusteringAccuracy([2, 2, 0, 0, 1, 1], truth)).toBe(1);
  });

  it('matches scikit-learn on a small case', () => {
    // sklearn.metrics.normalized_mutual_info_score([0,0,1,1,1,2], [0,0,0,1,1,1]) = 0.4398695005110288
    expect(normalizedMutualInformation([0, 0, 1, 1, 1, 2], [0, 0, 0, 1, 1, 1])).toBeCloseTo(0.4398695005110288, 12);
    // Best one-to-one mapping 0→0, 1→1 (cluster 2 maps to no label): 4 of 6 placed right.
    expect(clusteringAccuracy([0, 0, 1, 1, 1, 2], [0, 0, 0, 1, 1, 1])).toBeCloseTo(4 / 6, 12);
  });
});

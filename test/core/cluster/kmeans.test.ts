import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { kmeans } from '../../../src/core/cluster/kmeans';

/** Three well separated Gaussian blobs in 5 dimensions, points interleaved. */
function blobs(perBlob: number, seed: number): { data: Float64Array; truth: number[] } {
  const rng = createRng(seed);
  const centres = [
    [10, 0, 0, 0, 0],
    [0, 10, 0, 0, 0],
    [0, 0, 10, 0, 0],
  ];
  const data = new Float64Array(perBlob * 3 * 5);
  const truth: number[] = [];
  for (let i = 0; i < perBlob * 3; i++) {
    const b = i % 3;
    truth.push(b);
    for (let j = 0; j < 5; j++) data[i * 5 + j] = centres[b]![j]! + (rng.next() - 0.5) * 2;
  }
  return { data, truth };
}

describe('kmeans', () => {
  it('separates obvious groups exactly', () => {
    const { data, truth } = blobs(40, 1);
    const result = kmeans(data, 120, 5, { k: 3, seed: 42 });
    // Same partition up to renaming: points share a cluster iff they share a blob.
    const mapping = new Map<number, number>();
    truth.forEach((t, i) => {
      const c = result.assignment[i]!;
      if (!mapping.has(c)) mapping.set(c, t);
      expect(mapping.get(c)).toBe(t);
    });
    expect(mapping.size).toBe(3);
  });

  it('keeps the restart with the lowest inertia', () => {
    const { data } = blobs(30, 2);
    const one = kmeans(data, 90, 5, { k: 6, seed: 3, restarts: 1 });
    const many = kmeans(data, 90, 5, { k: 6, seed: 3, restarts: 8 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it('is deterministic for a seed, spherical or not', () => {
    const { data } = blobs(30, 3);
    for (const spherical of [false, true]) {
      expect(kmeans(data, 90, 5, { k: 4, seed: 9, spherical })).toEqual(kmeans(data, 90, 5, { k: 4, seed: 9, spherical }));
    }
  });

  it('never leaves a cluster empty, even with duplicate points', () => {
    const data = new Float64Array(20 * 2);
    for (let i = 0; i < 20; i++) data[i * 2] = i < 10 ? 0 : 1; // two distinct points, ten copies each
    const result = kmeans(data, 20, 2, { k: 2, seed: 1 });
    expect(new Set(result.assignment).size).toBe(2);
    expect(result.inertia).toBe(0);
  });
});

// Scroll scaling for a million rows: the scroll area stays under the browser's height limit and every row stays reachable.
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, isScaled, rowAtScrollTop, scrollScale, scrollTopForRow, toScrollTop, toVirtualOffset } from '../../src/renderer/src/features/responses/scroll-scale';

const ROW = 34;
const VIEW = 600;

describe('scroll scaling', () => {
  it('caps the scroll height at 1,000,000 rows and leaves small grids alone', () => {
    const big = scrollScale(1_000_000, ROW, VIEW);
    expect(big.contentHeight).toBe(34_000_000);
    expect(big.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(isScaled(big)).toBe(true);
    const small = scrollScale(1000, ROW, VIEW);
    expect(small.scrollHeight).toBe(34_000);
    expect(isScaled(small)).toBe(false);
    expect(toVirtualOffset(1234, small)).toBe(1234);
  });

  it('maps the first and last scroll positions to the first and last rows', () => {
    const s = scrollScale(1_000_000, ROW, VIEW);
    expect(rowAtScrollTop(0, s)).toBe(0);
    const bottom = s.scrollHeight - VIEW;
    // At the bottom the last row's lower edge meets the viewport's.
    expect(toVirtualOffset(bottom, s) + VIEW).toBe(s.contentHeight);
    expect(rowAtScrollTop(bottom, s)).toBe(1_000_000 - Math.floor(VIEW / ROW) - 1);
    expect(rowAtScrollTop(bottom + 5000, s)).toBe(rowAtScrollTop(bottom, s));
  });

  it('is monotonic and round-trips', () => {
    const s = scrollScale(1_000_000, ROW, VIEW);
    let last = -1;
    for (let top = 0; top <= s.scrollHeight; top += 9973) {
      const row = rowAtScrollTop(top, s);
      expect(row).toBeGreaterThanOrEqual(last);
      last = row;
      expect(toScrollTop(toVirtualOffset(top, s), s)).toBeCloseTo(Math.min(top, s.scrollHeight - VIEW), 3);
    }
    expect(last).toBeGreaterThan(999_000);
  });

  it('scrolls any row into view, including the last', () => {
    const s = scrollScale(1_000_000, ROW, VIEW);
    for (const row of [0, 1, 500_000, 999_999]) {
      const top = scrollTopForRow(row, 0, s);
      const v = toVirtualOffset(top, s);
      expect(row * ROW).toBeGreaterThanOrEqual(v - 1e-6);
      expect((row + 1) * ROW).toBeLessThanOrEqual(v + VIEW + 1e-6);
    }
  });
});

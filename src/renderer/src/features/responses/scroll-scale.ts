/**
 * Scroll scaling for the million-row grid. Browsers cap an element's height near 33.5M px (Chromium) and
 * lose precision well before that, so when rows × rowHeight exceeds a safe maximum the scroll area is
 * shortened to that maximum and the scroll position is mapped linearly onto the real ("virtual") offset:
 * top of the scrollbar = first row, bottom = last row. Pure functions, tested in test/renderer/responses-scroll.
 */

/** Safe physical height of the scroll area, well under every engine's limit. */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface ScrollScale {
  /** rows × rowHeight: where rows really are. */
  contentHeight: number;
  /** The height the scroll area is given (≤ max). */
  scrollHeight: number;
  viewport: number;
  rowHeight: number;
  rows: number;
}

export function scrollScale(rows: number, rowHeight: number, viewport: number, max = MAX_SCROLL_HEIGHT): ScrollScale {
  const contentHeight = Math.max(0, rows) * rowHeight;
  return { contentHeight, scrollHeight: Math.min(contentHeight, max), viewport: Math.max(0, viewport), rowHeight, rows: Math.max(0, rows) };
}

/** Ratio of virtual to physical scroll range (1 when not scaled). */
function ratio(s: ScrollScale): number {
  const physical = s.scrollHeight - s.viewport;
  const virtual = s.contentHeight - s.viewport;
  return physical <= 0 || virtual <= 0 ? 1 : virtual / physical;
}

export function isScaled(s: ScrollScale): boolean {
  return s.contentHeight > s.scrollHeight;
}

/** The scroll element's scrollTop → the virtual offset of the viewport's top edge. */
export function toVirtualOffset(scrollTop: number, s: ScrollScale): number {
  const maxPhysical = Math.max(0, s.scrollHeight - s.viewport);
  const top = Math.min(Math.max(0, scrollTop), maxPhysical);
  return top === maxPhysical ? Math.max(0, s.contentHeight - s.viewport) : top * ratio(s);
}

/** A virtual offset → the scrollTop that shows it. */
export function toScrollTop(virtualOffset: number, s: ScrollScale): number {
  const maxVirtual = Math.max(0, s.contentHeight - s.viewport);
  const v = Math.min(Math.max(0, virtualOffset), maxVirtual);
  return v === maxVirtual ? Math.max(0, s.scrollHeight - s.viewport) : v / ratio(s);
}

/** The row at the top of the viewport for a scrollTop. */
export function rowAtScrollTop(scrollTop: number, s: ScrollScale): number {
  if (s.rows === 0) return 0;
  return Math.min(s.rows - 1, Math.floor(toVirtualOffset(scrollTop, s) / s.rowHeight));
}

/** The scrollTop that brings `row` into view with the least movement from `scrollTop`. */
export function scrollTopForRow(row: number, scrollTop: number, s: ScrollScale): number {
  const top = row * s.rowHeight;
  const current = toVirtualOffset(scrollTop, s);
  if (top < current) return toScrollTop(top, s);
  if (top + s.rowHeight > current + s.viewport) return toScrollTop(top + s.rowHeight - s.viewport, s);
  return scrollTop;
}

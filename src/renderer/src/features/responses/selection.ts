/**
 * Row selection over a result of any size, as sorted disjoint [start, end) ranges of result positions:
 * "all 1,000,000 rows" is one range, so Ctrl/Cmd+A and Shift+click ranges cost nothing. Pure.
 */

export interface RowSelection {
  ranges: readonly (readonly [number, number])[];
  /** Where a Shift+click or Shift+arrow range starts. */
  anchor: number | null;
  /** The row with keyboard focus (shown in the detail pane). */
  active: number | null;
}

export const EMPTY_SELECTION: RowSelection = { ranges: [], anchor: null, active: null };

export interface ClickModifiers {
  shift?: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle?: boolean;
}

function normalize(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => b > a).map(([a, b]): [number, number] => [a, b]);
  sorted.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function without(ranges: readonly (readonly [number, number])[], pos: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of ranges) {
    if (pos < a || pos >= b) out.push([a, b]);
    else {
      if (pos > a) out.push([a, pos]);
      if (pos + 1 < b) out.push([pos + 1, b]);
    }
  }
  return out;
}

export function isSelected(sel: RowSelection, pos: number): boolean {
  let lo = 0;
  let hi = sel.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = sel.ranges[mid]!;
    if (pos < a) hi = mid - 1;
    else if (pos >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

export function selectedCount(sel: RowSelection): number {
  return sel.ranges.reduce((n, [a, b]) => n + (b - a), 0);
}

/** A click (or Space) on row `pos`: plain = only it; toggle = add/remove it; shift = the range from the anchor. */
export function clickRow(sel: RowSelection, pos: number, mods: ClickModifiers = {}): RowSelection {
  if (mods.shift === true && sel.anchor !== null) {
    const range: [number, number] = [Math.min(sel.anchor, pos), Math.max(sel.anchor, pos) + 1];
    return { ranges: normalize(mods.toggle === true ? [...sel.ranges, range] : [range]), anchor: sel.anchor, active: pos };
  }
  if (mods.toggle === true) {
    const ranges = isSelected(sel, pos) ? without(sel.ranges, pos) : normalize([...sel.ranges, [pos, pos + 1]]);
    return { ranges, anchor: pos, active: pos };
  }
  return { ranges: [[pos, pos + 1]], anchor: pos, active: pos };
}

/** Every row of the current result (Ctrl/Cmd+A). */
export function selectAll(sel: RowSelection, total: number): RowSelection {
  return total <= 0 ? EMPTY_SELECTION : { ranges: [[0, total]], anchor: sel.anchor ?? 0, active: sel.active ?? 0 };
}

/** Arrow keys: move the active row; with Shift, extend the range from the anchor. */
export function moveActive(sel: RowSelection, delta: number, total: number, extend: boolean): RowSelection {
  if (total <= 0) return EMPTY_SELECTION;
  const from = sel.active ?? (delta > 0 ? -1 : total);
  const pos = Math.min(total - 1, Math.max(0, from + delta));
  if (extend) return clickRow(sel.anchor === null ? { ...sel, anchor: from < 0 || from >= total ? pos : from } : sel, pos, { shift: true });
  return clickRow(sel, pos);
}

/**
 * From a DOM selection to what core's applyTags understands: the consecutive units it touches and code-point
 * offsets into the first and last. The DOM counts UTF-16 units (an emoji is two); highlights count code
 * points, so every offset goes through core's converters. Utterance text elements carry `data-unit-id` and
 * contain nothing but the unit's text, so a Range from the element's start measures the offset exactly.
 */
import { utf16ToCodePoint, type UnitText } from '../../../../core/coding';

export interface ReaderSelection {
  units: UnitText[];
  /** Code points into the first unit. */
  start: number;
  /** Code points into the last unit, exclusive. */
  end: number;
}

/** UTF-16 offset of the DOM point (node, offset) within `container`'s text. */
export function textOffset(container: Element, node: Node, offset: number): number {
  const range = container.ownerDocument.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The selection over the reader's utterance texts (`[data-unit-id]` elements inside `root`, in reading
 * order), or null when nothing of them is selected. `textOf` gives each unit's text as stored.
 */
export function readSelection(root: Element, range: Range, textOf: (unitId: string) => string | undefined): ReaderSelection | null {
  if (range.collapsed) return null;
  const units: UnitText[] = [];
  let start = 0;
  let end = 0;
  for (const el of root.querySelectorAll('[data-unit-id]')) {
    if (!range.intersectsNode(el)) {
      if (units.length > 0) break;
      continue;
    }
    const id = el.getAttribute('data-unit-id') ?? '';
    const text = textOf(id);
    if (text === undefined) continue;
    const from = el.contains(range.startContainer) ? textOffset(el, range.startContainer, range.startOffset) : 0;
    const to = el.contains(range.endContainer) ? textOffset(el, range.endContainer, range.endOffset) : text.length;
    if (units.length === 0) start = utf16ToCodePoint(text, from);
    end = utf16ToCodePoint(text, to);
    units.push({ id, text });
  }
  if (units.length === 0) return null;
  // A selection that starts at the very end of one text and ends at the very start of the next selects nothing.
  if (units.length === 1 && end <= start) return null;
  return { units, start, end };
}

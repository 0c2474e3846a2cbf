/**
 * One utterance's text with its highlights drawn in: core's segmentHighlights cuts the text where any
 * highlight starts or ends, so overlapping highlights stay readable — each covering highlight adds a tinted
 * background layer (they blend) and its own underline stripe (they stack, outermost at the bottom).
 */
import { memo, useMemo } from 'react';
import { segmentHighlights, type RangeLike } from '../../../../core/coding';

export interface MarkInfo extends RangeLike {
  /** Colors of the highlight's tags (gray when it has none, e.g. a memo-only highlight). */
  colors: readonly string[];
  /** "Speed, Pricing" for the tooltip and screen readers. */
  label: string;
}

/** The pending text selection, drawn while the tag popover is open. */
export const SELECTION_ID = '\u0000selection';

export interface UtteranceTextProps {
  unitId: string;
  text: string;
  marks: readonly MarkInfo[];
  selectedId: string | null;
  /** Pending selection range in this unit (code points), if any. */
  pending: { start: number; end: number } | null;
  onMarkClick: (highlightIds: readonly string[]) => void;
}

const MAX_STRIPES = 4;

function alpha(hex: string, a: number): string {
  return `color-mix(in srgb, ${hex} ${Math.round(a * 100)}%, transparent)`;
}

export const UtteranceText = memo(function UtteranceText({ unitId, text, marks, selectedId, pending, onMarkClick }: UtteranceTextProps): React.JSX.Element {
  const byId = useMemo(() => new Map(marks.map((m) => [m.id, m])), [marks]);
  const segments = useMemo(() => {
    const ranges: RangeLike[] = [...marks];
    if (pending !== null) ranges.push({ id: SELECTION_ID, start: pending.start, end: pending.end });
    return segmentHighlights(text, ranges);
  }, [text, marks, pending]);

  return (
    <p className="utterance-text" data-unit-id={unitId}>
      {segments.map((seg) => {
        const ids = seg.highlightIds.filter((id) => id !== SELECTION_ID);
        const inSelection = ids.length !== seg.highlightIds.length;
        if (ids.length === 0) {
          return inSelection ? (
            <span key={seg.startUtf16} className="pending-selection">
              {seg.text}
            </span>
          ) : (
            seg.text
          );
        }
        const infos = ids.flatMap((id) => byId.get(id) ?? []);
        const color = (m: MarkInfo): string => m.colors[0] ?? '#8a8a96';
        const layers = infos.map((m) => `linear-gradient(${alpha(color(m), 0.2)}, ${alpha(color(m), 0.2)})`);
        // Outermost highlight's stripe sits lowest; inner ones stack above it (the first shadow paints on top).
        const stripes = infos.slice(0, MAX_STRIPES).map((m, i) => `inset 0 -${(i + 1) * 2}px 0 ${color(m)}`);
        const selected = selectedId !== null && ids.includes(selectedId);
        return (
          <mark
            key={seg.startUtf16}
            className={['hl', selected ? 'hl-selected' : '', inSelection ? 'pending-selection' : '', ids.length > 1 ? 'hl-overlap' : ''].filter(Boolean).join(' ')}
            style={{ backgroundImage: layers.join(', '), boxShadow: stripes.join(', '), paddingBottom: `${Math.min(infos.length, MAX_STRIPES) * 2}px` }}
            data-highlight-ids={ids.join(' ')}
            title={infos.map((m) => m.label).join(' · ')}
            onClick={(e) => {
              // A click that ends a text selection is a selection, not a click on the highlight.
              if (!(window.getSelection()?.isCollapsed ?? true)) return;
              e.stopPropagation();
              onMarkClick(ids);
            }}
          >
            {seg.text}
          </mark>
        );
      })}
    </p>
  );
});

/** The popover under a text selection: the tag picker, placed next to the selection and kept on screen. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CodingState, Operation } from '../../../../core/coding';
import { TagPicker } from '../coding/TagPicker';

export interface SelectionPopoverProps {
  /** The selection's bounding box in viewport coordinates. */
  anchor: { left: number; top: number; bottom: number };
  apply: (tagIds: readonly string[]) => (state: CodingState) => Operation;
  onClose: () => void;
}

const WIDTH = 300;
const GAP = 6;

export function SelectionPopover({ anchor, apply, onClose }: SelectionPopoverProps): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: anchor.left, top: anchor.bottom + GAP });

  // Below the selection when it fits, above it otherwise; never past the window's edges.
  useLayoutEffect(() => {
    const height = ref.current?.offsetHeight ?? 0;
    const below = anchor.bottom + GAP;
    const top = below + height > window.innerHeight && anchor.top - GAP - height > 0 ? anchor.top - GAP - height : below;
    const left = Math.max(8, Math.min(anchor.left, window.innerWidth - WIDTH - 8));
    setPos({ left, top: Math.max(8, top) });
  }, [anchor]);

  // A click anywhere else dismisses it (the reader starts a new selection).
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (ref.current !== null && e.target instanceof Node && !ref.current.contains(e.target)) onCloseRef.current();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, []);

  return (
    <div ref={ref} className="selection-popover" role="dialog" aria-label="Tag selection" style={{ left: pos.left, top: pos.top, width: WIDTH }}>
      <TagPicker apply={apply} onApplied={onClose} onCancel={onClose} label="Tag selection" autoFocus />
      <p className="popover-hint muted">Enter applies · Shift+Enter adds another · 1–9 recent · Esc closes</p>
    </div>
  );
}

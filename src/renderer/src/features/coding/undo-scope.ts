/**
 * Views with an undo of their own (the themes board's last edit) claim Ctrl/Cmd+Z and Edit › Undo while they
 * are on screen; the coding service asks here before undoing a coding operation. The latest claim wins.
 */
type UndoHandler = () => boolean;

const handlers: UndoHandler[] = [];

/** `handler` returns true when it undid something (then the coding history is left alone). Returns the release. */
export function claimUndo(handler: UndoHandler): () => void {
  handlers.push(handler);
  return () => {
    const at = handlers.lastIndexOf(handler);
    if (at >= 0) handlers.splice(at, 1);
  };
}

/** Offers an undo to the view that claimed it last; true when it took it. */
export function undoInView(): boolean {
  const handler = handlers[handlers.length - 1];
  return handler !== undefined && handler();
}

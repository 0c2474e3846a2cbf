/** Small helpers around core coding operations for the UI: chaining two into one undo step, and user messages. */
import { applyChangeSet, CodingError, type CodingState, type Operation } from '../../../../core/coding';
import { userMessage } from '../../app/errors';
import type { CodingOp } from './CodingProvider';

/**
 * Runs `first`, then `second` on the state `first` leaves, as ONE operation (one undo step) — e.g. create a
 * tag and apply it. Records `first` puts and `second` then touches are merged so each id appears once.
 */
export function chain(first: CodingOp, second: CodingOp, describe?: (a: Operation, b: Operation) => string): CodingOp {
  return (state: CodingState): Operation => {
    const a = first(state);
    const b = second(applyChangeSet(state, a.changes));
    // The combined change: a's changes overlaid by b's. The combined inverse: b's inverse overlaid by a's.
    const changes = applyOverlay(a.changes, b.changes);
    const inverse = applyOverlay(b.inverse, a.inverse);
    return { changes, inverse, description: describe ? describe(a, b) : `${b.description} (${a.description.toLowerCase()})` };
  };
}

function applyOverlay(base: Operation['changes'], top: Operation['changes']): Operation['changes'] {
  const key = (table: string, id: string): string => `${table}\u0000${id}`;
  const touched = new Set([...top.puts.map((p) => key(p.table, p.record.id)), ...top.deletes.map((d) => key(d.table, d.id))]);
  return {
    puts: [...base.puts.filter((p) => !touched.has(key(p.table, p.record.id))), ...top.puts],
    deletes: [...base.deletes.filter((d) => !touched.has(key(d.table, d.id))), ...top.deletes],
  };
}

/** What to tell the user when a coding action fails. */
export function codingMessage(error: unknown): string {
  if (error instanceof CodingError) return error.message;
  return userMessage(error);
}

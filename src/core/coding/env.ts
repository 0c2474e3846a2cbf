/**
 * What coding operations need from the outside world (ids, the clock) and the error they throw for
 * requests a user can fix. Tests pass a deterministic env; the app uses the default.
 */
import { newId, nowIso } from '../ids';

export interface OpEnv {
  newId(): string;
  now(): string;
}

export const defaultEnv: OpEnv = { newId, now: nowIso };

export type CodingErrorCode =
  | 'unknown-tag'
  | 'unknown-highlight'
  | 'empty-name'
  | 'duplicate-name'
  | 'cycle'
  | 'bad-range'
  | 'bad-color'
  | 'bad-selection'
  | 'bad-split';

/** A request the user can correct (a cycle, a clashing name, an empty selection); `message` says what to do. */
export class CodingError extends Error {
  override readonly name = 'CodingError';
  constructor(
    readonly code: CodingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

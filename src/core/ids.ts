/** Record ids and timestamps. One place, so tests and the sample builder can reason about their shape. */

/** A new random record id (RFC 4122 v4 UUID). Works in node ≥ 19, workers and the renderer. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** The current time as an ISO 8601 string (UTC), the format every RecordBase timestamp uses. */
export function nowIso(): string {
  return new Date().toISOString();
}

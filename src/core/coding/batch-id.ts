/**
 * Tagging ids of a bulk operation: `${batch}#${n}`, n = 0, 1, 2… within one batch (a bulk tag of 100k rows is
 * one batch). Like a unit id (core/unit-id.ts) the id is its own address: storage packs a batch's taggings
 * many to a record (db/tagging-blocks.ts) and finds any of them from the id alone, with no index.
 *
 * Persisted: the format lives in users' databases and files. Changing it needs a migration. An id is a batch
 * id only in its canonical form (n without leading zeros), so parse → format gives back the same string.
 */

const BATCH_ID = /^([^#]+)#(0|[1-9]\d{0,8})$/;

export function batchTaggingId(batch: string, n: number): string {
  return `${batch}#${n}`;
}

/** The batch and index of a bulk tagging id, or undefined for any other id (single taggings, other tools' files). */
export function parseBatchTaggingId(id: string): { batch: string; n: number } | undefined {
  const m = BATCH_ID.exec(id);
  if (m === null) return undefined;
  return { batch: m[1]!, n: Number(m[2]) };
}

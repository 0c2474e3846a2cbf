/**
 * Deflates and sums one workspace-file entry (core/zip-entry.ts) while the save goes on writing the next pieces.
 * Messages in: the deflate level, then pieces `{ chunk, final }` (transferred). Out: the EncodedEntry (its
 * compressed bytes transferred), or `{ error }`.
 */
import { EntryDeflater, type DeflateLevel } from '../../../core/zip-entry';

let deflater: EntryDeflater | undefined;

self.onmessage = (e: MessageEvent<{ level: DeflateLevel } | { chunk: Uint8Array; final: boolean }>) => {
  try {
    const data = e.data;
    if ('level' in data) {
      deflater = new EntryDeflater(data.level);
      return;
    }
    if (deflater === undefined) throw new Error('zip-entry worker: a piece came before the level');
    deflater.push(data.chunk, data.final);
    if (data.final) {
      deflater.finish().then(
        (entry) => self.postMessage({ entry }, { transfer: [entry.compressed.buffer as ArrayBuffer] }),
        (error: unknown) => self.postMessage({ error: String(error) }),
      );
    }
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};

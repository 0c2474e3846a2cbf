/**
 * core's EntryEncoderFactory backed by a module worker per entry (zip-entry.worker.ts): a save's large entries
 * are deflated, CRC'd and SHA-256'd beside the main thread, which only reads storage and writes JSON. Pieces are
 * transferred, not copied. Where there are no workers (jsdom tests) the entry is encoded in-process.
 */
import { inProcessEntryEncoder, type EncodedEntry, type EntryEncoder, type EntryEncoderFactory } from '../../../core/zip-entry';

export const workerEntryEncoder: EntryEncoderFactory = (path, level) => {
  if (typeof Worker !== 'function') return inProcessEntryEncoder(path, level);
  const worker = new Worker(new URL('./zip-entry.worker.ts', import.meta.url), { type: 'module', name: 'loupe-zip-entry' });
  const done = new Promise<EncodedEntry>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ entry: EncodedEntry } | { error: string }>) => {
      worker.terminate();
      if ('entry' in e.data) resolve(e.data.entry);
      else reject(new Error(`Could not write ${path}: ${e.data.error}`));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`Could not write ${path}: ${e.message}`));
    };
  });
  worker.postMessage({ level });
  const encoder: EntryEncoder = {
    push(chunk, final) {
      worker.postMessage({ chunk, final }, [chunk.buffer as ArrayBuffer]);
    },
    done,
    abort: () => worker.terminate(),
  };
  return encoder;
};

/**
 * One zip entry deflated as its pieces arrive, with what the zip needs (CRC-32, sizes) and what the workspace
 * manifest needs (SHA-256): the unit of work the app's save hands to a worker (renderer workers/zip-entry.worker.ts),
 * or does in-process for small entries, node and tests.
 *
 * Why: on the main thread the CRC, the copies kept for the checksum and the deflate of 160 MB of NDJSON cost
 * seconds and hundreds of MB of garbage while IndexedDB is being read; in a worker they run beside it.
 * fflate deflates (streaming `Deflate`), crc-32 (SheetJS, maintained, slicing-by-16, ~1 GB/s) sums, and SHA-256
 * runs in WebCrypto where there is one.
 */
import CRC32 from 'crc-32';
import { Deflate } from 'fflate';
import { sha256Hex } from './sha256';

export interface EncodedEntry {
  /** Raw DEFLATE data (zip method 8). */
  compressed: Uint8Array;
  /** CRC-32 of the uncompressed bytes, unsigned. */
  crc: number;
  /** Uncompressed size in bytes. */
  size: number;
  sha256: string;
}

/** Where an entry's pieces go: pushed in order, the last one flagged `final`; a pushed piece may be transferred. */
export interface EntryEncoder {
  push(chunk: Uint8Array, final: boolean): void;
  readonly done: Promise<EncodedEntry>;
  /** Stops the work when the encoding fails before the entry's last piece (frees a worker). */
  abort?(): void;
}

export type EntryEncoderFactory = (path: string, level: DeflateLevel) => EntryEncoder;
export type DeflateLevel = 1 | 6;

/** Deflates and sums pieces as they come; `finish` once the last is in. */
export class EntryDeflater {
  private readonly out: Uint8Array[] = [];
  private readonly pieces: Uint8Array[] = [];
  private readonly deflate: Deflate;
  private crc = 0;
  private size = 0;

  constructor(level: DeflateLevel) {
    this.deflate = new Deflate({ level }, (chunk) => this.out.push(chunk));
  }

  push(chunk: Uint8Array, final: boolean): void {
    this.crc = CRC32.buf(chunk, this.crc);
    this.size += chunk.length;
    this.pieces.push(chunk);
    this.deflate.push(chunk, final);
  }

  async finish(): Promise<EncodedEntry> {
    const bytes = concatBytes(this.pieces);
    this.pieces.length = 0;
    return { compressed: concatBytes(this.out), crc: this.crc >>> 0, size: this.size, sha256: await sha256HexAsync(bytes) };
  }
}

/** An EntryEncoder on this thread. */
export function inProcessEntryEncoder(_path: string, level: DeflateLevel): EntryEncoder {
  const deflater = new EntryDeflater(level);
  let settle!: (entry: Promise<EncodedEntry>) => void;
  const done = new Promise<EncodedEntry>((resolve) => (settle = resolve));
  return {
    push(chunk, final) {
      deflater.push(chunk, final);
      if (final) settle(deflater.finish());
    },
    done,
  };
}

/** SHA-256 in hex: WebCrypto where the platform has it (renderer, workers, node ≥ 19), else the pure-TS one. */
export async function sha256HexAsync(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return sha256Hex(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The pieces as one array (the piece itself when there is one). */
export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

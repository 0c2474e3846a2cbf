/**
 * Byte-level mutators for fuzzing importers, driven by core's seeded PRNG so every failing case can be replayed
 * from (seed, case number). Pure: runs in node, jsdom and workers alike. Zip-based formats also get
 * structure-aware mutations (one entry's bytes mutated, the archive rebuilt) so the XML/JSON parsers inside
 * are reached rather than the zip reader's CRC check alone.
 */
import { unzipSync, zipSync } from 'fflate';
import type { Rng } from '../../src/core/random';

/** Byte strings that tend to matter to parsers of text, CSV, XML and JSON. */
const TOKENS: readonly string[] = [
  '"', '""', ',', ';', '\t', '\r', '\n', '\r\n', '\0', '\\', '<', '>', '&', '&amp;', '&#0;', '&#xFFFF;', ']]>', '<![CDATA[',
  '<?xml version="1.0"?>', '<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx">]>', '-->', 'WEBVTT', '00:00:01.000 --> 00:00:02.000', '99:99:99,999 --> ',
  '{', '}', '[', ']', 'null', '"__proto__"', '{"__proto__":{"polluted":1}}', 'constructor', '1e309', '-0', 'NaN', '\u2028', '\uFEFF',
  '\uD800', '💥', '=CMD|\' /C calc\'!A0', '<script>', 'PK\u0003\u0004',
];
const encoder = new TextEncoder();

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

export type MutationName = 'flip' | 'set' | 'insert-random' | 'insert-token' | 'delete' | 'duplicate' | 'truncate' | 'repeat-token' | 'cross';

/** One random edit. `other` is a second seed for cross-over. */
export function mutateOnce(rng: Rng, bytes: Uint8Array, other?: Uint8Array): { bytes: Uint8Array; mutation: MutationName } {
  const n = bytes.length;
  const at = rng.int(0, n);
  const mutation = rng.pick<MutationName>(['flip', 'set', 'insert-random', 'insert-token', 'delete', 'duplicate', 'truncate', 'repeat-token', 'cross']);
  switch (mutation) {
    case 'flip': {
      if (n === 0) return { bytes: randomBytes(rng, 8), mutation };
      const out = bytes.slice();
      const i = rng.int(0, n - 1);
      out[i] = (out[i] ?? 0) ^ (1 << rng.int(0, 7));
      return { bytes: out, mutation };
    }
    case 'set': {
      if (n === 0) return { bytes: randomBytes(rng, 8), mutation };
      const out = bytes.slice();
      out[rng.int(0, n - 1)] = rng.pick([0, 0x0a, 0x0d, 0x22, 0x2c, 0x3c, 0x7f, 0x80, 0xc0, 0xff]);
      return { bytes: out, mutation };
    }
    case 'insert-random':
      return { bytes: splice(bytes, at, 0, randomBytes(rng, rng.int(1, 64))), mutation };
    case 'insert-token':
      return { bytes: splice(bytes, at, 0, encoder.encode(rng.pick(TOKENS))), mutation };
    case 'delete':
      return { bytes: splice(bytes, at, Math.min(n - at, rng.int(1, 256)), new Uint8Array()), mutation };
    case 'duplicate': {
      const len = Math.min(n - at, rng.int(1, 512));
      return { bytes: splice(bytes, at, 0, bytes.slice(at, at + len)), mutation };
    }
    case 'truncate':
      return { bytes: bytes.slice(0, at), mutation };
    case 'repeat-token': {
      // Long runs: deep nesting, huge cells, many delimiters (bounded so a case stays small).
      const token = encoder.encode(rng.pick(['"', ',', '\n', '<a>', '[', '{"a":', 'x', '\t', '-->']));
      const times = rng.int(100, 4000);
      const run = new Uint8Array(token.length * times);
      for (let i = 0; i < times; i++) run.set(token, i * token.length);
      return { bytes: splice(bytes, at, 0, run), mutation };
    }
    case 'cross': {
      if (other === undefined || other.length === 0) return { bytes: bytes.slice(0, at), mutation };
      const from = rng.int(0, other.length - 1);
      return { bytes: splice(bytes, at, rng.int(0, Math.min(64, n - at)), other.slice(from, from + rng.int(1, 512))), mutation };
    }
  }
}

/** 1–4 random edits in a row. */
export function mutate(rng: Rng, seed: Uint8Array, other?: Uint8Array): Uint8Array {
  let bytes = seed;
  const edits = rng.int(1, 4);
  for (let i = 0; i < edits; i++) bytes = mutateOnce(rng, bytes, other).bytes;
  return bytes;
}

/** Mutates one entry of a zip archive (or drops/adds one) and rebuilds a valid archive around it. */
export function mutateZipEntry(rng: Rng, seed: Uint8Array): Uint8Array {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(seed);
  } catch {
    return mutate(rng, seed);
  }
  const names = Object.keys(entries);
  if (names.length === 0) return mutate(rng, seed);
  const name = rng.pick(names);
  const roll = rng.next();
  if (roll < 0.08) delete entries[name];
  else if (roll < 0.12) entries[`${name}.extra`] = randomBytes(rng, rng.int(0, 64));
  else if (roll < 0.16) entries[name] = new Uint8Array();
  else entries[name] = mutate(rng, entries[name] ?? new Uint8Array());
  return zipSync(entries, { level: 0 });
}

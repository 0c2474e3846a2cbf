/**
 * An entry's compressed bytes, as stored, read from a zip's central directory without inflating anything: what a
 * save needs to copy a previous file's unchanged entries into a new file (workspace-file.ts reusableUnitParts).
 * fflate only hands out inflated data, hence these few lines of the zip format (APPNOTE 4.3.7, 4.3.12, 4.3.16).
 *
 * Anything unexpected — no end record, zip64, a header out of bounds, a name not found — gives null: the caller
 * then does the full work instead. It is never used to read a file someone opens (that is fflate's, checked).
 */

export interface RawZipEntry {
  /** Compression method: 0 stored, 8 deflate. */
  method: number;
  crc: number;
  /** Uncompressed size. */
  size: number;
  /** The entry's data as stored (a view into the zip's bytes). */
  data: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of `bytes` named in `names`, or null when the zip cannot be read this simply or one is missing. */
export function rawZipEntries(bytes: Uint8Array, names: readonly string[]): Map<string, RawZipEntry> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(end + 10);
  const dirSize = u32(end + 12);
  const dirStart = u32(end + 16);
  if (count === 0xffff || dirStart === 0xffffffff || dirStart + dirSize > end) return null;
  const wanted = new Set(names);
  const out = new Map<string, RawZipEntry>();
  const decoder = new TextDecoder();
  let at = dirStart;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || u32(at) !== CENTRAL) return null;
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    const name = decoder.decode(nameBytes);
    if (!wanted.has(name)) continue;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return null;
    // The local header must be there and name the same entry.
    if (local + 30 + nameLength > dirStart || u32(local) !== LOCAL || u16(local + 26) !== nameLength) return null;
    if (!sameBytes(bytes.subarray(local + 30, local + 30 + nameLength), nameBytes)) return null;
    const dataStart = local + 30 + nameLength + u16(local + 28);
    if (dataStart + compressed > dirStart) return null;
    out.set(name, { method, crc, size, data: bytes.subarray(dataStart, dataStart + compressed) });
  }
  return out.size === wanted.size ? out : null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

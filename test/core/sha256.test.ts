import { describe, expect, it } from 'vitest';
import { createSha256, sha256Hex } from '../../src/core/sha256';

// NIST FIPS 180-4 examples and the classic long-message vectors.
describe('sha256', () => {
  it('hashes the empty input', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('hashes "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hashes the 448-bit two-block message', () => {
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('hashes the 896-bit message', () => {
    expect(
      sha256Hex('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
  });
  it('hashes one million "a"s, fed in uneven pieces', () => {
    const chunk = new TextEncoder().encode('a'.repeat(999));
    const h = createSha256();
    let fed = 0;
    while (fed + 999 <= 1_000_000) {
      h.update(chunk);
      fed += 999;
    }
    h.update(chunk.subarray(0, 1_000_000 - fed));
    expect(h.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
  it('hashes UTF-8 of non-ASCII text the same as the bytes', () => {
    const text = 'Grüße 👋';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
    expect(sha256Hex(text)).not.toBe(sha256Hex('Grusse'));
  });
  it('handles lengths around the padding boundary (55, 56, 63, 64 bytes)', () => {
    // Reference values computed with `printf 'a%.0s' {1..N} | sha256sum`.
    expect(sha256Hex('a'.repeat(55))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(sha256Hex('a'.repeat(56))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
    expect(sha256Hex('a'.repeat(63))).toBe('7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34');
    expect(sha256Hex('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
  });
});

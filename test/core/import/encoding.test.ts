import { describe, expect, it } from 'vitest';
import { createDecoder, decodeBytes, detectEncoding, importFile, SUPPORTED_ENCODINGS } from '../../../src/core/import';
import { fixture } from './helpers';

describe('detectEncoding + decodeBytes', () => {
  const cases: [string, string, boolean, string][] = [
    ['utf8.csv', 'utf-8', false, 'Café crème'],
    ['utf8-bom.csv', 'utf-8', true, 'Café crème'],
    ['utf16be.csv', 'utf-16be', true, 'Schöne Grüße'],
    ['utf16le-nobom.csv', 'utf-16le', false, 'Schöne Grüße'],
    ['excel-unicode.txt', 'utf-16le', true, 'Naïve search – résumé matching'],
    ['cp1252.csv', 'windows-1252', false, 'The café’s prices went up by 5€'],
    ['macroman.csv', 'macintosh', false, 'Café Montréal didn’t work'],
  ];
  for (const [file, encoding, bom, expected] of cases) {
    it(`reads ${file} as ${encoding}`, () => {
      const bytes = fixture(file);
      const guess = detectEncoding(bytes);
      expect(guess.encoding).toBe(encoding);
      expect(guess.bom).toBe(bom);
      const text = decodeBytes(bytes, guess.encoding);
      expect(text).toContain(expected);
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.startsWith('id') || text.startsWith('Respondent')).toBe(true);
    });
  }

  it('reads Mac Roman umlauts and ß correctly', () => {
    const text = decodeBytes(fixture('macroman.csv'), 'macintosh');
    expect(text).toContain('Süße Öffnungszeiten, schön');
    expect(text).toContain('Naïve résumé parsing');
  });

  it('keeps multi-byte characters whole when decoding in 1-byte chunks', () => {
    const bytes = fixture('excel-unicode.txt');
    const dec = createDecoder('utf-16le');
    let out = '';
    for (const b of bytes) out += dec.decode(new Uint8Array([b]));
    out += dec.end();
    expect(out).toBe(decodeBytes(bytes, 'utf-16le'));
    expect(out).toContain('Dark mode 🌙 please');
    expect(out.startsWith('Respondent')).toBe(true);
  });

  it('offers the five encodings in the selector', () => {
    expect(SUPPORTED_ENCODINGS.map((e) => e.id)).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'macintosh']);
  });

  it('imports Excel "Unicode Text" (.txt, UTF-16LE, tabs) as a survey table', async () => {
    const result = await importFile('export.txt', fixture('excel-unicode.txt'));
    expect(result.kind).toBe('survey');
    if (result.kind !== 'survey') return;
    expect(result.delimiter).toBe('\t');
    expect(result.units.map((u) => u.text)).toEqual(['Naïve search – résumé matching', 'Dark mode 🌙 please']);
    expect(result.participants.map((p) => p.attributes['Plan'])).toEqual(['Pro', 'Free']);
  });

  it('imports a Windows-1252 CSV with the right characters', async () => {
    const result = await importFile('old-excel.csv', fixture('cp1252.csv'));
    if (result.kind !== 'survey') throw new Error(result.kind);
    expect(result.encoding?.encoding).toBe('windows-1252');
    expect(result.source.encoding).toBe('windows-1252');
    expect(result.units.map((u) => u.text)).toContain('“Great” résumé tool');
  });

  it('lets the user override the encoding', async () => {
    const result = await importFile('old.csv', fixture('macroman.csv'), { encoding: 'windows-1252' });
    if (result.kind !== 'survey') throw new Error(result.kind);
    expect(result.source.encoding).toBe('windows-1252');
    expect(result.units[0]?.text).toBe('CafŽ MontrŽal didnÕt work');
  });
});

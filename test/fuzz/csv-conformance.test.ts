// The table reader against written-for-the-test fixtures: the csv-spectrum cases (expected JSON objects keyed
// by the header row) and the W3C CSVW dialect cases that apply to survey exports (encodings, line terminators,
// quoting, delimiters, blank and header rows). Each fixture's JSON says exactly which rows must come out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, detectLayout, readTable } from '../../src/core/import';

const FIXTURES = join(__dirname, '../fixtures');

function cases(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.slice(0, -4))
    .sort();
}

function readFixture(folder: string, name: string): { bytes: Uint8Array; expected: unknown } {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, folder, `${name}.csv`)));
  const expected: unknown = JSON.parse(readFileSync(join(FIXTURES, folder, `${name}.json`), 'utf8'));
  return { bytes, expected };
}

function decode(bytes: Uint8Array): { text: string; encoding: string } {
  const guess = detectEncoding(bytes);
  return { text: decodeBytes(bytes, guess.encoding), encoding: guess.encoding };
}

interface CsvwExpectation {
  description: string;
  dialect: { encoding?: string };
  rows: string[][];
  lines?: number[];
  headerRowCount?: number;
}

function isCsvwExpectation(value: unknown): value is CsvwExpectation {
  return typeof value === 'object' && value !== null && 'rows' in value && Array.isArray(value.rows) && 'dialect' in value;
}

describe('csv-spectrum', () => {
  const names = cases('csv-spectrum');
  it('has all twelve cases', () => {
    expect(names).toEqual(['comma_in_quotes', 'empty', 'empty_crlf', 'escaped_quotes', 'json', 'location_coordinates', 'newlines', 'newlines_crlf', 'quotes_and_newlines', 'simple', 'simple_crlf', 'utf8']);
  });

  it.each(names)('%s', (name) => {
    const { bytes, expected } = readFixture('csv-spectrum', name);
    const { rows } = readTable(decode(bytes).text);
    const [header, ...data] = rows.map((r) => r.cells);
    if (header === undefined) throw new Error('no header row');
    const objects = data.map((cells) => Object.fromEntries(header.map((key, i) => [key, cells[i] ?? ''])));
    expect(objects).toEqual(expected);
    // Every data row has exactly the header's cells: nothing split or merged.
    for (const cells of data) expect(cells).toHaveLength(header.length);
  });
});

describe('CSVW dialects', () => {
  it.each(cases('csvw'))('%s', (name) => {
    const { bytes, expected } = readFixture('csvw', name);
    if (!isCsvwExpectation(expected)) throw new Error(`${name}.json is not an expectation`);
    const { text, encoding } = decode(bytes);
    if (expected.dialect.encoding !== undefined) expect(encoding).toBe(expected.dialect.encoding);
    const { rows } = readTable(text);
    expect(rows.map((r) => r.cells)).toEqual(expected.rows);
    expect(rows.map((r) => r.row)).toEqual(expected.rows.map((_, i) => i + 1));
    if (expected.lines !== undefined) expect(rows.map((r) => r.line)).toEqual(expected.lines);
    if (expected.headerRowCount !== undefined) {
      expect(detectLayout(rows.slice(0, 3).map((r) => r.cells)).headerRowCount).toBe(expected.headerRowCount);
    }
  });
});

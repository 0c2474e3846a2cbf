import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  codebookEntries,
  exportCodebookCsv,
  exportCodebookQdc,
  guidFor,
  importCodebook,
  importCodebookCsv,
  importCodebookQdc,
  parseXml,
  tagPath,
  type CodingState,
} from '../../../src/core/coding';
import type { Tag } from '../../../src/core/model';
import { state, tag, testEnv } from './helpers';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/coding', name), 'utf8');

function sampleBook(): CodingState {
  return state([
    tag('11111111-2222-4333-8444-555555555555', 'Pricing', { order: 0, color: '#4f7cff', description: 'Price, cost, "value" & <worth>' }),
    tag('d', 'Discounts', { parentId: '11111111-2222-4333-8444-555555555555', order: 0, color: '#e8833a', whenToUse: 'A reduction is mentioned', whenNotToUse: 'Gift cards,\nvouchers' }),
    tag('c', 'Coupons / codes', { parentId: 'd', order: 0, color: '#2fa36b', description: 'Multi-line\n\nwith a blank line' }),
    tag('o', 'Onboarding', { order: 1, color: '#d64545' }),
    tag('e', 'Émojis 👍', { order: 2, color: '#8a5cd6' }),
  ]);
}

/** What a round trip must keep: every tag's path, color and notes. */
function shape(tags: ReadonlyMap<string, Tag>): string[] {
  return [...tags.values()].map((t) => JSON.stringify([tagPath(tags, t.id), t.color, t.description ?? '', t.whenToUse ?? '', t.whenNotToUse ?? ''])).sort();
}

function importInto(empty: CodingState, entries: Parameters<typeof importCodebook>[1]): CodingState {
  return applyChangeSet(empty, importCodebook(empty, entries, { env: testEnv() }).changes);
}

describe('codebook CSV', () => {
  it('round-trips hierarchy, colors and notes with quotes, commas, newlines and slashes in names', () => {
    const book = sampleBook();
    const csv = exportCodebookCsv(book.tags);
    expect(csv.startsWith('\uFEFFName,Parent,Color,Description,When to use,When not to use\r\n')).toBe(true);
    expect(csv).toContain('"Price, cost, ""value"" & <worth>"');
    expect(csv).toContain('Coupons / codes,Pricing/Discounts,');
    const parsed = importCodebookCsv(csv);
    expect(parsed.issues).toEqual([]);
    expect(shape(importInto(state([]), parsed.entries).tags)).toEqual(shape(book.tags));
  });

  it('defuses cells a spreadsheet would run as formulas, and restores them on import', () => {
    const book = state([tag('f', '=HYPERLINK("http://evil")', { description: '- a bullet', whenToUse: '-5% or more', whenNotToUse: '@mention' })]);
    const csv = exportCodebookCsv(book.tags, { bom: false });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://evil"")",,#4f7cff,- a bullet,'-5% or more,'@mention`);
    const back = importInto(state([]), importCodebookCsv(csv).entries);
    expect(shape(back.tags)).toEqual(shape(book.tags));
  });

  it('reads a hand-written file with a quoted multi-line cell', () => {
    const parsed = importCodebookCsv(fixture('codebook.csv'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.entries.map((e) => e.path.join('/'))).toEqual(['Pricing', 'Pricing/Discounts', 'Pricing/Discounts/Coupons', 'Onboarding']);
    expect(parsed.entries[2]).toMatchObject({ description: 'Line one\nline two', whenNotToUse: 'Not for gift cards', line: 4 });
    expect(parsed.entries[1]).toMatchObject({ color: '#e8833a', description: 'Coupons and "deals"' });
    // the row after the two-line cell starts on line 6
    expect(parsed.entries[3]?.line).toBe(6);
  });

  it('tolerates renamed and missing columns and reports bad rows, unknown parents and cycles by line', () => {
    const parsed = importCodebookCsv(fixture('messy-codebook.csv'));
    expect(parsed.entries.map((e) => e.path.join('/'))).toEqual([
      'Churn',
      'Churn/Cancel intent',
      'Alpha',
      'Alpha/Beta',
      'Billing',
      'Billing/Disputes',
      'Billing/Disputes/Refund',
    ]);
    expect(parsed.entries[0]?.color).toBe('#d64545');
    expect(parsed.issues.map((i) => [i.line, i.severity])).toEqual([
      [4, 'error'], // no name
      [5, 'warning'], // bad colour
      [6, 'warning'], // parent created
      [7, 'error'], // Alpha ↔ Beta loop
      [9, 'warning'], // duplicate Churn
    ]);
    expect(parsed.issues[3]?.message).toMatch(/loop \(Alpha → Beta → Alpha, lines 7, 8\)/);
    expect(parsed.issues[4]?.message).toMatch(/already defined on line 2/);
  });

  it('reads a header-less file in the default column order, and says so', () => {
    const parsed = importCodebookCsv('Pricing,,#ff0000\nDiscounts,Pricing,\n');
    expect(parsed.entries.map((e) => e.path.join('/'))).toEqual(['Pricing', 'Pricing/Discounts']);
    expect(parsed.issues).toMatchObject([{ line: 1, severity: 'warning' }]);
  });

  it('reports an unterminated quote with the line it starts on', () => {
    const parsed = importCodebookCsv('Name,Description\nA,ok\nB,"never closed\nC,x\n');
    expect(parsed.issues).toMatchObject([{ line: 3, severity: 'error' }]);
  });
});

describe('codebook REFI-QDA .qdc', () => {
  it('writes the codebook namespace, nested Codes and escaped attributes', () => {
    const xml = exportCodebookQdc(sampleBook().tags);
    const root = parseXml(xml);
    expect(root.name).toBe('CodeBook');
    expect(root.attributes.xmlns).toBe('urn:QDA-XML:codebook:1.0');
    expect(xml).toContain('<Code guid="11111111-2222-4333-8444-555555555555" name="Pricing" isCodable="true" color="#4F7CFF">');
    expect(xml).toContain('<Description>Price, cost, "value" &amp; &lt;worth&gt;</Description>');
    expect(xml).toContain('name="Coupons / codes"');
    // children are nested Code elements inside their parent Code
    expect(xml.indexOf('name="Discounts"')).toBeGreaterThan(xml.indexOf('name="Pricing"'));
    expect(xml.indexOf('name="Discounts"')).toBeLessThan(xml.indexOf('name="Onboarding"'));
  });

  it('round-trips hierarchy, colors, notes and ids', () => {
    const book = sampleBook();
    const parsed = importCodebookQdc(exportCodebookQdc(book.tags));
    expect(parsed.issues).toEqual([]);
    const back = importInto(state([]), parsed.entries);
    expect(shape(back.tags)).toEqual(shape(book.tags));
    // a UUID id survives; other ids map to a stable GUID
    expect(back.tags.has('11111111-2222-4333-8444-555555555555')).toBe(true);
    expect(back.tags.has(guidFor('d').toLowerCase())).toBe(true);
    expect(guidFor('d')).toBe(guidFor('d'));
    expect(guidFor('d')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('reads a tool export tolerantly: prefixes, CDATA, entities, a nested Codes wrapper, an unclosed Code', () => {
    const parsed = importCodebookQdc(fixture('atlas-codebook.qdc'));
    expect(parsed.entries.map((e) => e.path.join('/'))).toEqual(['Usability & UX', 'Usability & UX/Navigation', 'Usability & UX/Search “box”', 'Performance']);
    expect(parsed.entries[0]).toMatchObject({ color: '#ff0000', description: 'Ease of use <incl. navigation>' });
    expect(parsed.entries[2]).toMatchObject({ guid: '{086AC733-7B1C-4749-A138-D7182F63A5C9}', description: 'Search field\nsecond line &unknown; kept' });
    expect(parsed.issues.map((i) => [i.line, i.severity])).toEqual([
      [15, 'error'], // Code without a name
      [16, 'warning'], // color="green"
    ]);
    const tags = importInto(state([]), parsed.entries).tags;
    expect(tags.get('086ac733-7b1c-4749-a138-d7182f63a5c9')?.name).toBe('Search “box”');
  });

  it('finds the CodeBook inside a project file and reports files that are not codebooks', () => {
    const project = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes><Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC6D6" name="Commits" isCodable="true"/></Codes></CodeBook></Project>`;
    expect(importCodebookQdc(project).entries.map((e) => e.path)).toEqual([['Commits']]);
    expect(importCodebookQdc('<Project/>').issues[0]?.message).toMatch(/no CodeBook/);
    expect(importCodebookQdc('just text').issues[0]?.severity).toBe('error');
  });
});

describe('importCodebook into an existing codebook', () => {
  it('matches tags by path, keeps their ids, updates notes and creates the rest; undo removes it all', () => {
    const s0 = state([tag('p', 'pricing', { color: '#000000' }), tag('x', 'Existing', { order: 1, description: 'keep me' })]);
    const parsed = importCodebookCsv(fixture('codebook.csv'));
    const op = importCodebook(s0, parsed.entries, { env: testEnv() });
    expect(op).toMatchObject({ created: 3, updated: 1 });
    const s1 = applyChangeSet(s0, op.changes);
    expect(s1.tags.get('p')).toMatchObject({ name: 'pricing', color: '#4f7cff', description: 'Anything about price, cost or value.' });
    const discounts = [...s1.tags.values()].find((t) => t.name === 'Discounts');
    expect(discounts?.parentId).toBe('p');
    expect(s1.tags.get('x')?.description).toBe('keep me');
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
    expect(codebookEntries(s1.tags).map((e) => e.path.join('/'))).toEqual(['pricing', 'pricing/Discounts', 'pricing/Discounts/Coupons', 'Existing', 'Onboarding']);
  });

  it('in fill mode only sets fields the tag lacks', () => {
    const s0 = state([tag('p', 'Pricing', { color: '#000000' })]);
    const op = importCodebook(s0, [{ path: ['Pricing'], color: '#ffffff', description: 'new' }], { env: testEnv(), mode: 'fill' });
    expect(applyChangeSet(s0, op.changes).tags.get('p')).toMatchObject({ color: '#000000', description: 'new' });
  });
});

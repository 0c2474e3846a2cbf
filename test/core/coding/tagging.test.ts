import { describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  applyTags,
  CodingError,
  createHighlight,
  createHistory,
  deleteHighlight,
  invert,
  removeTags,
  setHighlightTags,
  setMemo,
  sliceCodePoints,
  textSelectionParts,
} from '../../../src/core/coding';
import { codings, highlight, state, tag, tagging, testEnv } from './helpers';

const units = [
  { id: 'u1', text: 'We love the product.' },
  { id: 'u2', text: 'But the price 💸 went up.' },
  { id: 'u3', text: 'So we might cancel next year.' },
];

describe('applyTags on a text selection', () => {
  it('splits a selection over three units into one highlight per unit part, each tagged', () => {
    const s0 = state([tag('pricing', 'Pricing')]);
    // from "product." in u1 to "might" in u2..u3
    const op = applyTags(s0, { kind: 'text', units, start: 12, end: 12 }, ['pricing'], 'ana', { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    const hs = op.highlightIds.map((id) => s1.highlights.get(id));
    expect(hs.map((h) => [h?.unitId, h?.start, h?.end])).toEqual([
      ['u1', 12, 20],
      ['u2', 0, 24],
      ['u3', 0, 12],
    ]);
    expect(hs.map((h, i) => sliceCodePoints(units[i]?.text ?? '', h?.start ?? 0, h?.end ?? 0))).toEqual(['product.', 'But the price 💸 went up.', 'So we might ']);
    expect(codings(s1)).toEqual(op.highlightIds.map((h, i) => `pricing@u${i + 1}#${h}`).sort());
    expect(op.description).toMatch(/^Tag “product\. But the price.*” across 3 responses as Pricing$/);
  });

  it('uses code-point offsets, so an emoji counts as one character', () => {
    const parts = textSelectionParts([units[1] ?? { id: '', text: '' }], 14, 15);
    expect(parts).toEqual([{ unitId: 'u2', start: 14, end: 15 }]);
    expect(sliceCodePoints(units[1]?.text ?? '', 14, 15)).toBe('💸');
  });

  it('drops empty parts and rejects ranges outside the text', () => {
    // starts at the very end of u1: only u2 gets a highlight
    expect(textSelectionParts(units.slice(0, 2), 20, 3)).toEqual([{ unitId: 'u2', start: 0, end: 3 }]);
    expect(() => textSelectionParts(units.slice(0, 1), 5, 99)).toThrow(CodingError);
    expect(() => textSelectionParts(units.slice(0, 1), 5, 5)).toThrow(/empty/);
  });

  it('reuses a highlight with the same range and never duplicates a tagging', () => {
    const s0 = state([tag('pricing', 'Pricing'), tag('churn', 'Churn')], [tagging('g1', 'pricing', 'u3', 'h1')], [highlight('h1', 'u3', 9, 18)]);
    const op = applyTags(s0, { kind: 'text', units: [units[2] ?? { id: '', text: '' }], start: 9, end: 18 }, ['pricing', 'churn'], 'ana', { env: testEnv() });
    expect(op.highlightIds).toEqual(['h1']);
    expect(op.created).toBe(1);
    expect(codings(applyChangeSet(s0, op.changes))).toEqual(['churn@u3#h1', 'pricing@u3#h1']);
  });

  it('refuses unknown tags with a message the user can act on', () => {
    expect(() => applyTags(state([]), { kind: 'units', unitIds: ['u1'] }, ['gone'], 'ana')).toThrow(/no longer exists/);
  });
});

describe('bulk tagging', () => {
  it('tags 100,000 units as one history step and undoes it exactly', () => {
    const unitIds = Array.from({ length: 100_000 }, (_, i) => `u${i}`);
    // one unit is already tagged: it must not get a second tagging
    const s0 = state([tag('pricing', 'Pricing')], [tagging('pre', 'pricing', 'u5')]);
    const history = createHistory({ limit: 50 });
    const op = applyTags(s0, { kind: 'units', unitIds }, ['pricing'], 'ana', { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    history.record(op);

    expect(op.created).toBe(99_999);
    expect(s1.taggings.size).toBe(100_000);
    expect(new Set([...s1.taggings.values()].map((t) => t.unitId)).size).toBe(100_000);
    expect(history.entries()).toHaveLength(1);
    expect(history.undoLabel()).toBe('Undo Tag 100,000 responses as Pricing');

    const entry = history.undo();
    expect(entry).toBeDefined();
    const s2 = applyChangeSet(s1, entry?.inverse ?? { puts: [], deletes: [] });
    expect(s2).toEqual(s0);

    const again = history.redo();
    expect(applyChangeSet(s2, again?.changes ?? { puts: [], deletes: [] })).toEqual(s1);
  });

  it('removes tags from whole units, including on highlights inside them, and drops highlights left bare', () => {
    const s0 = state(
      [tag('pricing', 'Pricing'), tag('ux', 'UX')],
      [tagging('a', 'pricing', 'u1'), tagging('b', 'pricing', 'u2', 'h2'), tagging('c', 'ux', 'u2', 'h2'), tagging('d', 'pricing', 'u3', 'h3'), tagging('e', 'pricing', 'u4')],
      [highlight('h2', 'u2', 0, 3), highlight('h3', 'u3', 0, 2), highlight('kept', 'u3', 4, 6, { memo: 'come back to this' })],
    );
    const op = removeTags(s0, { kind: 'units', unitIds: ['u1', 'u2', 'u3'] }, ['pricing']);
    const s1 = applyChangeSet(s0, op.changes);
    expect(op.removed).toBe(3);
    expect(codings(s1)).toEqual(['pricing@u4', 'ux@u2#h2']);
    // h2 still carries UX; h3 lost its only tag; "kept" was never touched
    expect([...s1.highlights.keys()].sort()).toEqual(['h2', 'kept']);
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
  });

  it('removes tags from highlights overlapping a text selection only', () => {
    const s0 = state(
      [tag('pricing', 'Pricing')],
      [tagging('whole', 'pricing', 'u2'), tagging('near', 'pricing', 'u2', 'h1'), tagging('far', 'pricing', 'u2', 'h2')],
      [highlight('h1', 'u2', 4, 13), highlight('h2', 'u2', 16, 24)],
    );
    const op = removeTags(s0, { kind: 'text', units: [units[1] ?? { id: '', text: '' }], start: 8, end: 10 }, ['pricing']);
    expect(codings(applyChangeSet(s0, op.changes))).toEqual(['pricing@u2', 'pricing@u2#h2']);
  });
});

describe('highlight edits', () => {
  it('creates a highlight with a memo and tags, and deleting it removes its taggings; undo restores both', () => {
    const env = testEnv();
    const s0 = state([tag('pricing', 'Pricing')]);
    const made = createHighlight(s0, { unit: units[1] ?? { id: '', text: '' }, start: 8, end: 13, coder: 'ana', memo: 'price hike', tagIds: ['pricing'] }, { env });
    expect(made.description).toBe('Highlight “price” as Pricing');
    const s1 = applyChangeSet(s0, made.changes);
    expect(s1.highlights.get(made.highlight.id)).toMatchObject({ start: 8, end: 13, memo: 'price hike' });

    const del = deleteHighlight(s1, made.highlight.id);
    const s2 = applyChangeSet(s1, del.changes);
    expect(s2.highlights.size).toBe(0);
    expect(s2.taggings.size).toBe(0);
    expect(applyChangeSet(s2, del.inverse)).toEqual(s1);
  });

  it('rejects a highlight outside the unit text', () => {
    expect(() => createHighlight(state([]), { unit: { id: 'u', text: 'abc' }, start: 1, end: 4, coder: 'ana' })).toThrow(/does not fit/);
  });

  it('sets and clears a memo', () => {
    const s0 = state([], [], [highlight('h', 'u1', 0, 2, { memo: 'old' })]);
    const cleared = applyChangeSet(s0, setMemo(s0, 'h', '  ', { env: testEnv() }).changes);
    expect(cleared.highlights.get('h')?.memo).toBeUndefined();
    const edited = applyChangeSet(s0, setMemo(s0, 'h', 'new', { env: testEnv() }).changes);
    expect(edited.highlights.get('h')?.memo).toBe('new');
  });

  it('setHighlightTags adds the missing tags, removes the others and collapses duplicates', () => {
    const s0 = state(
      [tag('a', 'A'), tag('b', 'B'), tag('c', 'C')],
      [tagging('1', 'a', 'u1', 'h'), tagging('2', 'a', 'u1', 'h'), tagging('3', 'b', 'u1', 'h')],
      [highlight('h', 'u1', 0, 2)],
    );
    const op = setHighlightTags(s0, 'h', ['a', 'c'], 'ana', { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    expect(codings(s1)).toEqual(['a@u1#h', 'c@u1#h']);
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
  });
});

describe('invert', () => {
  it('turns puts of new records into deletes and restores overwritten and deleted records', () => {
    const before = state([tag('a', 'A'), tag('b', 'B')]);
    const cs = {
      puts: [{ table: 'tags' as const, record: tag('a', 'A renamed') }, { table: 'tags' as const, record: tag('n', 'New') }],
      deletes: [
        { table: 'tags' as const, id: 'b' },
        { table: 'tags' as const, id: 'never-existed' },
      ],
    };
    const inv = invert(cs, before);
    expect(inv.deletes).toEqual([{ table: 'tags', id: 'n' }]);
    expect(inv.puts.map((p) => p.record)).toEqual([tag('a', 'A'), tag('b', 'B')]);
    expect(applyChangeSet(applyChangeSet(before, cs), inv)).toEqual(before);
  });
});

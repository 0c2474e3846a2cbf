import { describe, expect, it } from 'vitest';
import { applyChangeSet, applyTags, createHistory, createTag, renameTag, type CodingState, type Operation } from '../../../src/core/coding';
import { state, tag, testEnv } from './helpers';

describe('createHistory', () => {
  it('undoes and redoes a sequence of operations back to each exact state', () => {
    const env = testEnv();
    const history = createHistory();
    const states: CodingState[] = [state([tag('p', 'Pricing')])];
    const run = (op: Operation): void => {
      history.record(op);
      states.push(applyChangeSet(states[states.length - 1] ?? state([]), op.changes));
    };
    run(createTag(states[0] ?? state([]), { name: 'Churn' }, { env }));
    run(renameTag(states[1] ?? state([]), 'p', 'Price', { env }));
    run(applyTags(states[2] ?? state([]), { kind: 'units', unitIds: ['u1', 'u2'] }, ['p'], 'ana', { env }));
    expect(history.undoLabel()).toBe('Undo Tag 2 responses as Price');

    let cur = states[3] ?? state([]);
    for (let i = 2; i >= 0; i--) {
      cur = applyChangeSet(cur, history.undo()?.inverse ?? { puts: [], deletes: [] });
      expect(cur).toEqual(states[i]);
    }
    expect(history.canUndo()).toBe(false);
    expect(history.redoLabel()).toBe('Redo Create tag Churn');
    for (let i = 1; i <= 3; i++) {
      cur = applyChangeSet(cur, history.redo()?.changes ?? { puts: [], deletes: [] });
      expect(cur).toEqual(states[i]);
    }
    expect(history.canRedo()).toBe(false);
  });

  it('clears redo when a new operation is recorded and ignores operations that change nothing', () => {
    const env = testEnv();
    const s0 = state([tag('p', 'Pricing')]);
    const history = createHistory();
    history.record(createTag(s0, { name: 'A' }, { env }));
    history.undo();
    expect(history.canRedo()).toBe(true);
    history.record(createTag(s0, { name: 'B' }, { env }));
    expect(history.canRedo()).toBe(false);
    expect(history.entries().map((e) => e.description)).toEqual(['Create tag B']);

    // tagging units that already carry the tag changes nothing: no entry
    const tagged = applyChangeSet(s0, applyTags(s0, { kind: 'units', unitIds: ['u1'] }, ['p'], 'ana', { env }).changes);
    history.record(applyTags(tagged, { kind: 'units', unitIds: ['u1'] }, ['p'], 'ana', { env }));
    expect(history.entries()).toHaveLength(1);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    const env = testEnv();
    const history = createHistory({ limit: 2 });
    const s0 = state([]);
    for (const name of ['A', 'B', 'C']) history.record(createTag(s0, { name }, { env }));
    expect(history.entries().map((e) => e.description)).toEqual(['Create tag B', 'Create tag C']);
    history.undo();
    history.undo();
    expect(history.undo()).toBeUndefined();
  });
});

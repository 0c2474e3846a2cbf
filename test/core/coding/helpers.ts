/** Deterministic ids and clock for coding tests, and small builders for tags, units and state. */
import type { Highlight, Tag, Tagging } from '../../../src/core/model';
import { codingState, type CodingState, type OpEnv } from '../../../src/core/coding';

export function testEnv(prefix = 'id'): OpEnv & { tick(): void } {
  let n = 0;
  let t = Date.parse('2024-05-01T10:00:00.000Z');
  return {
    newId: () => `${prefix}-${++n}`,
    now: () => new Date(t).toISOString(),
    tick: () => {
      t += 1000;
    },
  };
}

const T0 = '2024-01-01T00:00:00.000Z';

export function tag(id: string, name: string, extra: Partial<Tag> = {}): Tag {
  return { id, createdAt: T0, updatedAt: T0, name, color: '#4f7cff', order: 0, ...extra };
}

export function tagging(id: string, tagId: string, unitId: string, highlightId?: string): Tagging {
  const t: Tagging = { id, createdAt: T0, updatedAt: T0, tagId, unitId, coder: 'ana' };
  if (highlightId !== undefined) t.highlightId = highlightId;
  return t;
}

export function highlight(id: string, unitId: string, start: number, end: number, extra: Partial<Highlight> = {}): Highlight {
  return { id, createdAt: T0, updatedAt: T0, unitId, start, end, coder: 'ana', ...extra };
}

export function state(tags: Tag[], taggings: Tagging[] = [], highlights: Highlight[] = []): CodingState {
  return codingState({ tags, taggings, highlights });
}

/** Tagging facts that matter to a reader: which tag sits on which unit/highlight. */
export function codings(s: CodingState): string[] {
  return [...s.taggings.values()].map((t) => `${t.tagId}@${t.unitId}${t.highlightId ? `#${t.highlightId}` : ''}`).sort();
}

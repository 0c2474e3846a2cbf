/**
 * How much each tag is used: distinct units, participants and sources, for the tag itself ("direct") and
 * for the tag with all its descendants ("rollup"). Roll-ups count distinct items, so a unit tagged both
 * Pricing and Pricing/Discounts counts once for Pricing — summing children would double-count it.
 */
import type { Tag, Tagging, Unit } from '../model';
import { childIndex } from './tree';

export type UnitRef = Pick<Unit, 'sourceId' | 'participantId'>;

export interface TagFigures {
  /** Distinct units (responses, utterances) carrying the tag, whole or by a highlight. */
  units: number;
  /** Distinct participants among those units (units without a participant don't count). */
  participants: number;
  /** Distinct sources among those units. */
  sources: number;
  /** Taggings (codings), counting several highlights in one unit separately. */
  taggings: number;
}

export interface TagCounts {
  direct: TagFigures;
  rollup: TagFigures;
}

export interface CountInput {
  tags: ReadonlyMap<string, Tag>;
  taggings: Iterable<Tagging>;
  /** Where each unit comes from and who said it. Units missing here still count as units. */
  units: ReadonlyMap<string, UnitRef> | ((unitId: string) => UnitRef | undefined);
}

interface Acc {
  units: Set<string>;
  taggings: number;
}

export function tagCounts(input: CountInput): Map<string, TagCounts> {
  const units = input.units;
  const unitOf = typeof units === 'function' ? units : (id: string): UnitRef | undefined => units.get(id);
  const direct = new Map<string, Acc>();
  for (const id of input.tags.keys()) direct.set(id, { units: new Set(), taggings: 0 });
  for (const t of input.taggings) {
    const acc = direct.get(t.tagId);
    if (!acc) continue;
    acc.units.add(t.unitId);
    acc.taggings++;
  }
  const figures = (acc: Acc): TagFigures => {
    const participants = new Set<string>();
    const sources = new Set<string>();
    for (const u of acc.units) {
      const ref = unitOf(u);
      if (!ref) continue;
      sources.add(ref.sourceId);
      if (ref.participantId !== undefined) participants.add(ref.participantId);
    }
    return { units: acc.units.size, participants: participants.size, sources: sources.size, taggings: acc.taggings };
  };

  const index = childIndex(input.tags);
  const rolled = new Map<string, Acc>();
  const roll = (id: string, path: Set<string>): Acc => {
    const done = rolled.get(id);
    if (done) return done;
    const own = direct.get(id) ?? { units: new Set<string>(), taggings: 0 };
    const acc: Acc = { units: new Set(own.units), taggings: own.taggings };
    path.add(id);
    for (const child of index.get(id) ?? []) {
      if (path.has(child.id)) continue; // corrupt data with a cycle: count each tag once
      const c = roll(child.id, path);
      for (const u of c.units) acc.units.add(u);
      acc.taggings += c.taggings;
    }
    path.delete(id);
    rolled.set(id, acc);
    return acc;
  };

  const out = new Map<string, TagCounts>();
  for (const id of input.tags.keys()) {
    out.set(id, { direct: figures(direct.get(id) ?? { units: new Set(), taggings: 0 }), rollup: figures(roll(id, new Set())) });
  }
  return out;
}

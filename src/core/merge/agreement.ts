/**
 * Intercoder agreement between two coders of one workspace: per tag and overall, percent agreement and
 * Cohen's kappa on a 2×2 table (both applied / only A / only B / neither).
 *
 * Two measures, never mixed:
 * - units: whole-unit taggings (no highlight), typical of survey answers. The universe is every unit that
 *   either coder tagged with anything ('coded-by-either', default: not tagging a unit the other coder
 *   tagged counts as a decision), or every unit of the sources both coders tagged in ('sources-coded-by-both',
 *   which also counts units neither touched as agreement, and so reads higher).
 * - text: passage taggings (with a highlight), per character. The universe is every code point of every
 *   unit in which either coder tagged a passage; a position is "coded with T by A" when one of A's
 *   taggings with T covers it. Overlapping highlights of one coder count once.
 * Overall figures pool the per-tag tables (sum of cells, then kappa), and give the unweighted mean of the
 * per-tag kappas as well.
 */
import { codePointLength } from '../coding/text';
import type { Highlight, Tagging, Unit, WorkspaceSnapshot } from '../model';

export interface AgreementTable {
  /** Items coded with the tag by both coders. */
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  /** Items in the universe (units, or characters). */
  total: number;
  /** 0–100; null when the universe is empty. */
  percent: number | null;
  /** Cohen's kappa; null when undefined (empty universe, or chance agreement is 1: both coders always said the same one thing). */
  kappa: number | null;
}

export interface TagAgreement {
  tagId: string;
  tagName: string;
  units: AgreementTable;
  text: AgreementTable;
}

export type UnitUniverse = 'coded-by-either' | 'sources-coded-by-both';

export interface AgreementReport {
  coders: [string, string];
  universe: {
    units: UnitUniverse;
    /** Units in the unit-level universe. */
    unitCount: number;
    /** Units in the character-level universe, and their length in code points. */
    textUnitCount: number;
    characters: number;
  };
  tags: TagAgreement[];
  overall: {
    units: AgreementTable;
    text: AgreementTable;
    meanKappaUnits: number | null;
    meanKappaText: number | null;
  };
}

export interface AgreementOptions {
  unitUniverse?: UnitUniverse;
}

export function agreementTable(both: number, onlyA: number, onlyB: number, neither: number): AgreementTable {
  const total = both + onlyA + onlyB + neither;
  if (total === 0) return { both, onlyA, onlyB, neither, total, percent: null, kappa: null };
  const po = (both + neither) / total;
  const pA = (both + onlyA) / total;
  const pB = (both + onlyB) / total;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  return { both, onlyA, onlyB, neither, total, percent: po * 100, kappa: pe >= 1 ? null : (po - pe) / (1 - pe) };
}

export function agreement(snapshot: WorkspaceSnapshot, coderA: string, coderB: string, options: AgreementOptions = {}): AgreementReport {
  const universeKind = options.unitUniverse ?? 'coded-by-either';
  const units = new Map(snapshot.tables.units.map((u) => [u.id, u]));
  const highlights = new Map(snapshot.tables.highlights.map((h) => [h.id, h]));
  const byCoder = (c: string): Tagging[] => snapshot.tables.taggings.filter((t) => t.coder === c);
  const taggingsA = byCoder(coderA);
  const taggingsB = byCoder(coderB);
  const unitLevel = (ts: Tagging[]): Tagging[] => ts.filter((t) => t.highlightId === undefined && units.has(t.unitId));
  const textLevel = (ts: Tagging[]): Tagging[] => ts.filter((t) => t.highlightId !== undefined && highlights.has(t.highlightId));

  const tagIds = [...new Set([...taggingsA, ...taggingsB].map((t) => t.tagId))];
  const tagNames = new Map(snapshot.tables.tags.map((t) => [t.id, t.name]));
  tagIds.sort((x, y) => (tagNames.get(x) ?? x).localeCompare(tagNames.get(y) ?? y) || x.localeCompare(y));

  const unitUniverse = unitUniverseIds(universeKind, unitLevel(taggingsA), unitLevel(taggingsB), snapshot.tables.units, units);
  const unitSets = (ts: Tagging[]): Map<string, Set<string>> => {
    const m = new Map<string, Set<string>>();
    for (const t of unitLevel(ts)) {
      const s = m.get(t.tagId) ?? new Set<string>();
      s.add(t.unitId);
      m.set(t.tagId, s);
    }
    return m;
  };
  const unitsA = unitSets(taggingsA);
  const unitsB = unitSets(taggingsB);

  const textA = textLevel(taggingsA);
  const textB = textLevel(taggingsB);
  const textUnits = [...new Set([...textA, ...textB].map((t) => t.unitId))].map((id) => units.get(id)).filter((u): u is Unit => u !== undefined);
  const lengths = new Map(textUnits.map((u) => [u.id, codePointLength(u.text)]));
  const characters = [...lengths.values()].reduce((a, b) => a + b, 0);

  const tags: TagAgreement[] = tagIds.map((tagId) => ({
    tagId,
    tagName: tagNames.get(tagId) ?? tagId,
    units: unitAgreement(unitUniverse, unitsA.get(tagId), unitsB.get(tagId)),
    text: textAgreement(lengths, characters, rangesOf(textA, tagId, highlights), rangesOf(textB, tagId, highlights)),
  }));

  const pool = (pick: (t: TagAgreement) => AgreementTable): AgreementTable => {
    const sum = (f: (t: AgreementTable) => number): number => tags.reduce((n, t) => n + f(pick(t)), 0);
    return agreementTable(
      sum((t) => t.both),
      sum((t) => t.onlyA),
      sum((t) => t.onlyB),
      sum((t) => t.neither),
    );
  };
  const mean = (pick: (t: TagAgreement) => AgreementTable): number | null => {
    const ks = tags.map((t) => pick(t)).filter((t) => t.both + t.onlyA + t.onlyB > 0).map((t) => t.kappa).filter((k): k is number => k !== null);
    return ks.length === 0 ? null : ks.reduce((a, b) => a + b, 0) / ks.length;
  };

  return {
    coders: [coderA, coderB],
    universe: { units: universeKind, unitCount: unitUniverse.size, textUnitCount: textUnits.length, characters },
    tags,
    overall: { units: pool((t) => t.units), text: pool((t) => t.text), meanKappaUnits: mean((t) => t.units), meanKappaText: mean((t) => t.text) },
  };
}

function unitUniverseIds(kind: UnitUniverse, a: Tagging[], b: Tagging[], allUnits: readonly Unit[], units: ReadonlyMap<string, Unit>): Set<string> {
  if (kind === 'coded-by-either') return new Set([...a, ...b].map((t) => t.unitId));
  const sourcesOf = (ts: Tagging[]): Set<string> => new Set(ts.map((t) => units.get(t.unitId)?.sourceId).filter((s): s is string => s !== undefined));
  const sa = sourcesOf(a);
  const sb = sourcesOf(b);
  return new Set(allUnits.filter((u) => sa.has(u.sourceId) && sb.has(u.sourceId)).map((u) => u.id));
}

function unitAgreement(universe: ReadonlySet<string>, a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): AgreementTable {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const id of universe) {
    const inA = a?.has(id) ?? false;
    const inB = b?.has(id) ?? false;
    if (inA && inB) both++;
    else if (inA) onlyA++;
    else if (inB) onlyB++;
  }
  return agreementTable(both, onlyA, onlyB, universe.size - both - onlyA - onlyB);
}

type Ranges = Map<string, [number, number][]>;

function rangesOf(taggings: readonly Tagging[], tagId: string, highlights: ReadonlyMap<string, Highlight>): Ranges {
  const out: Ranges = new Map();
  for (const t of taggings) {
    if (t.tagId !== tagId || t.highlightId === undefined) continue;
    const h = highlights.get(t.highlightId);
    if (!h) continue;
    const list = out.get(h.unitId) ?? [];
    list.push([h.start, h.end]);
    out.set(h.unitId, list);
  }
  return out;
}

function textAgreement(lengths: ReadonlyMap<string, number>, characters: number, a: Ranges, b: Ranges): AgreementTable {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const unitId of new Set([...a.keys(), ...b.keys()])) {
    const len = lengths.get(unitId) ?? 0;
    const marks = new Uint8Array(len);
    for (const [s, e] of a.get(unitId) ?? []) for (let i = Math.max(0, s); i < Math.min(e, len); i++) marks[i] = (marks[i] ?? 0) | 1;
    for (const [s, e] of b.get(unitId) ?? []) for (let i = Math.max(0, s); i < Math.min(e, len); i++) marks[i] = (marks[i] ?? 0) | 2;
    for (const m of marks) {
      if (m === 3) both++;
      else if (m === 1) onlyA++;
      else if (m === 2) onlyB++;
    }
  }
  return agreementTable(both, onlyA, onlyB, characters - both - onlyA - onlyB);
}

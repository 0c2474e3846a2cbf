/**
 * Workspace database v1 → v2: one record per unit becomes blocks of units, survey respondents become
 * respondent blocks, and per-source stats are computed once (see schema.ts for why).
 *
 * v1 allowed any unit id; v2 finds a unit from its id alone, so a unit whose id is not `${sourceId}:${seq}`
 * gets that id, and every reference to it (highlights, taggings, clusterings, insight evidence) follows.
 * Participants keep their ids: those that are not `${sourceId}:p${index}` stay one record each.
 */
import type { Transaction } from 'dexie';
import type { Clustering, Highlight, Insight, Participant, Source, Tagging, Unit } from '../../../core/model';
import { hasConventionalId } from '../../../core/unit-id';
import { layoutRecords } from './blocks';

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const units: Unit[] = await tx.table('units').toArray();
  const sources: Source[] = await tx.table('sources').toArray();
  const participants: Participant[] = await tx.table('participants').toArray();

  const renamed = new Map<string, string>();
  const usedSeqs = new Map<string, Set<number>>();
  const maxSeq = new Map<string, number>();
  const take = (sourceId: string, seq: number): void => {
    seqsOf(usedSeqs, sourceId).add(seq);
    maxSeq.set(sourceId, Math.max(seq, maxSeq.get(sourceId) ?? -1));
  };
  for (const u of units) if (hasConventionalId(u)) take(u.sourceId, u.seq);
  const fixed = units.map((u): Unit => {
    if (hasConventionalId(u)) return u;
    const used = seqsOf(usedSeqs, u.sourceId);
    let seq = Number.isSafeInteger(u.seq) && u.seq >= 0 ? u.seq : 0;
    // Two v1 units of a source could share a seq; the later one moves past the end.
    if (used.has(seq)) seq = (maxSeq.get(u.sourceId) ?? -1) + 1;
    take(u.sourceId, seq);
    const id = `${u.sourceId}:${seq}`;
    renamed.set(u.id, id);
    return { ...u, id, seq };
  });

  const layout = layoutRecords(sources, fixed, participants);
  const respondentIds = new Set(participants.map((p) => p.id));
  for (const p of layout.participants) respondentIds.delete(p.id);
  await tx.table('unitBlocks').bulkAdd(layout.unitBlocks);
  await tx.table('respondentBlocks').bulkAdd(layout.respondentBlocks);
  await tx.table('sourceMeta').bulkAdd(layout.metas);
  await tx.table('participants').bulkDelete([...respondentIds]);

  if (renamed.size === 0) return;
  const to = (id: string): string => renamed.get(id) ?? id;
  await tx.table('highlights').toCollection().modify((h: Highlight) => {
    h.unitId = to(h.unitId);
  });
  await tx.table('taggings').toCollection().modify((t: Tagging) => {
    t.unitId = to(t.unitId);
  });
  await tx.table('clusterings').toCollection().modify((c: Clustering) => {
    for (const k of c.clusters) k.unitIds = k.unitIds.map(to);
  });
  await tx.table('insights').toCollection().modify((i: Insight) => {
    for (const e of i.evidence) if (e.kind !== 'highlight') e.refId = to(e.refId);
  });
}

function seqsOf(map: Map<string, Set<number>>, sourceId: string): Set<number> {
  let set = map.get(sourceId);
  if (set === undefined) {
    set = new Set();
    map.set(sourceId, set);
  }
  return set;
}

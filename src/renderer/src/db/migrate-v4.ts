/**
 * Workspace database v3 → v4: adds `taggingBlocks`. Taggings written before v4 have random ids and stay one
 * record each in `taggings` (their ids are referenced by saved states and other copies' files, so they are
 * never renamed). Any tagging whose id already has the batch form (e.g. from a file a newer Loupe wrote and
 * an older one imported) moves to its block, where v4 looks for it.
 */
import type { Transaction } from 'dexie';
import type { Tagging } from '../../../core/model';
import { encodeTaggingBlock, taggingBlockOf } from './tagging-blocks';

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const groups = new Map<string, { batch: string; block: number; taggings: Tagging[] }>();
  await tx
    .table('taggings')
    .toCollection()
    .each((t: Tagging) => {
      const where = taggingBlockOf(t.id);
      if (where === undefined) return;
      const k = `${where.key[0]}\u0000${where.key[1]}`;
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = { batch: where.key[0], block: where.key[1], taggings: [] }));
      g.taggings.push(t);
    });
  if (groups.size === 0) return;
  const moved = [...groups.values()];
  await tx.table('taggingBlocks').bulkAdd(moved.map((g) => encodeTaggingBlock(g.batch, g.block, g.taggings)));
  await tx.table('taggings').bulkDelete(moved.flatMap((g) => g.taggings.map((t) => t.id)));
}

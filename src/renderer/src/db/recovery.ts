/**
 * Crash recovery for imports: an import stages blocks beyond its source's committed range and records that
 * in the source's meta (`staging`). If the app died mid-import, those blocks and the half-made source are
 * deleted the next time the workspace database is opened, so the workspace is exactly as before the import.
 */
import { isLockHeld } from './locks';
import type { SourceMeta, WorkspaceDb } from './schema';

/** Deletes what interrupted imports staged. Imports still running (their lock is held) are left alone. */
export async function recoverInterruptedImports(db: WorkspaceDb): Promise<number> {
  const metas = await db.sourceMeta.toArray();
  let recovered = 0;
  for (const meta of metas) {
    if (meta.staging === undefined && meta.status === 'ready') continue;
    if (meta.staging !== undefined && (await isLockHeld(meta.staging.lock))) continue;
    await discardStaged(db, meta);
    recovered++;
  }
  return recovered;
}

/** Deletes every block an import of this source staged and puts the source's meta back to its committed state. */
export async function discardStaged(db: WorkspaceDb, meta: SourceMeta): Promise<void> {
  const { sourceId } = meta;
  const fromUnit = meta.staging?.unitBlock ?? 0;
  const fromRespondent = meta.staging?.respondentBlock ?? 0;
  const fromCells = meta.staging?.cellBlock ?? (meta.status === 'importing' ? 0 : undefined);
  await db.transaction('rw', [db.unitBlocks, db.respondentBlocks, db.surveyCells, db.sourceMeta, db.lineageState], async () => {
    await db.unitBlocks.where(':id').between([sourceId, fromUnit], [sourceId, Infinity], true, true).delete();
    await db.respondentBlocks.where(':id').between([sourceId, fromRespondent], [sourceId, Infinity], true, true).delete();
    if (fromCells !== undefined) await db.surveyCells.where(':id').between([sourceId, fromCells], [sourceId, Infinity], true, true).delete();
    if (meta.status === 'importing') await db.sourceMeta.delete(sourceId);
    else {
      const committed: SourceMeta = { ...meta };
      delete committed.staging;
      await db.sourceMeta.put(committed);
    }
  });
}

import type { UnitBlock, WorkspaceDb } from '../../src/renderer/src/db/schema';

/**
 * Writes unit blocks as the app's repositories do: in a transaction that also holds lineageState, where every
 * unit write changes the units version (src/renderer/src/db/units-version.ts refuses a write without it).
 */
export async function putUnitBlocks(db: WorkspaceDb, blocks: readonly UnitBlock[]): Promise<void> {
  await db.transaction('rw', db.unitBlocks, db.lineageState, async () => {
    await db.unitBlocks.bulkPut([...blocks]);
  });
}

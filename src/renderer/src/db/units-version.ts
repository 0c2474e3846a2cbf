/**
 * A mark that changes whenever the stored units change, so a save can tell that the units are exactly those of
 * the head's file and copy that file's deflated unit entries instead of reading, writing and deflating a million
 * units again (db/lineage.ts prepareSave, core reusableUnitParts).
 *
 * How it cannot go stale: every WorkspaceDb runs this middleware, which puts a new random version in
 * lineageState['units'] in the SAME transaction as any write to unitBlocks — whatever the code path (import, role
 * change, snapshot import, recovery, a future one). A write in a transaction whose scope lacks lineageState is
 * refused with an error rather than left unmarked. A save notes the version it read with the units, and commitSave
 * records it beside the head only when it is still current; a save reuses the head's unit entries only when the
 * version it reads now is the recorded one.
 *
 * The one write that is not a change: sentiment scores (a cache of the text, never in files) — its transactions
 * are marked with `keepUnitsVersion`.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { newId } from '../../../core/ids';

export const UNITS_VERSION_KEY = 'units';

/** lineageState's record holding the mark. */
export interface UnitsVersion {
  key: typeof UNITS_VERSION_KEY;
  version: string;
}

const keeping = new WeakSet<object>();

/** Call inside a Dexie transaction whose unit-block writes do not change what a file holds (sentiment scores). */
export function keepUnitsVersion(): void {
  const idb = Dexie.currentTransaction?.idbtrans;
  if (idb === undefined || idb === null) throw new Error('keepUnitsVersion must be called inside a transaction');
  keeping.add(idb);
}

function scopeHas(trans: DBCoreTransaction, store: string): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return names !== undefined && names.contains(store);
}

export const unitsVersionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'unitsVersion',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'unitBlocks') return table;
        const marked: DBCoreTable = {
          ...table,
          async mutate(req: DBCoreMutateRequest) {
            const trans = req.trans;
            if (keeping.has(trans as object)) return table.mutate(req);
            const inScope = scopeHas(trans, 'lineageState');
            // An upgrade from before lineageState existed (v2): no save can be marked yet, nothing to change.
            if (!inScope && (trans as unknown as IDBTransaction).mode !== 'versionchange') {
              throw new Error('unitBlocks written in a transaction without lineageState: the units version cannot be changed with it');
            }
            if (!inScope) return table.mutate(req);
            const mark: UnitsVersion = { key: UNITS_VERSION_KEY, version: newId() };
            // Both requests queued at once, in the same transaction: they commit or fail together.
            const [, result] = await Promise.all([down.table('lineageState').mutate({ type: 'put', trans, values: [mark] }), table.mutate(req)]);
            return result;
          },
        };
        return marked;
      },
    };
  },
};

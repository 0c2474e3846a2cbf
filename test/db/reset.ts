// Fresh IndexedDB between tests: close the app's cached connections and delete every database.
import Dexie from 'dexie';
import { closeAll } from '../../src/renderer/src/db/connections';

export async function resetDatabases(): Promise<void> {
  closeAll();
  for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
  // Work a finished test left running (an index build, sentiment scoring) may have opened and cached a connection
  // while the databases were being deleted; that connection was closed by the delete and must not be handed to
  // the next test (it failed the next test's first open with OpenFailedError, under load in CI).
  closeAll();
}

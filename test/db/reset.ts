// Fresh IndexedDB between tests: close the app's cached connections and delete every database.
import Dexie from 'dexie';
import { closeAll } from '../../src/renderer/src/db/connections';

export async function resetDatabases(): Promise<void> {
  closeAll();
  for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
}

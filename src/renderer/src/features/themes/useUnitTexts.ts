/**
 * Card texts, read on demand: a column asks for the texts of the cards it renders (a window of a virtualized
 * list), so a run of a million answers costs a few hundred reads, not a million. Unit texts never change after
 * import, so what is read stays cached for the run.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { unitTexts } from '../../db/clusterings';

export interface CardTexts {
  /** The text of a unit; undefined while it is being read, null when the unit is no longer in the workspace. */
  get(unitId: string): string | null | undefined;
  /** Asks for texts not read yet (batched with other requests of the same moment). */
  request(unitIds: readonly string[]): void;
  /** Changes whenever texts arrive. */
  version: number;
}

interface Store {
  cache: Map<string, string | null>;
  /** Requested, not yet being read. */
  wanted: Set<string>;
  /** Being read. */
  reading: Set<string>;
  timer: number | null;
}

export function useUnitTexts(workspaceId: string, runId: string): CardTexts {
  // One store per run: a new run starts empty, and reads still in flight for the old one fill the old store.
  const store = useMemo((): Store => ({ cache: new Map(), wanted: new Set(), reading: new Set(), timer: null }), [workspaceId, runId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [version, setVersion] = useState(0);

  const request = useCallback(
    (unitIds: readonly string[]) => {
      for (const id of unitIds) if (!store.cache.has(id) && !store.reading.has(id)) store.wanted.add(id);
      if (store.wanted.size === 0 || store.timer !== null) return;
      store.timer = window.setTimeout(() => {
        store.timer = null;
        const ids = [...store.wanted];
        store.wanted.clear();
        for (const id of ids) store.reading.add(id);
        unitTexts(workspaceId, ids).then(
          (found) => {
            for (const id of ids) {
              store.cache.set(id, found.get(id) ?? null);
              store.reading.delete(id);
            }
            setVersion((v) => v + 1);
          },
          // A failed read (the workspace closed while it ran) leaves the cards asking again next render.
          () => {
            for (const id of ids) store.reading.delete(id);
          },
        );
      }, 0);
    },
    [store, workspaceId],
  );

  useEffect(
    () => () => {
      if (store.timer !== null) window.clearTimeout(store.timer);
    },
    [store],
  );

  return useMemo((): CardTexts => ({ get: (id) => store.cache.get(id), request, version }), [store, request, version]);
}

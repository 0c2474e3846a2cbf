/**
 * Units by id for the codebook's counts and the split dialog's quotes. Reads through the workspace-data
 * repository whenever the wanted ids change (the caller memoizes the array).
 */
import { useEffect, useState } from 'react';
import type { Unit } from '../../../../core/model';
import { getUnits } from '../../db/workspace-data';

export function useUnitsById(workspaceId: string, unitIds: readonly string[]): Map<string, Unit> | undefined {
  const [units, setUnits] = useState<{ ids: readonly string[]; map: Map<string, Unit> } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    getUnits(workspaceId, [...unitIds]).then(
      (map) => live && setUnits({ ids: unitIds, map }),
      // Counts are a convenience: on a failed read they stay "…" rather than break the codebook.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workspaceId, unitIds]);
  // Until the new read lands, the previous answer is still right for every unit it has.
  return units?.map;
}

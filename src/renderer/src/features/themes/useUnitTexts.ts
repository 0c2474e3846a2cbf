/** The texts of a run's cards, read once per run: unit texts never change after import, and cards only move. */
import { useEffect, useState } from 'react';
import type { Clustering } from '../../../../core/model';
import { unitTexts } from '../../db/clusterings';

export function useUnitTexts(workspaceId: string, clustering: Clustering): Map<string, string> | undefined {
  const [texts, setTexts] = useState<{ runId: string; texts: Map<string, string> } | null>(null);
  const runId = clustering.id;
  useEffect(() => {
    let live = true;
    void unitTexts(workspaceId, clustering.clusters.flatMap((c) => c.unitIds)).then((map) => live && setTexts({ runId, texts: map }));
    return () => {
      live = false;
    };
    // Keyed by the run only: board edits move cards between themes but never add or remove texts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, runId]);
  return texts?.runId === runId ? texts.texts : undefined;
}

/**
 * Comparing two clustering runs of (mostly) the same texts: the overlap of every theme of run A with every
 * theme of run B, and for each theme of A its best match in B by Jaccard similarity |A∩B| / |A∪B|.
 * The unclustered buckets take no part: "fits nowhere" in both runs is not a shared theme.
 */
import type { ClusterDef } from '../../../../core/model';
import { isUnclustered } from '../../db/clusterings';

export interface ThemeMatch {
  a: ClusterDef;
  /** Undefined when no theme of B shares a member. */
  b: ClusterDef | undefined;
  overlap: number;
  jaccard: number;
}

export interface RunComparison {
  rows: ClusterDef[];
  columns: ClusterDef[];
  /** overlap[i][j]: members theme i of A and theme j of B have in common. */
  overlap: number[][];
  best: ThemeMatch[];
}

export function compareRuns(a: readonly ClusterDef[], b: readonly ClusterDef[]): RunComparison {
  const rows = a.filter((c) => !isUnclustered(c));
  const columns = b.filter((c) => !isUnclustered(c));
  const where = new Map<string, number>();
  columns.forEach((c, j) => c.unitIds.forEach((id) => where.set(id, j)));
  const overlap = rows.map((c) => {
    const counts = new Array<number>(columns.length).fill(0);
    for (const id of c.unitIds) {
      const j = where.get(id);
      if (j !== undefined) counts[j]! += 1;
    }
    return counts;
  });
  const best = rows.map((c, i): ThemeMatch => {
    let pick: ThemeMatch = { a: c, b: undefined, overlap: 0, jaccard: 0 };
    overlap[i]!.forEach((n, j) => {
      if (n === 0) return;
      const other = columns[j]!;
      const jaccard = n / (c.unitIds.length + other.unitIds.length - n);
      if (jaccard > pick.jaccard) pick = { a: c, b: other, overlap: n, jaccard };
    });
    return pick;
  });
  return { rows, columns, overlap, best };
}

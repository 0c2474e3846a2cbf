/**
 * REFI-QDA codebooks (`.qdc`) for whole workspaces. The reading and writing is the coding module's
 * (src/core/coding/codebook-qdc.ts); this applies it to a snapshot, the way the CLI and importers need it.
 */
import { applyChangeSet, codingState } from '../coding/changeset';
import { exportCodebookQdc, importCodebookQdc } from '../coding/codebook-qdc';
import { importCodebook, type CodebookIssue } from '../coding/exchange';
import type { OpEnv } from '../coding/env';
import type { WorkspaceSnapshot } from '../model';

export function exportQdc(snapshot: WorkspaceSnapshot): string {
  return exportCodebookQdc(new Map(snapshot.tables.tags.map((t) => [t.id, t])));
}

export interface QdcImport {
  snapshot: WorkspaceSnapshot;
  issues: CodebookIssue[];
  created: number;
  updated: number;
}

/** Adds the codebook's codes to the workspace; tags with the same path keep their id and codings (see importCodebook). */
export function importQdc(snapshot: WorkspaceSnapshot, xml: string, options: { env?: OpEnv } = {}): QdcImport {
  const parsed = importCodebookQdc(xml);
  const state = codingState(snapshot.tables);
  const op = importCodebook(state, parsed.entries, options.env ? { env: options.env } : {});
  const next = applyChangeSet(state, op.changes);
  return {
    snapshot: { meta: snapshot.meta, tables: { ...snapshot.tables, tags: [...next.tags.values()] } },
    issues: parsed.issues,
    created: op.created,
    updated: op.updated,
  };
}

/**
 * `loupe merge <base.loupe> <mine.loupe> <theirs.loupe> --out <merged.loupe> [--prefer mine|theirs] [--json]`:
 * three-way merge of two coders' copies of one workspace. Conflicts take a default side and are listed;
 * the merged file records both parents in its lineage. Exit 0 even with conflicts: they are resolved, and said.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findCommonAncestor, LINEAGE_ENTRY, lineageEntry, LineageError, readLineage, type Lineage } from '../../core/merge/lineage';
import { mergeWorkspaces, type MergeResult, type Side } from '../../core/merge/merge';
import { TABLES } from '../../core/model';
import { encodeWorkspace } from '../../core/workspace-file';
import { readWorkspaceFile, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

const USAGE = 'loupe merge <base.loupe> <mine.loupe> <theirs.loupe> --out <merged.loupe> [--prefer mine|theirs] [--json]';

export const mergeCommand: Command = {
  name: 'merge',
  summary: "Merge two coders' copies of a workspace against their common base.",
  usage: USAGE,
  run({ args, io, appVersion }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, prefer: { type: 'string', default: 'mine' }, json: { type: 'boolean', default: false } },
    });
    const [basePath, minePath, theirsPath, ...extra] = positionals;
    if (basePath === undefined || minePath === undefined || theirsPath === undefined) throw new UsageError('give the base, mine and theirs workspace files');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required');
    if (values.prefer !== 'mine' && values.prefer !== 'theirs') throw new UsageError('--prefer must be mine or theirs');
    const prefer: Side = values.prefer;

    const warnings: string[] = [];
    const load = (path: string): { snapshot: ReturnType<typeof readWorkspaceFile>; lineage: Lineage | undefined } => {
      const snapshot = readWorkspaceFile(path);
      try {
        return { snapshot, lineage: readLineage(new Uint8Array(readFileSync(path))) };
      } catch (error) {
        if (!(error instanceof LineageError)) throw error;
        warnings.push(`${path}: ${error.message}`);
        return { snapshot, lineage: undefined };
      }
    };
    const base = load(basePath);
    const mine = load(minePath);
    const theirs = load(theirsPath);
    if (mine.lineage && theirs.lineage && base.lineage) {
      const common = findCommonAncestor(mine.lineage, theirs.lineage);
      if (common !== undefined && common !== base.lineage.head) {
        warnings.push(`${basePath} is not the last save both files share; conflicts may be reported for changes they already have in common.`);
      }
    }

    const result = mergeWorkspaces(base, mine, theirs, { prefer });
    writeFileAtomic(values.out, encodeWorkspace(result.snapshot, { appVersion, extraEntries: { [LINEAGE_ENTRY]: lineageEntry(result.lineage) } }));
    io.out(values.json ? JSON.stringify(mergeJson(values.out, result, warnings), null, 2) + '\n' : formatMerge(values.out, result, warnings));
    return 0;
  },
};

function mergeJson(out: string, r: MergeResult, warnings: string[]): unknown {
  return {
    out,
    summary: r.summary,
    conflicts: r.conflicts.map((c) => ({ key: c.key, table: c.table, id: c.id, kind: c.kind, pick: c.pick, defaultPick: c.defaultPick, fields: c.fields, mine: c.mine, theirs: c.theirs, dependents: c.dependents })),
    remapped: r.remapped,
    collapsed: r.collapsed,
    dangling: r.dangling,
    warnings,
  };
}

function formatMerge(out: string, r: MergeResult, warnings: string[]): string {
  const lines: string[] = [`Merged into ${out}`, ''];
  const rows = TABLES.map((t) => [t, r.summary[t]] as const).filter(([, s]) => s.added + s.changed + s.deleted + s.conflicts + s.remapped > 0);
  if (rows.length === 0) lines.push('  No differences.');
  const width = Math.max(0, ...rows.map(([t]) => t.length));
  for (const [t, s] of rows) {
    const parts = [`${s.added} added`, `${s.changed} changed`, `${s.deleted} deleted`];
    if (s.conflicts > 0) parts.push(`${s.conflicts} conflicts`);
    if (s.remapped > 0) parts.push(`${s.remapped} remapped`);
    lines.push(`  ${t.padEnd(width)}  ${parts.join(', ')}`);
  }
  if (r.collapsed.length > 0) lines.push('', `${r.collapsed.length} duplicate coding(s) collapsed after a tag merge.`);
  if (r.conflicts.length > 0) {
    lines.push('', `${r.conflicts.length} conflict(s), each resolved as shown:`);
    for (const c of r.conflicts) {
      const fields = c.fields.map((f) => f.field).join(', ');
      const kept = (c.pick === 'mine' ? c.mine : c.theirs) ? `kept ${c.pick}` : `deleted (${c.pick})`;
      const deps = c.dependents.length > 0 ? `; ${c.dependents.length} record(s) point at it` : '';
      lines.push(`  ${c.key}  ${c.kind}  ${kept}${fields && c.kind === 'edit-edit' ? `  [${fields}]` : ''}${deps}`);
    }
    lines.push('', 'Run with --json for both versions of each, or --prefer theirs to take their side.');
  }
  if (r.dangling.length > 0) lines.push('', `${r.dangling.length} reference(s) were already broken in an input and were left as they are.`);
  for (const w of warnings) lines.push('', `Warning: ${w}`);
  return lines.join('\n') + '\n';
}

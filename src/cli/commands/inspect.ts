/** `loupe inspect <file.loupe> [--json]`: what a workspace holds. */
import { parseArgs } from 'node:util';
import { inspectWorkspace, type WorkspaceInspection } from '../../core/inspect';
import { UsageError, readWorkspaceFile, type Command } from '../context';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Show the sources, questions and totals of a workspace.',
  usage: 'loupe inspect <file.loupe> [--json]',
  run({ args, io }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const report = inspectWorkspace(readWorkspaceFile(file));
    io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatInspection(report));
    return 0;
  },
};

export function formatInspection(r: WorkspaceInspection): string {
  const lines: string[] = [];
  lines.push(`Workspace  ${r.workspace.name}`, `Id         ${r.workspace.id}`, '');
  const totals = Object.entries(r.totals);
  const width = Math.max(...totals.map(([k]) => k.length));
  for (const [k, v] of totals) lines.push(`  ${k.padEnd(width)}  ${String(v).padStart(7)}`);
  for (const s of r.sources) {
    lines.push('', `${s.title}`, `  ${s.kind} · ${s.vendor} · ${s.encoding} · ${s.units} units · ${s.participants} participants`);
    if (s.questions.length > 0) {
      const labelWidth = Math.max(...s.questions.map((q) => q.label.length));
      for (const q of s.questions) lines.push(`  ${q.label.padEnd(labelWidth)}  ${q.type.padEnd(9)}  ${q.text}`);
    }
  }
  if (r.clusterings.length > 0) {
    lines.push('', 'Clustering runs');
    for (const c of r.clusterings) lines.push(`  ${c.name} · ${c.clusters} clusters · ${c.createdAt.slice(0, 16).replace('T', ' ')} · ${c.id}`);
  }
  return lines.join('\n') + '\n';
}

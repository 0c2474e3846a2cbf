/**
 * `loupe export <file.loupe> --format qdpx|qdc --out <path> [--json]`: write a workspace in an exchange format.
 * REFI-QDA project (.qdpx) or codebook (.qdc); what the format cannot carry is printed. Other formats
 * (csv, xlsx) are meant to join the FORMATS table.
 */
import { parseArgs } from 'node:util';
import type { WorkspaceSnapshot } from '../../core/model';
import { exportQdc, exportQdpx, type LossReport } from '../../core/refi';
import { readWorkspaceFile, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

interface Exported {
  bytes: Uint8Array;
  loss: LossReport;
}

const FORMATS: Record<string, (s: WorkspaceSnapshot) => Exported> = {
  qdpx: (s) => exportQdpx(s),
  qdc: (s) => ({ bytes: new TextEncoder().encode(exportQdc(s)), loss: { lost: [], notes: ['Only the codebook is exported.'] } }),
};

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a workspace as a REFI-QDA project (.qdpx) or codebook (.qdc).',
  usage: `loupe export <file.loupe> --format ${Object.keys(FORMATS).join('|')} --out <path> [--json]`,
  run({ args, io }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const format = values.format;
    const write = format !== undefined ? FORMATS[format] : undefined;
    if (format === undefined || write === undefined) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
    if (values.out === undefined || values.out.trim() === '') throw new UsageError('--out is required');
    const { bytes, loss } = write(readWorkspaceFile(file));
    writeFileAtomic(values.out, bytes);
    if (values.json) io.out(JSON.stringify({ out: values.out, format, loss }, null, 2) + '\n');
    else io.out(formatLoss(`Exported ${file} to ${values.out} (${format})`, loss));
    return 0;
  },
};

export function formatLoss(title: string, loss: LossReport): string {
  const lines = [title];
  if (loss.lost.length === 0) lines.push('Nothing was lost.');
  else {
    lines.push('', 'Not carried over:');
    for (const l of loss.lost) lines.push(`  - ${l.message}`);
  }
  if (loss.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of loss.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}

/** `loupe new <file.loupe> --name <name> [--force]`: an empty workspace. */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { newId, nowIso } from '../../core/ids';
import { emptyTables } from '../../core/model';
import { encodeWorkspace } from '../../core/workspace-file';
import { CliFailure, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

export const newCommand: Command = {
  name: 'new',
  summary: 'Create an empty workspace file.',
  usage: 'loupe new <file.loupe> --name <name> [--force]',
  run({ args, io, appVersion }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { name: { type: 'string' }, force: { type: 'boolean', default: false } },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the file to create');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const name = values.name?.trim();
    if (name === undefined || name === '') throw new UsageError('--name is required');
    if (existsSync(file) && !values.force) throw new CliFailure(`${file} already exists; pass --force to overwrite it.`);
    const now = nowIso();
    const bytes = encodeWorkspace({ meta: { id: newId(), name, createdAt: now, updatedAt: now }, tables: emptyTables() }, { appVersion });
    writeFileAtomic(file, bytes);
    io.out(`Created ${file} (workspace "${name}").\n`);
    return 0;
  },
};

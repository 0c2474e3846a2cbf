/** `loupe sample <file.loupe>`: writes the bundled sample workspace (what `npm run sample` regenerates). */
import { parseArgs } from 'node:util';
import { buildSampleWorkspace } from '../../core/sample';
import { encodeWorkspace } from '../../core/workspace-file';
import { UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'Write the sample workspace (Relay customer research).',
  usage: 'loupe sample <file.loupe>',
  run({ args, io, appVersion }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the file to write');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    const snapshot = buildSampleWorkspace();
    writeFileAtomic(file, encodeWorkspace(snapshot, { appVersion }));
    io.out(`Wrote ${file} (${snapshot.tables.sources.length} sources, ${snapshot.tables.units.length} units).\n`);
    return 0;
  },
};

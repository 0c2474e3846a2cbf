/** Finds the workspace file in a command line (startup or a second instance's argv). */
import { resolve } from 'node:path';

/**
 * The last argument that names a .loupe file. argv[0] is the executable; flags (Chromium adds some) are
 * skipped. Relative paths resolve against `cwd` (a second instance's working directory).
 */
export function findWorkspaceArg(argv: readonly string[], cwd: string = process.cwd()): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && /\.loupe$/i.test(arg));
  const last = candidates.at(-1);
  return last === undefined ? null : resolve(cwd, last);
}

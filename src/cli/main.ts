/**
 * The `loupe` command line: finds the command, turns errors into one line on stderr and an exit code
 * (2 wrong usage, 1 failure). All real work is done by src/core. To add a command, write
 * commands/<name>.ts exporting a `Command` and list it in COMMANDS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceFileError } from '../core/workspace-file';
import { CliFailure, UsageError, type CliIo, type Command } from './context';
import { agreementCommand } from './commands/agreement';
import { clusterCommand } from './commands/cluster';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { mergeCommand } from './commands/merge';
import { newCommand } from './commands/new';
import { reportCommand } from './commands/report';
import { sampleCommand } from './commands/sample';

export const COMMANDS: readonly Command[] = [newCommand, importCommand, inspectCommand, sampleCommand, mergeCommand, agreementCommand, exportCommand, clusterCommand, reportCommand];

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function appVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: loupe <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --help, -h     Show help (also: loupe <command> --help)',
    '  --version, -v  Show the version',
    '',
  ].join('\n');
}

/** Runs the CLI with process.argv-style arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv.slice(2);
  if (name === undefined) {
    io.err(helpText());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${appVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`loupe: unknown command "${name}". Run "loupe --help" for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run({ args, io, appVersion: appVersion() });
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`loupe ${command.name}: ${error instanceof Error ? error.message : String(error)}. Usage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof CliFailure || error instanceof WorkspaceFileError) {
      io.err(`loupe ${command.name}: ${error.message}\n`);
      return 1;
    }
    if (isFsError(error)) {
      io.err(`loupe ${command.name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

/** Errors from node:fs (EACCES, ENOENT, ENOSPC…) are the user's environment, not a bug: one line, exit 1. */
function isFsError(error: unknown): error is Error {
  return error instanceof Error && 'syscall' in error && 'code' in error;
}

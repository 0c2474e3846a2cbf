/**
 * What every `loupe` command gets: its arguments, output streams and the errors it may throw.
 * Commands are one module each under commands/ and are registered in main.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeWorkspace } from '../core/workspace-file';
import type { WorkspaceSnapshot } from '../core/model';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  /** Arguments after the command name. */
  args: string[];
  io: CliIo;
  appVersion: string;
}

export interface Command {
  name: string;
  /** One line for `loupe --help`. */
  summary: string;
  /** Usage line(s) for `loupe <command> --help` and usage errors. */
  usage: string;
  run(ctx: CommandContext): number | Promise<number>;
}

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command could not do its work for a reason the user can fix (missing file, refusal): exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

export function readWorkspaceFile(path: string): WorkspaceSnapshot {
  if (!existsSync(path)) throw new CliFailure(`${path}: no such file.`);
  return decodeWorkspace(readFileSync(path));
}

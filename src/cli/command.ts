/** The shape of one `duesight` sub-command, and what every command is handed. */
import type { ParseArgsConfig } from 'node:util';
import type { Database } from '../lib/server/db.ts';

export type Flags = Record<string, string | boolean | undefined>;

export interface CommandContext {
  /** Flags after parsing, `--db` resolved to a path. */
  flags: Flags;
  /** Positional arguments after the command name (and its sub-command, if any). */
  args: string[];
  /** Opens the database named by `--db` (once; closed by main). */
  openDb(options?: { readOnly?: boolean }): Promise<Database>;
  /** Machine-readable output: the only thing written to stdout with --json. */
  out(text: string): void;
  /** Human messages and progress: stderr. */
  err(text: string): void;
  /** Reads standard input to the end (passwords). */
  stdin(): Promise<string>;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command touches the database (adds `--db`). */
  usesDb: boolean;
  /** Whether the command may create the database file (imports, demo); others need it to exist. */
  createsDb?: boolean;
  run(ctx: CommandContext): Promise<number>;
}

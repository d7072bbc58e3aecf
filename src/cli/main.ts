/** Entry of the `duesight` command line: parses flags and dispatches to src/cli/commands. */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandContext, Flags } from './command.ts';
import { Database } from '../lib/server/db.ts';
import { DuesightError } from '../lib/server/errors.ts';
import { defaultDbPath } from '../lib/server/paths.ts';
import { commands } from './commands/index.ts';

function helpText(): string {
  const lines = ['Usage: duesight <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`, `  ${''.padEnd(10)} duesight ${c.usage}`);
  lines.push('', 'Every command that reads or writes data takes --db PATH (default data/duesight.duckdb).');
  return lines.join('\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText() + '\n');
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`duesight: unknown command "${name}". Run "duesight --help" for the list.\n`);
    return 2;
  }
  let db: Database | undefined;
  try {
    const options = { ...command.options, help: { type: 'boolean' as const, short: 'h' } };
    if (command.usesDb) Object.assign(options, { db: { type: 'string' as const } });
    const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    const flags = parsed.values as Flags;
    if (flags.help) {
      process.stdout.write(`Usage: duesight ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const dbPath = typeof flags.db === 'string' ? resolve(flags.db) : defaultDbPath;
    const ctx: CommandContext = {
      flags: { ...flags, db: dbPath },
      args: parsed.positionals,
      openDb: async (opts) => {
        if (!db && !command.createsDb && dbPath !== ':memory:' && !existsSync(dbPath)) {
          throw new DuesightError(`No database at ${dbPath}: run "duesight demo" or import your files first (or pass --db PATH).`);
        }
        return (db ??= await Database.open(dbPath, opts));
      },
      out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
      err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
      stdin: readStdin,
    };
    return await command.run(ctx);
  } catch (err) {
    if (err instanceof DuesightError) {
      process.stderr.write(`duesight ${name}: ${err.message}\n`);
      return 1;
    }
    const e = err as Error & { code?: string };
    if (e.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`duesight ${name}: ${e.message}. Usage: duesight ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`duesight ${name}: unexpected error: ${e.message}\n`);
    if (process.env.DUESIGHT_DEBUG) process.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

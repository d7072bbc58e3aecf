/** `duesight serve`: the web dashboard on the database named by --db. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command, CommandContext } from '../command.ts';
import { DuesightError } from '../../lib/server/errors.ts';
import { projectRoot } from '../../lib/server/paths.ts';
import { intFlag } from '../book-flags.ts';
import { uploadLimitBytes } from '../../lib/server/import/uploads.ts';

/** Starts the built app (build/) in this process; resolves once it listens. */
export async function serveDashboard(ctx: CommandContext, dbPath: string): Promise<void> {
  const entry = join(projectRoot, 'build', 'index.js');
  if (!existsSync(entry)) throw new DuesightError('The dashboard is not built yet: run "npm run build" (or "npm start", which builds it).');
  if (!existsSync(dbPath)) throw new DuesightError(`No database at ${dbPath}: run "duesight demo" or import your files first.`);
  const port = intFlag(ctx.flags, 'port', Number(process.env.PORT ?? 3000))!;
  process.env.DUESIGHT_DB = dbPath;
  process.env.PORT = String(port);
  process.env.HOST ??= '127.0.0.1';
  // auth: the site's own origin (else adapter-node assumes https and the login form fails its origin
  // check) and a body limit that lets uploads of the import page through (adapter-node's default is 512 kB).
  process.env.ORIGIN ??= `http://${process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST}:${port}`;
  process.env.BODY_SIZE_LIMIT ??= String(uploadLimitBytes() + 1024 * 1024);
  try {
    await import(pathToFileURL(entry).href);
  } catch (err) {
    const message = (err as Error).message;
    throw new DuesightError(message.startsWith('The database') ? message : `The dashboard could not start: ${message}`);
  }
  ctx.err(`Duesight is running on http://${process.env.HOST}:${port}/ (database ${dbPath}). Ctrl+C stops it.`);
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N]',
  summary: 'the web dashboard (one server per database file)',
  options: { port: { type: 'string' } },
  usesDb: true,
  async run(ctx) {
    await serveDashboard(ctx, String(ctx.flags.db));
    await new Promise(() => undefined); // runs until the server is stopped
    return 0;
  },
};

/** The web app's database: opened once per server process, on the file named by DUESIGHT_DB (or the default). */
import { Database } from './db.ts';
import { defaultDbPath } from './paths.ts';
import { availableParallelism } from 'node:os';
import { uploadsDir } from './import/uploads.ts';

let opening: Promise<Database> | undefined;

/**
 * DuckDB's threads in the web server: all cores but one, which is left to the server's own
 * thread (rendering pages), so that an import or a refresh cannot starve the pages being read.
 */
function duckdbThreads(): number {
  return Number(process.env.DUESIGHT_THREADS) || Math.max(1, availableParallelism() - 1);
}

/** The process's Database, opened on first use. */
export function appDb(): Promise<Database> {
  opening ??= Database.open(process.env.DUESIGHT_DB ?? defaultDbPath, {
    memoryLimit: process.env.DUESIGHT_MEMORY_LIMIT ?? '4GB',
    threads: duckdbThreads(),
    // Queries serving users touch no file but the database and the uploads the import page reads.
    allowedDirectories: [uploadsDir()],
  });
  return opening;
}

/** Closes the database (graceful shutdown): pending writes finish, the WAL is checkpointed. */
export async function closeAppDb(): Promise<void> {
  if (!opening) return;
  const db = await opening;
  opening = undefined;
  await db.close();
}

/** Where the project's files live at run time, for the CLI, the dev server and the built app alike. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  const starts = [process.env.DUESIGHT_ROOT, process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    if (!start) continue;
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'queries', 'schema.sql'))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('Cannot find the Duesight folder (one with queries/schema.sql); set DUESIGHT_ROOT.');
}

/** The repository root: the folder holding `queries/`, `data/` and `package.json`. */
export const projectRoot = findRoot();
/** The folder of SQL files, one statement each. */
export const queriesDir = join(projectRoot, 'queries');
/** The default database, used when `--db` is not given. */
export const defaultDbPath = process.env.DUESIGHT_DB ?? join(projectRoot, 'data', 'duesight.duckdb');

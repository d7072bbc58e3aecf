/** Builds the dashboard (vite build into build/) when it is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuesightError } from '../lib/server/errors.ts';
import { projectRoot } from '../lib/server/paths.ts';

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Runs `vite build` unless build/ is newer than src/, static/ and the build configuration. */
export function ensureBuilt(say: (text: string) => void): void {
  const built = newest(join(projectRoot, 'build', 'index.js'));
  const sources = Math.max(
    ...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(projectRoot, p))),
  );
  if (built > sources) return;
  say('Building the dashboard (first start, or the code changed)…');
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new DuesightError(`Building the dashboard failed (vite build exited with ${run.status}).`);
}

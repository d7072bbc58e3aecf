/** Builds the dashboard (vite build into build/) when it is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** Whether build/ is newer than src/, static/ and the build configuration. */
function isFresh(): boolean {
  const built = newest(join(projectRoot, 'build', 'index.js'));
  const sources = Math.max(
    ...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(projectRoot, p))),
  );
  return built > sources;
}

/**
 * Runs `vite build` unless the build is fresh. Processes that ask at the same time (browser test
 * files run in parallel) take turns through a lock folder, so only one of them builds.
 */
export function ensureBuilt(say: (text: string) => void): void {
  if (isFresh()) return;
  const lock = join(projectRoot, '.build-lock');
  const waitUntil = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > waitUntil) throw new DuesightError(`${lock} has been held for 5 minutes: remove it if no build is running.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (!isFresh()) build(say);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(say: (text: string) => void): void {
  say('Building the dashboard (first start, or the code changed)…');
  const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  // Always a production build: called from the test runner, NODE_ENV would be "test", and Svelte
  // would compile its development checks into every page (a third of each page's server time).
  const env = { ...process.env, NODE_ENV: 'production' };
  const run = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: projectRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new DuesightError(`Building the dashboard failed (vite build exited with ${run.status}).`);
}

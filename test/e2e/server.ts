/** Starts and stops the built app (`node build`) on a free port, for browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  /** What the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs `node build` from `root` against the database `dbPath`, and waits until it answers. */
export async function startBuiltApp(root: string, dbPath: string, timeoutMs = 60_000): Promise<RunningApp> {
  if (!existsSync(join(root, 'build', 'index.js'))) {
    throw new Error(`No built app in ${join(root, 'build')}: run "npx vite build" before the browser tests.`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['build'], {
    cwd: root,
    env: { ...process.env, DUESIGHT_DB: dbPath, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`The app stopped before answering:\n${log}`);
    try {
      const res = await fetch(`${url}/aging`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => log, stop };
}

// kill -9 at 20 random moments of a `duesight import` of a large invoices file: after each, the
// database opens, its book holds either none or all of the file (row counts and checksums of
// the book tables, import and audit logs aside), and importing the file again succeeds and
// leaves the whole file in. The kill moments come from a seeded generator whose seed is printed:
// DUESIGHT_CRASH_SEED=<seed> replays a failure.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import { bookChecksum, ended, runCli, startCli, writeLargeBook } from '../helpers/import-process.ts';
import { tempDir } from './helpers.ts';

/** Invoices in the file: enough for the import to take a few seconds, few enough for 20 rounds in about 2 minutes. */
const ROWS = 60_000;
const KILLS = 20;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('duesight import killed with -9 at random moments', () => {
  let tmp: ReturnType<typeof tempDir>;
  let invoices: string;
  /** A database holding the customers only: each kill starts from a copy of it. */
  let base: string;
  /** The book before the import (none of the file) and after a whole import (all of it). */
  let none: Record<string, string>;
  let all: Record<string, string>;
  /** How long a whole import takes as a process, start to exit (ms): kills fall within it. */
  let fullRunMs: number;
  /** How long the command takes to start and give up on a missing file (ms): before that, a kill finds no import begun. */
  let startupMs: number;

  beforeAll(async () => {
    tmp = tempDir();
    const files = await writeLargeBook(tmp.dir, ROWS);
    invoices = files.invoices;
    base = join(tmp.dir, 'base.duckdb');
    expect(runCli(['import', 'customers', files.customers, '--db', base], tmp.dir).status).toBe(0);
    none = await bookChecksum(base);

    let started = Date.now();
    expect(runCli(['import', 'invoices', join(tmp.dir, 'missing.csv'), '--db', base], tmp.dir).status).toBe(1);
    startupMs = Date.now() - started;

    const whole = join(tmp.dir, 'whole.duckdb');
    copyFileSync(base, whole);
    started = Date.now();
    const run = runCli(['import', 'invoices', invoices, '--db', whole, '--json'], tmp.dir);
    fullRunMs = Date.now() - started;
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'imported', rows: ROWS, inserted: ROWS });
    all = await bookChecksum(whole);
    // The file is all of the difference: 60,000 invoices, one settlement row each.
    expect(all.invoices).toMatch(/^60000 rows/);
    expect(all.invoice_status).toMatch(/^60000 rows/);
    expect(none.invoices).toBe('0 rows, checksum 0');
  }, 120_000);
  afterAll(() => tmp?.remove());

  test(`${KILLS} kills: each leaves none or all of the file, and the import then runs`, async () => {
    const seed = Number(process.env.DUESIGHT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash-points seed ${seed} (replay with DUESIGHT_CRASH_SEED=${seed}); the command starts in ${startupMs} ms, a whole import takes ${fullRunMs} ms`);
    const random = seededRandom(seed);
    const outcomes: string[] = [];
    const db = join(tmp.dir, 'crash.duckdb');
    for (let k = 1; k <= KILLS; k++) {
      // A fresh copy of the customers-only book (its WAL from the last round removed with it).
      rmSync(`${db}.wal`, { force: true });
      copyFileSync(base, db);
      // From halfway through the start-up (a few kills before any import began) to the end of a whole run.
      const delay = Math.round(startupMs / 2 + random() * (fullRunMs - startupMs / 2));
      const child = startCli(['import', 'invoices', invoices, '--db', db, '--json'], tmp.dir);
      await sleep(delay);
      child.kill('SIGKILL');
      const signal = await ended(child);

      const after = await bookChecksum(db);
      const held = JSON.stringify(after) === JSON.stringify(none) ? 'none' : JSON.stringify(after) === JSON.stringify(all) ? 'all' : 'PART';
      outcomes.push(`kill ${k} at ${delay} ms (${signal ?? 'already exited'}): ${held}`);
      expect(held, `seed ${seed}, kill ${k} at ${delay} ms left ${JSON.stringify(after)}`).not.toBe('PART');

      // Importing the file again succeeds, whatever the kill left, and the whole file is then in.
      const reopened = await Database.open(db);
      try {
        const again = await importFile(reopened, { kind: 'invoices', path: invoices });
        expect(again.status).toBe(held === 'none' ? 'imported' : 'unchanged');
        expect(again.rows).toBe(ROWS);
      } finally {
        await reopened.close();
      }
      expect(await bookChecksum(db), `seed ${seed}, kill ${k}: after the re-run`).toEqual(all);
    }
    console.log(outcomes.join('\n'));
    console.log(`${outcomes.filter((o) => o.endsWith('none')).length} kills left none of the file, ${outcomes.filter((o) => o.endsWith('all')).length} all of it`);
  }, 240_000);
});

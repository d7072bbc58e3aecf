// `duesight demo` from the command line: JSON alone on stdout with --json, a clear refusal
// on a database that already holds data, and --replace to start over.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/lib/server/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'duesight-demo-cli-'));
const dbPath = join(dir, 'book.duckdb');

function duesight(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/duesight.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('duesight demo', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--json prints one JSON summary on stdout and nothing else', () => {
    const run = duesight('demo', '--customers', '50', '--invoices', '2000', '--db', dbPath, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ seed: 1, customers: 50, invoices: 2000, fx_rates: 2192, start: '2023-11-01', end: '2026-10-31' });
    for (const key of ['payments', 'adjustments', 'seconds']) expect(typeof summary[key], key).toBe('number');
  });

  test('refuses a database that already holds a book, saying how to replace it', () => {
    const run = duesight('demo', '--customers', '50', '--invoices', '2000', '--db', dbPath, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/already holds 50 customers, 2000 invoices/);
    expect(run.stderr).toMatch(/--replace/);
  });

  test('--replace builds the new book in place of the old one', () => {
    const run = duesight('demo', '--customers', '30', '--invoices', '1000', '--seed', '9', '--end', '2025-12-31', '--db', dbPath, '--replace', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ seed: 9, customers: 30, invoices: 1000, start: '2023-01-01', end: '2025-12-31' });
  });

  test('without --json, a one-line summary goes to stderr', () => {
    const run = duesight('demo', '--customers', '20', '--invoices', '500', '--db', dbPath, '--replace');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Demo book \(seed 1, 2023-11-01 to 2026-10-31\) written to .* 20 customers, 500 invoices/);
  });

  test('bad values are refused with a clear message', () => {
    const run = duesight('demo', '--invoices', 'many', '--db', dbPath);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/--invoices must be a whole number/);
    const end = duesight('demo', '--end', '2026-02-30', '--db', dbPath, '--replace');
    expect(end.status).toBe(1);
    expect(end.stderr).toMatch(/end date must be an ISO date/);
  });
});

// `duesight export` and `duesight verify` from the command line, on a small demo book: files and
// manifests written, exit 0 while the data match, exit 1 with a sentence after a back-dated payment.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../src/lib/server/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'duesight-export-cli-'));
const db = join(dir, 'book.duckdb');
const AS_OF = '2026-06-30';

function duesight(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/duesight.js', ...args, '--db', db], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  expect(duesight('demo', '--customers', '40', '--invoices', '1500').status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('export writes the file and its manifest; verify passes, then fails after a back-dated payment', () => {
  const csv = join(dir, 'aging.csv');
  const xlsx = join(dir, 'aging.xlsx');
  const exported = duesight('export', '--as-of', AS_OF, '--format', 'csv', '--out', csv, '--json');
  expect(exported.status, exported.stderr).toBe(0);
  const { manifest, files } = JSON.parse(exported.stdout);
  expect(files).toEqual([csv, join(dir, 'aging.manifest.json')]);
  expect(manifest.generated_by).toMatch(/^cli:/); // the OS user
  expect(duesight('export', '--as-of', AS_OF, '--out', xlsx).status).toBe(0); // the format from the extension

  const ok = duesight('verify', csv);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('matches the database');

  expect(duesight('import', 'payments', join(projectRoot, 'test/fixtures/export/backdated-payment.csv')).status).toBe(0);
  for (const file of [csv, xlsx]) {
    const stale = duesight('verify', file);
    expect(stale.status, file).toBe(1);
    expect(stale.stderr).toContain('no longer matches the database');
    expect(stale.stderr).toContain(`highest import id then ${manifest.max_import_id}`);
  }
});

test('statements: one file per named customer into a folder', () => {
  const folder = join(dir, 'statements');
  const run = duesight('export', '--as-of', AS_OF, '--report', 'statements', '--format', 'pdf', '--out', folder, '--customer', 'C000001', '--customer', 'C000002');
  expect(run.status, run.stderr).toBe(0);
  expect(readdirSync(folder).sort()).toEqual(['statement-C000001.pdf', 'statement-C000002.pdf']);
});

test('errors are one sentence with a non-zero exit, and leave no file behind', () => {
  const out = join(dir, 'nobody.csv');
  const run = duesight('export', '--as-of', AS_OF, '--report', 'statements', '--customer', 'NOBODY', '--out', out);
  expect(run.status).toBe(1);
  expect(run.stderr.trim()).toBe('duesight export: There is no customer "NOBODY" in the book.');
  expect(existsSync(out)).toBe(false);
  expect(existsSync(`${out}.partial`)).toBe(false);
  expect(duesight('export', '--as-of', AS_OF, '--out', join(dir, 'x.docx')).stderr).toContain('--format must be csv, xlsx, pdf');
});

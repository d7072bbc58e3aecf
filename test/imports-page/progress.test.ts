// A larger file's progress can be followed while it is read: the job passes through the
// pipeline's stages (reading, staging, validating, …) with a fraction, and the progress
// endpoint reports the same until the job is done. The file is generated: 300,000 invoices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SessionUser } from '../../src/lib/auth-roles.ts';
import { appDb, closeAppDb } from '../../src/lib/server/app-db.ts';
import { jobProgress } from '../../src/lib/server/import/job-view.ts';
import { jobFinished, uploadJobs } from '../../src/lib/server/import/jobs.ts';
import { readUploadForm, uploadAndStart } from '../../src/lib/server/import/web.ts';

const ana: SessionUser = { name: 'ana', role: 'analyst' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duesight-imports-progress-'));
  process.env.DUESIGHT_DB = join(dir, 'book.duckdb');
  process.env.DUESIGHT_UPLOAD_DIR = join(dir, 'uploads');
});
afterAll(async () => {
  await closeAppDb();
  delete process.env.DUESIGHT_UPLOAD_DIR;
  rmSync(dir, { recursive: true, force: true });
});

test('a 300,000-row check reports its stages and fractions while it runs', async () => {
  const lines = ['invoice_id,customer_id,invoice_date,due_date,amount'];
  for (let i = 1; i <= 300_000; i++) lines.push(`P-${i},NOBODY,2024-01-01,2024-01-31,${(i % 997) + 1}.25`);
  const form = new FormData();
  form.append('kind', 'invoices');
  form.append('file', new File([lines.join('\n')], 'big.csv'));
  form.append('mode', 'check');
  const request = await readUploadForm(form);
  if ('field' in request) throw new Error(JSON.stringify(request));

  const started = Date.now();
  const { upload } = await uploadAndStart(await appDb(), request, ana.name);
  const seen = new Map<string, number | null>();
  while (uploadJobs(upload.id).check?.state === 'running') {
    const p = jobProgress(uploadJobs(upload.id).check)!;
    seen.set(p.stage, p.fraction);
    expect(p.fraction === null || (p.fraction >= 0 && p.fraction <= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
  }
  await jobFinished(upload.id, 'check');
  const elapsed = Date.now() - started;
  const job = uploadJobs(upload.id).check!;
  // Every row names a customer the empty book does not hold: 300,000 rejected.
  expect(job.result).toMatchObject({ rows: 300_000, rejected: 300_000, status: 'rejected' });
  expect(jobProgress(job)).toEqual({ state: 'done', stage: 'done', fraction: 1 });
  console.log(`300,000-row check: ${elapsed} ms; stages seen: ${[...seen.keys()].join(', ')}`);
  // The stages seen while polling are the pipeline's, in its vocabulary.
  expect([...seen.keys()].every((s) => ['reading', 'converting', 'staging', 'validating', 'done'].includes(s))).toBe(true);
  expect(seen.size).toBeGreaterThanOrEqual(2);
}, 120_000);

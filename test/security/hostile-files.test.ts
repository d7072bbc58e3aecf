// Hostile files through the web import page (/imports), against the built app: a body declared
// over the limit is a 413 naming it; a zip-bomb XLSX is refused before it is unpacked, with
// memory steady; a file name that climbs out of the folder is stored under a random name inside
// it; formula text in names imported from a workbook is shown as text; a 100 MB CSV is checked
// with progress while other pages keep answering (last: it leaves the server's memory grown). (SQL injection in parameters and hostile
// names imported from CSV are in hostile-input.test.ts.)
import { existsSync, openAsBlob, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/auth-roles.ts';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';
import { writeCustomersWorkbook, writeXlsxBomb } from '../helpers/xlsx-bomb.ts';
import { tempDir } from '../import/helpers.ts';
import { startSecurityApp, type SecurityApp } from './app.ts';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's resident memory now, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/** Text as Svelte writes it into the page: & and < escaped. */
const asPageText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('hostile files on the import page', () => {
  let s: SecurityApp;
  let tmp: ReturnType<typeof tempDir>;
  /** The server's upload folder: beside its database. */
  let uploads: string;

  /** Posts the upload form as a browser would; `file` is sent under `fileName`. */
  const upload = (who: Role, fields: { kind: string; mode: 'check' | 'import' }, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('kind', fields.kind);
    form.append('mode', fields.mode);
    form.append('file', file, fileName);
    return s.request(who, '/imports?/upload', { method: 'POST', headers: { accept: 'text/html' }, body: form });
  };

  /** The upload id a successful upload redirected to. */
  const uploadId = (res: Response) => {
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
    return location.slice('/imports/'.length);
  };

  /** Polls the upload's progress until its job of `mode` ends; every progress answer seen, in order. */
  const finished = async (id: string, mode: 'check' | 'import', onPoll: () => void = () => undefined) => {
    const seen: { state: string; stage: string; fraction: number | null }[] = [];
    for (;;) {
      onPoll();
      const res = await s.request('analyst', `/imports/${id}/progress`);
      expect(res.status).toBe(200);
      const job = (await res.json())[mode];
      if (job) seen.push(job);
      if (job && job.state !== 'running') return seen;
      await sleep(100);
    }
  };

  beforeAll(async () => {
    tmp = tempDir();
    s = await startSecurityApp();
    uploads = join(dirname(s.dbPath), 'uploads');
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    tmp?.remove();
  });

  test('a body declared larger than the limit is refused at once with a 413 naming the limit', async () => {
    // 270 MB declared (over the 256 MB default), nothing sent: the page answers from the headers alone.
    const cookie = await s.app.sessionCookie('analyst');
    const url = new URL(`${s.app.url}/imports?/upload`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: {
          cookie, origin: s.app.url, accept: 'text/html',
          'content-type': 'multipart/form-data; boundary=x', 'content-length': String(270 * MB),
        },
      }, (res) => {
        let body = '';
        res.on('data', (d) => (body += String(d)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/256 MB/);
    expect((await s.request('cfo', '/aging')).status).toBe(200);
  });

  for (const declare of ['truth', 'lie'] as const) {
    test(`a zip-bomb XLSX (declaring its size: ${declare}) is refused before it is unpacked; memory stays steady`, async () => {
      const path = join(tmp.dir, `bomb-${declare}.xlsx`);
      // 2,048 MiB of sheet rows in a file of a few MB.
      const bomb = writeXlsxBomb(path, 2048, declare);
      expect(bomb.unpackedBytes).toBeGreaterThan(2000 * MB);
      expect(statSync(path).size).toBeLessThan(10 * MB);

      const baseline = rssMb(s.app.pid);
      const memory: number[] = [];
      const started = Date.now();
      const id = uploadId(await upload('analyst', { kind: 'customers', mode: 'check' }, await openAsBlob(path), 'customers.xlsx'));
      const progress = await finished(id, 'check', () => memory.push(rssMb(s.app.pid)));
      const ms = Date.now() - started;
      expect(progress.at(-1)).toMatchObject({ state: 'failed' });
      const page = await (await s.request('analyst', `/imports/${id}`)).text();
      expect(page).toMatch(/unpacks to more than 256 MB, the most an XLSX file may hold/);
      expect(page).not.toContain(uploads); // the message names the stored file, not the server's folders
      const peak = Math.max(baseline, ...memory);
      console.log(`zip bomb (${declare}): ${(statSync(path).size / MB).toFixed(1)} MB file, ${(bomb.unpackedBytes / MB).toFixed(0)} MB unpacked; refused in ${ms} ms; server memory ${baseline} MB before, peak ${peak} MB, after ${rssMb(s.app.pid)} MB`);
      // Unpacked, the sheet alone would take 2 GB; the check holds a few buffers at a time.
      expect(peak - baseline).toBeLessThan(150);
      expect((await s.request('cfo', '/aging')).status).toBe(200);
    }, 300_000);
  }

  test('a file name that climbs out of the folder is stored under a random name inside it', async () => {
    const csv = new Blob(['customer_id,name\nT-1,Traversal customer\n']);
    const sent = { '../../etc/passwd.csv': 'passwd.csv', '..\\..\\..\\windows\\win.ini.csv': 'win.ini.csv', '/etc/passwd.csv': 'passwd.csv' };
    for (const [name, shown] of Object.entries(sent)) {
      const id = uploadId(await upload('analyst', { kind: 'customers', mode: 'check' }, csv, name));
      await finished(id, 'check');
      // The page names the file by its last part only, and the file is stored under the upload's id.
      const page = await (await s.request('analyst', `/imports/${id}`)).text();
      expect(page).toContain(`name:"${shown}"`);
      expect(page).not.toMatch(/\.\.[\\/]+(etc|windows)|\/etc\/passwd/);
      expect(existsSync(join(uploads, `${id}.csv`))).toBe(true);
    }
    // The folder holds random names only, and nothing was written beside or above it.
    expect(readdirSync(uploads).every((f) => /^[0-9a-f-]{36}\.(csv|xlsx|json)$/.test(f) || f === 'work')).toBe(true);
    for (const escaped of [join(uploads, '../../etc/passwd.csv'), join(uploads, '../etc/passwd.csv'), join(dirname(s.dbPath), 'passwd.csv')]) {
      expect(existsSync(escaped), escaped).toBe(false);
    }
    expect(readFileSync('/etc/passwd', 'utf8')).not.toContain('Traversal customer');
  });

  test('formula text in names imported from a workbook is shown as text on the customers pages', async () => {
    const names: [string, string][] = [
      ['XF-1', '=HYPERLINK("http://evil.example","click")'],
      ['XF-2', '=1+2'],
      ['XF-3', '+CMD|\' /C calc\'!A0'],
      ['XF-4', '@SUM(1+1)'],
      ['XF-5', '-2+3'],
    ];
    const path = join(tmp.dir, 'formula-names.xlsx');
    writeCustomersWorkbook(path, names);
    const id = uploadId(await upload('analyst', { kind: 'customers', mode: 'import' }, await openAsBlob(path), 'formula-names.xlsx'));
    expect((await finished(id, 'import')).at(-1)).toMatchObject({ state: 'done' });
    for (const [customer, name] of names) {
      const res = await s.request('cfo', `/customers/${customer}`);
      expect(res.status, customer).toBe(200);
      const html = await res.text();
      // The name as typed, not its result ("=1+2", never "3" in its place).
      expect(html, customer).toContain(asPageText(name));
    }
    const list = await (await s.request('cfo', `/customers?${new URLSearchParams({ q: 'XF-' })}`)).text();
    for (const [, name] of names) expect(list).toContain(asPageText(name));
  });

  test('a 100 MB CSV is checked with progress, and other pages answer meanwhile', async () => {
    // 2,300,000 invoices of one demo customer: each line is about 50 bytes, so 110-120 MB.
    const rows = 2_300_000;
    const path = join(tmp.dir, 'invoices-100mb.csv');
    const mem = await Database.open(':memory:');
    await mem.read((c) =>
      queryText(c, `COPY (SELECT printf('HF%08d', i) AS invoice_id, $customer AS customer_id, DATE '2024-01-01' + (i % 300)::INT AS invoice_date,
          DATE '2024-01-31' + (i % 300)::INT AS due_date, (10 + i % 5000)::DECIMAL(18,2) AS amount FROM range($n) t(i)) TO $p (HEADER)`,
      { customer: s.book.customerId, n: rows, p: path }),
    );
    await mem.close();
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(100 * MB);

    // Other pages, requested one after another for as long as the upload and its check run.
    const pages = ['/', '/aging', '/customers'];
    const answers: { path: string; status: number; ms: number }[] = [];
    let busy = true;
    const browsing = (async () => {
      for (let i = 0; busy; i++) {
        const path = pages[i % pages.length];
        const started = Date.now();
        const res = await s.request('cfo', path);
        await res.arrayBuffer();
        answers.push({ path, status: res.status, ms: Date.now() - started });
      }
    })();
    const memory: number[] = [];
    const sampling = setInterval(() => memory.push(rssMb(s.app.pid)), 200);
    const baseline = rssMb(s.app.pid);

    const sent = Date.now();
    const id = uploadId(await upload('analyst', { kind: 'invoices', mode: 'check' }, await openAsBlob(path), 'invoices-100mb.csv'));
    const uploadMs = Date.now() - sent;
    const uploadPeak = Math.max(baseline, ...memory);
    memory.length = 0;
    const progress = await finished(id, 'check');
    const checkMs = Date.now() - sent - uploadMs;
    busy = false;
    await browsing;
    clearInterval(sampling);

    const page = await (await s.request('analyst', `/imports/${id}`)).text();
    // Checked whole: 2,300,000 rows, none rejected (the page shows the count with separators).
    expect(progress.at(-1)).toMatchObject({ state: 'done', fraction: 1 });
    expect(page).toMatch(/2,300,000/);
    // The page had something to show while it ran: stages, and fractions between 0 and 1.
    const stages = new Set(progress.map((p) => p.stage));
    expect(stages.size).toBeGreaterThan(1);
    expect(progress.some((p) => p.fraction !== null && p.fraction > 0 && p.fraction < 1)).toBe(true);
    // Every other page answered, and the stored file is the whole upload.
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(statSync(join(uploads, `${id}.csv`)).size).toBe(size);
    const slowest = Math.max(...answers.map((a) => a.ms));
    const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
    console.log(
      `100 MB CSV (${(size / MB).toFixed(1)} MB, ${rows} rows): upload ${uploadMs} ms, check ${checkMs} ms; stages ${[...stages].join(' → ')}; ` +
        `${answers.length} page answers meanwhile, median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${slowest} ms; ` +
        `server memory ${baseline} MB before, peak ${uploadPeak} MB while uploading, ${Math.max(...memory)} MB while checking, ${rssMb(s.app.pid)} MB after`,
    );
  }, 600_000);
});

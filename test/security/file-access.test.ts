// The web app's DuckDB: file access only inside its allowed folders (the uploads), for every
// connection, for good; the database file itself still writes, checkpoints and reopens.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { queryText } from '../../src/lib/server/sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'duesight-file-access-'));
const uploads = join(dir, 'uploads');
const elsewhere = join(dir, 'elsewhere');
mkdirSync(uploads);
mkdirSync(elsewhere);
writeFileSync(join(uploads, 'ok.csv'), 'a,b\n1,2\n');
writeFileSync(join(elsewhere, 'secret.csv'), 'a,b\n3,4\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a database opened with allowedDirectories', () => {
  test('reads and writes files only in the allowed folder, on every connection, and cannot be switched back', async () => {
    const dbPath = join(dir, 'book.duckdb');
    const db = await Database.open(dbPath, { allowedDirectories: [uploads], memoryLimit: '512MB', threads: 2 });
    try {
      const run = (sql: string) => db.read((conn) => queryText(conn, sql));
      expect(await run(`SELECT a::INTEGER AS a, b::INTEGER AS b FROM read_csv('${join(uploads, 'ok.csv')}')`)).toEqual([{ a: 1, b: 2 }]);
      const refused = [
        `SELECT * FROM read_csv('${join(elsewhere, 'secret.csv')}')`,
        `SELECT * FROM read_csv('${join(uploads, '..', 'elsewhere', 'secret.csv')}')`, // out through ..
        `COPY (SELECT 1) TO '${join(elsewhere, 'out.csv')}'`,
        `ATTACH '${join(elsewhere, 'other.duckdb')}' AS other`,
        `SELECT * FROM glob('${dir}/*')`,
        `SELECT * FROM read_text('/etc/passwd')`,
        'SET enable_external_access = true',
        `SET allowed_directories = ['/']`,
        `SET temp_directory = '${elsewhere}'`,
        'INSTALL httpfs',
      ];
      for (const sql of refused) await expect(run(sql), sql).rejects.toThrow(/Permission Error|Invalid Input Error|disabled|Cannot/);
      const [settings] = await run(`SELECT current_setting('threads')::INTEGER AS threads, current_setting('enable_external_access') AS external`);
      expect(settings).toEqual({ threads: 2, external: false });
      // The database itself works as usual.
      await db.write((conn) => conn.run(`INSERT INTO settings VALUES ('probe', 'kept')`));
    } finally {
      await db.close();
    }
    const again = await Database.open(dbPath);
    try {
      expect(await again.read((conn) => queryText(conn, `SELECT value FROM settings WHERE key = 'probe'`))).toEqual([{ value: 'kept' }]);
    } finally {
      await again.close();
    }
  });
});

// Every statement in queries/ is planned by DuckDB against the schema, so a typo, a wrong
// column or a missing parameter fails the build (after Mosaic's tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../../src/lib/server/db.ts';
import { queriesDir } from '../../src/lib/server/paths.ts';
import { sqlText } from '../../src/lib/server/sql.ts';

/** Files of many statements, run whole when a database opens. */
const SCRIPTS = new Set(['schema', 'macros']);

const names = readdirSync(queriesDir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.slice(0, -4))
  .sort();

/** The files a query says must run before it (`-- needs: a, b`), e.g. to create a staging table. */
function needs(text: string): string[] {
  const m = /^--\s*needs:\s*(.+)$/m.exec(text);
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** Replaces each $param with NULL: EXPLAIN plans a statement without values. */
function withoutParams(text: string): string {
  return text.replace(/\$([a-z_][a-z0-9_]*)/gi, 'NULL');
}

describe('queries/', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:');
  });
  afterAll(() => db.close());

  test('holds the schema, the macros and the queries', () => {
    expect(names).toContain('schema');
    expect(names).toContain('macros');
    expect(names.length).toBeGreaterThan(10);
  });

  for (const name of names.filter((n) => !SCRIPTS.has(n))) {
    test(`${name}.sql is one statement DuckDB can plan`, async () => {
      const text = sqlText(name);
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text.trimStart().startsWith('--'), `${name}.sql should open with a comment saying what it returns`).toBe(true);
      await db.read(async (conn: DuckDBConnection) => {
        await conn.run('BEGIN TRANSACTION');
        try {
          for (const prerequisite of needs(text)) await conn.run(withoutParams(sqlText(prerequisite)));
          const extracted = await conn.extractStatements(text);
          expect(extracted.count, `${name}.sql must hold exactly one statement`).toBe(1);
          await conn.run(`EXPLAIN ${withoutParams(text)}`);
        } finally {
          await conn.run('ROLLBACK');
        }
      });
    });
  }

  test('no query splices a value: every value is a $parameter', () => {
    for (const name of names.filter((n) => !SCRIPTS.has(n))) {
      const text = readFileSync(join(queriesDir, `${name}.sql`), 'utf8');
      expect(text, `${name}.sql uses \${…} interpolation`).not.toMatch(/\$\{/);
    }
  });
});

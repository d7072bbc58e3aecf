// The audit log: each entry's hash covers the previous hash and its own content, so changing,
// deleting or cutting off entries is found by verifyAuditChain; imports are recorded with the
// import, in the same transaction.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { audit, canonicalJson, GENESIS_HASH, verifyAuditChain, auditEntries } from '../../src/lib/server/audit.ts';
import { Database } from '../../src/lib/server/db.ts';
import { importFile } from '../../src/lib/server/import/index.ts';
import { projectRoot } from '../../src/lib/server/paths.ts';

let db: Database;
beforeEach(async () => {
  db = await Database.open(':memory:');
});
afterEach(() => db.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const at = new Date('2026-01-02T03:04:05.678Z');
const sql = (text: string) => db.read((conn) => conn.run(text));

async function threeEntries() {
  await audit(db, { actor: 'alice', role: 'admin', via: 'web', action: 'login', params: { address: '127.0.0.1' }, outcome: 'ok', at });
  await audit(db, { actor: 'mallory', role: null, via: 'web', action: 'login_failed', params: { address: '10.0.0.9' }, outcome: 'failed', at });
  await audit(db, { actor: 'cli:bob', role: null, via: 'cli', action: 'user_add', target: 'carol', params: { role: 'cfo' }, outcome: 'ok', at });
}

describe('the audit hash chain', () => {
  test('the first hash is SHA-256 over 64 zeros, a newline and the entry content as a JSON array', async () => {
    const stored = await audit(db, { actor: 'alice', role: 'admin', via: 'web', action: 'login', params: { b: 1, a: 'x' }, outcome: 'ok', at });
    // Content: [seq, at, actor, role, via, action, target, params (keys sorted), outcome, detail].
    const content = '[1,"2026-01-02T03:04:05.678Z","alice","admin","web","login",null,"{\\"a\\":\\"x\\",\\"b\\":1}","ok",null]';
    expect(stored.prev_hash).toBe(GENESIS_HASH);
    expect(stored.hash).toBe(sha256(`${'0'.repeat(64)}\n${content}`));
    // Read back from the table, the entry is the same (time to the millisecond, params canonical).
    const [row] = await db.read((conn) => auditEntries(conn));
    expect(row).toEqual(stored);
    expect(canonicalJson({ z: { d: 1, c: 2 }, a: [3, 1] })).toBe('{"a":[3,1],"z":{"c":2,"d":1}}');
  });

  test('an untouched log verifies, entry by entry', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
    await threeEntries();
    const entries = await db.read((conn) => auditEntries(conn));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1].prev_hash).toBe(entries[0].hash);
    expect(entries[2].prev_hash).toBe(entries[1].hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 3, headHash: entries[2].hash });
  });

  test('a changed entry is found, with the entries before it intact', async () => {
    await threeEntries();
    await sql(`UPDATE audit_log SET outcome = 'ok' WHERE seq = 2`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, entries: 1, broken: { seq: 2, reason: expect.stringContaining('changed') } });
  });

  test('an entry rewritten with a fresh hash breaks the link of the next one', async () => {
    await threeEntries();
    await sql(`UPDATE audit_log SET actor = 'someone', hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.broken?.seq).toBe(2); // its hash no longer matches its content
  });

  test('a deleted entry in the middle is found at the next one', async () => {
    await threeEntries();
    await sql('DELETE FROM audit_log WHERE seq = 2');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, entries: 1, broken: { seq: 3, reason: expect.stringContaining('missing') } });
  });

  test('entries cut off the end are found through the recorded head', async () => {
    await threeEntries();
    await sql('DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, entries: 2, broken: { seq: 3, reason: 'entries 3–3 were cut off the end' } });
  });

  test('appends made at the same time get consecutive numbers and one chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => audit(db, { actor: `u${i}`, role: null, via: 'web', action: 'login_failed', outcome: 'failed' })),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 20 });
  });
});

describe('imports in the audit log', () => {
  test('an import is recorded with its actor, file, kind, counts and outcome; a dry run is not', async () => {
    const path = join(projectRoot, 'test', 'fixtures', 'import', 'worked', 'customers.csv');
    await importFile(db, { kind: 'customers', path, dryRun: true, userName: 'cli:alice' });
    const result = await importFile(db, { kind: 'customers', path, userName: 'cli:alice' });
    const entries = await db.read((conn) => auditEntries(conn));
    expect(entries).toHaveLength(1);
    const [e] = entries;
    expect(e).toMatchObject({ actor: 'cli:alice', role: null, via: 'cli', action: 'import', target: 'customers.csv', outcome: 'ok' });
    expect(JSON.parse(e.params)).toMatchObject({ kind: 'customers', import_id: result.import_id, status: 'imported', rows: result.rows, rejected: 0 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 1 });
  });
});

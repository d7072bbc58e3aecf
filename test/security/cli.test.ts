// `duesight user` and `duesight audit` from the command line: passwords on standard input, the
// CLI named `cli:<OS user>` in the audit log, and `audit verify` failing on a tampered log.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Database } from '../../src/lib/server/db.ts';
import { projectRoot } from '../../src/lib/server/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'duesight-user-cli-'));
const dbPath = join(dir, 'book.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duesight(args: string[], input = '') {
  const run = spawnSync(process.execPath, ['bin/duesight.js', ...args, '--db', dbPath], { cwd: projectRoot, input, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('duesight user and audit', () => {
  test('user add reads the password from stdin; user list shows logins without secrets; user disable', async () => {
    // The database must exist first (user commands do not create one).
    await (await Database.open(dbPath)).close();
    expect(duesight(['user', 'add', 'alice', '--role', 'auditor'], 'a long enough password\n')).toMatchObject({ status: 0, stderr: 'Added the login "alice" (auditor).\n' });
    expect(duesight(['user', 'add', 'bob', '--role', 'cfo'], 'another password here')).toMatchObject({ status: 0 });

    const short = duesight(['user', 'add', 'carol', '--role', 'cfo'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toBe('duesight user: A password needs at least 10 characters.\n');
    expect(duesight(['user', 'add', 'carol', '--role', 'boss'], 'a long enough password').stderr).toContain('"boss" is not a role');

    const list = duesight(['user', 'list', '--json']);
    expect(list.status).toBe(0);
    const users = JSON.parse(list.stdout);
    expect(users.map((u: { name: string; role: string; disabled: boolean }) => [u.name, u.role, u.disabled])).toEqual([
      ['alice', 'auditor', false],
      ['bob', 'cfo', false],
    ]);
    expect(list.stdout).not.toMatch(/password|salt|scrypt/);

    expect(duesight(['user', 'disable', 'bob'])).toMatchObject({ status: 0 });
    expect(duesight(['user', 'disable', 'nobody']).stderr).toBe('duesight user: There is no login named "nobody".\n');
    expect(JSON.parse(duesight(['user', 'list', '--json']).stdout)[1]).toMatchObject({ name: 'bob', disabled: true });
  }, 120_000);

  test('the audit log names the CLI user, and audit verify says whether it is intact', async () => {
    const me = `cli:${userInfo().username}`;
    const list = JSON.parse(duesight(['audit', 'list', '--json']).stdout) as { seq: number; actor: string; action: string; target: string; outcome: string }[];
    // Newest first: add alice, add bob, the failed add (short password never reaches the database, so is not there), disable bob, disable nobody.
    expect(list.map((e) => [e.seq, e.actor, e.action, e.target, e.outcome])).toEqual([
      [4, me, 'user_disable', 'nobody', 'failed'],
      [3, me, 'user_disable', 'bob', 'ok'],
      [2, me, 'user_add', 'bob', 'ok'],
      [1, me, 'user_add', 'alice', 'ok'],
    ]);
    const ok = duesight(['audit', 'verify']);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/^The audit log is intact: 4 entries, the last hash [0-9a-f]{64}\.\n$/);

    const db = await Database.open(dbPath);
    await db.write((conn) => conn.run(`UPDATE audit_log SET target = 'carol' WHERE seq = 2`));
    await db.close();
    const bad = duesight(['audit', 'verify', '--json']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, entries: 1, broken: { seq: 2 } });
  }, 120_000);
});
